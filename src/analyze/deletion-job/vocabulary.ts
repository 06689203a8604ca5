// What the deletion-job analyzer reads, as data. Keys and values are matched with kit/keys.ts
// (any spelling: `dry_run`, `dryRun`, `DRY-RUN`). The settings the size analyzer already reads
// anywhere (`softDelete`, `prune`, `DeletionPolicy`…) are not repeated here.
import type { Vocabulary } from '../kit/keys.js';

/** Words (of the file path, the keys on the way, or the job's name, kind, action) that make a document a deletion job. */
export const DELETION_WORDS: Vocabulary = [
  'delete', 'deletion', 'deletions', 'deleter', 'purge', 'purger', 'cleanup', 'cleaner', 'decommission', 'teardown', 'erase',
  'wipe', 'destroy', 'reaper', 'reap', 'expunge', 'deprovision', 'offboard', 'offboarding', 'gc', 'removal', 'remover',
];
/** Fields whose value names the job, its action or its kind, read for DELETION_WORDS. */
export const NAME_FIELDS: readonly string[] = ['name', 'job', 'action', 'operation', 'task', 'command', 'kind'];

/** Mode fields, read with the value words below. */
export const MODE_KEYS: Vocabulary = ['mode', 'deletemode', 'deletionmode', 'deletetype', 'deletiontype', 'deletestrategy', 'deletionstrategy', 'strategy', 'method', 'action', 'operation'];
export const SOFT_VALUES: Vocabulary = [
  'soft', 'softdelete', 'mark', 'markfordeletion', 'markdeleted', 'trash', 'movetotrash', 'archive', 'disable', 'suspend',
  'recoverable', 'logical', 'tombstone', 'deactivate', 'quarantine',
];
export const HARD_VALUES: Vocabulary = ['permanent', 'permanently', 'hard', 'harddelete', 'purge', 'destroy', 'physical', 'erase', 'wipe', 'immediate', 'shred', 'expunge', 'delete'];
export const DRY_VALUES: Vocabulary = ['dryrun', 'dry', 'simulate', 'simulation', 'preview', 'report', 'reportonly', 'plan', 'noop', 'whatif', 'audit', 'log', 'logonly'];

/** Switches that make a deletion permanent when turned on, or keep it recoverable while on. */
export const HARD_SWITCHES: Vocabulary = ['permanent', 'permanently', 'hard', 'harddelete', 'skiptrash', 'skiprecyclebin', 'bypasstrash', 'bypassrecyclebin', 'nobackup', 'skipbackup', 'immediate', 'purgeimmediately'];
export const SOFT_SWITCHES: Vocabulary = ['soft', 'markonly', 'markfordeletion', 'recoverable', 'usetrash', 'movetotrash', 'keepbackup', 'backupfirst', 'backupbeforedelete', 'snapshotbeforedelete'];

/** Dry-run switches (a key, an env variable name) and command-line flags. */
export const DRY_RUN_KEYS: Vocabulary = ['dryrun', 'simulate', 'noop', 'whatif', 'preview', 'planonly', 'reportonly', 'checkonly'];
export const DRY_RUN_FLAGS: readonly string[] = ['--dry-run', '--dryrun', '--dry_run', '--noop', '--what-if', '--whatif', '--simulate', '--preview', '--plan-only', '--report-only'];

/** Fields naming the kind of thing a job deletes. */
export const TARGET_TYPE_KEYS: Vocabulary = ['targettype', 'resourcetype', 'entitytype', 'objecttype', 'idtype', 'itemtype', 'deletetarget', 'deletiontarget', 'targetkind', 'level', 'scope', 'granularity'];
/** Under a `target`/`targets` object, these name the kind too. */
export const TARGET_OBJECTS: Vocabulary = ['target', 'targets', 'deletetarget', 'selector'];
export const TARGET_OBJECT_TYPE_KEYS: Vocabulary = ['type', 'kind', 'entity', 'resource'];

/** Kinds of target, narrowest first: a job moving up this ladder deletes more than it did. */
export const TARGET_RANKS: ReadonlyArray<Vocabulary> = [
  ['record', 'row', 'item', 'object', 'file', 'key', 'message', 'event', 'version', 'revision', 'snapshot', 'backup', 'artifact', 'image', 'tag', 'blob'],
  ['app', 'apps', 'appinstall', 'appinstallation', 'installation', 'install', 'plugin', 'extension', 'addon', 'integration', 'page', 'document', 'session', 'token', 'pod', 'container'],
  ['user', 'users', 'member', 'seat', 'license', 'product', 'service', 'deployment', 'table', 'index', 'queue', 'topic', 'volume', 'vm', 'instance', 'node'],
  ['site', 'sites', 'workspace', 'project', 'repository', 'repo', 'database', 'db', 'bucket', 'space', 'environment', 'namespace', 'cluster', 'team', 'group'],
  ['tenant', 'tenants', 'org', 'organization', 'organisation', 'account', 'accounts', 'customer', 'customers', 'subscription', 'cloud', 'region', 'all', 'everything'],
];

/** Lists of what a job deletes: ids, targets, or lists named after a target kind (`site_ids`, `appIds`). */
export const TARGET_LISTS: Vocabulary = ['ids', 'targets', '*ids', 'items', 'objects', 'resources', 'entities', 'sites', 'apps', 'tenants', 'accounts', 'customers', 'users', 'keys'];
/** Numbers bounding how much a job deletes per run. */
export const TARGET_LIMITS: Vocabulary = ['limit', 'maxitems', 'maxdeletes', 'maxdeletions', 'maxobjects', 'maxtargets', 'batchsize', 'maxbatchsize', 'max'];
