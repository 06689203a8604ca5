// The one place patterns are matched: file globs (picomatch, with its options set here) and
// the dotted path patterns that policies, waivers and `analyzers:` steering write.
import picomatch from 'picomatch';
import type { JsonPath } from './model.js';

/** Dot files count: `.github/**`, `.configgate.yml`. */
const GLOB_OPTIONS = { dot: true } as const;
const globs = new Map<string, (path: string) => boolean>();

/**
 * Whether a repository-relative path matches any of the globs; compiled once per set. With
 * `basename`, a glob without a slash matches the file name anywhere (`*.yaml`); `nocase`
 * ignores case (file names of formats: `Dockerfile.env`, `APP.PROPERTIES`).
 */
export function globMatcher(
  patterns: string | readonly string[],
  opts: { basename?: boolean; nocase?: boolean } = {},
): (path: string) => boolean {
  const list = typeof patterns === 'string' ? [patterns] : [...patterns];
  if (list.length === 0) return () => false;
  const key = `${opts.basename ? 'b' : ''}${opts.nocase ? 'i' : ''}\0${list.join('\0')}`;
  let match = globs.get(key);
  if (!match) {
    const nocase = Boolean(opts.nocase);
    const each = list.map((g) => picomatch(g, { ...GLOB_OPTIONS, nocase, matchBase: Boolean(opts.basename) && !g.includes('/') }));
    match = each.length === 1 ? each[0] : (path) => each.some((m) => m(path));
    globs.set(key, match);
  }
  return match;
}

type Token =
  | { kind: 'any' }
  | { kind: 'one' }
  | { kind: 'index'; index?: number }
  | { kind: 'key'; test: (key: string) => boolean };

/**
 * Dotted path patterns over a document path, as policies, waivers and `analyzers:` write them:
 * `spec.replicas`, `**.logLevel`, `logging.level.*`, `routes[*].weight`, `routes[0]`, `*Level`.
 * `*` is one segment, `**` any number, `[*]` one list index, `[3]` index 3; list indices in the
 * path are skipped by key tokens, so `containers.image` matches `containers[2].image`.
 */
export function compilePathPattern(pattern: string): (path: JsonPath) => boolean {
  const tokens = tokenize(pattern);
  return (path) => matchFrom(tokens, 0, path, 0);
}

const patterns = new Map<string, (path: JsonPath) => boolean>();

/** `compilePathPattern(pattern)(path)`, compiled once per pattern. */
export function pathMatches(pattern: string, path: JsonPath): boolean {
  let match = patterns.get(pattern);
  if (!match) {
    match = compilePathPattern(pattern);
    patterns.set(pattern, match);
  }
  return match(path);
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of splitSegments(pattern)) {
    if (raw === '**') tokens.push({ kind: 'any' });
    else if (raw === '*') tokens.push({ kind: 'one' });
    else if (raw === '[*]' || raw === '[]') tokens.push({ kind: 'index' });
    else if (/^\[\d+\]$/.test(raw)) tokens.push({ kind: 'index', index: Number(raw.slice(1, -1)) });
    else if (raw.includes('*')) {
      const re = new RegExp(`^${raw.split('*').map(escapeRegExp).join('.*')}$`);
      tokens.push({ kind: 'key', test: (key) => re.test(key) });
    } else {
      const literal = raw.startsWith('[') ? raw.slice(1, -1).replace(/^"(.*)"$/, '$1') : raw;
      tokens.push({ kind: 'key', test: (key) => key === literal });
    }
  }
  return tokens;
}

/** `a.b[*]["x.y"]` → `a`, `b`, `[*]`, `["x.y"]`: dots separate, brackets stand alone. */
function splitSegments(pattern: string): string[] {
  const out: string[] = [];
  for (const m of pattern.matchAll(/\[(?:"[^"]*"|[^\]]*)\]|[^.[]+/g)) out.push(m[0]);
  return out;
}

function matchFrom(tokens: Token[], ti: number, path: JsonPath, si: number): boolean {
  if (ti === tokens.length) {
    while (si < path.length && typeof path[si] === 'number') si++;
    return si === path.length;
  }
  const token = tokens[ti];
  if (token.kind === 'any') {
    for (let k = si; k <= path.length; k++) if (matchFrom(tokens, ti + 1, path, k)) return true;
    return false;
  }
  if (si >= path.length) return false;
  const seg = path[si];
  switch (token.kind) {
    case 'one':
      return matchFrom(tokens, ti + 1, path, si + 1);
    case 'index':
      return typeof seg === 'number' && (token.index === undefined || token.index === seg) && matchFrom(tokens, ti + 1, path, si + 1);
    case 'key':
      if (typeof seg === 'number') return matchFrom(tokens, ti, path, si + 1);
      return token.test(seg) && matchFrom(tokens, ti + 1, path, si + 1);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
