import type { JsonPath } from '../model.js';

type Token = { kind: 'any' } | { kind: 'one' } | { kind: 'index' } | { kind: 'key'; test: (key: string) => boolean };

/**
 * Dotted path patterns over a document path, as policies and waivers write them:
 * `spec.replicas`, `**.logLevel`, `logging.level.*`, `routes[*].weight`, `*Level`.
 * `*` is one segment, `**` any number, `[*]` one list index; list indices in the path are
 * skipped by key tokens, so `containers.image` matches `containers[2].image`.
 */
export function compilePathPattern(pattern: string): (path: JsonPath) => boolean {
  const tokens = tokenize(pattern);
  return (path) => matchFrom(tokens, 0, path, 0);
}

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (const raw of splitSegments(pattern)) {
    if (raw === '**') tokens.push({ kind: 'any' });
    else if (raw === '*') tokens.push({ kind: 'one' });
    else if (raw === '[*]' || raw === '[]') tokens.push({ kind: 'index' });
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
      return typeof seg === 'number' && matchFrom(tokens, ti + 1, path, si + 1);
    case 'key':
      if (typeof seg === 'number') return matchFrom(tokens, ti, path, si + 1);
      return token.test(seg) && matchFrom(tokens, ti + 1, path, si + 1);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
