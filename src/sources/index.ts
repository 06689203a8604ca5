// sources: where a change set comes from — two folders or files, git refs, or the index.
export { DEFAULT_FILTER, filterFor, matchesFilter, type FileFilter } from './filter.js';
export { compareSources } from './folders.js';
export { gitChangeSet, readFileAtRef, resolveRef, type GitChangeSetOptions } from './git.js';
