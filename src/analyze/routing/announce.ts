// Announcements switched off and announcers removed: `export: all → none`, `advertise: false` on a
// speaker, a service entry with its prefixes deleted, a whole routing file deleted. Each withdraws
// what it announced unless something else in the change still announces it.
import type { Change, FileDiff, JsonPath } from '../../model.js';
import { getAt, isObject, lastKey } from '../kit/paths.js';
import { matchKey, matchValue, mentions } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, stringKeys } from './context.js';
import { entryName, prefixesOf, stillRouted } from './entries.js';
import { ANNOUNCE_ALL, ANNOUNCE_CONTEXT, ANNOUNCE_MODE_KEYS, ANNOUNCE_NONE, ANNOUNCED_PREFIX_FIELDS, CIDR_SHAPE, ROUTE_LISTS } from './vocabulary.js';
import { entriesOf } from '../kit/entries.js';

const word = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'boolean' ? String(v) : undefined);

/**
 * A switch of what a speaker announces, from announcing to announcing nothing, in a routing
 * context. A boolean switch on an entry that lists its prefixes is a drain (drains.ts), which
 * knows whether another entry still announces them.
 */
export function isAnnounceOff(x: Ctx, c: Change, after: unknown): boolean {
  if (c.kind !== 'modified' || !matchKey(lastKey(c.path), ANNOUNCE_MODE_KEYS)) return false;
  if (!matchValue(word(c.before), ANNOUNCE_ALL) || !matchValue(word(c.after), ANNOUNCE_NONE)) return false;
  const owner = getAt(after, c.path.slice(0, -1));
  if (typeof c.after === 'boolean' && isObject(owner) && prefixesOf(owner).length > 0) return false;
  return mentions([...stringKeys(c.path), x.f.path], ANNOUNCE_CONTEXT);
}

/** `export: all → none`: the speaker announces nothing; its prefixes, when it names them, are withdrawn. */
export function analyzeAnnounceOff(x: Ctx, c: Change, after: unknown): void {
  const ownerPath = c.path.slice(0, -1);
  const owner = getAt(after, ownerPath);
  const who = isObject(owner) ? entryName(owner, ownerPath).label || lastKey(ownerPath) : lastKey(ownerPath);
  const prefixes = isObject(owner) ? prefixesOf(owner) : [];
  const { scope, missing } = scopeWithHints(x.f.path, c.path, after, x.ctx.inventory);
  emit(x, {
    kind: 'routes-withdrawn', direction: 'risky', at: c, path: c.path, scope, missing,
    summary: `${who || 'speaker'}: ${lastKey(c.path)} ${word(c.before)} → ${word(c.after)}, every route it announced withdrawn${prefixes.length ? ` (${prefixes.slice(0, 5).join(', ')})` : ''} ${describeScope(scope)}`,
    data: { service: who || lastKey(c.path), prefixes, before: Math.max(prefixes.length, 1), after: 0, mode: { from: c.before, to: c.after } },
  });
}

/** The IP prefixes an object announces under announcement fields. */
function announcedBy(o: Record<string, unknown>): string[] {
  const fields = Object.fromEntries(Object.entries(o).filter(([k]) => matchKey(k, ANNOUNCED_PREFIX_FIELDS)));
  return prefixesOf(fields).filter((p) => CIDR_SHAPE.test(p));
}

/** Every announcer in a document: objects announcing IP prefixes, and route lists of IP prefixes. */
export function announcers(doc: unknown, path: JsonPath = [], out: Array<{ path: JsonPath; label: string; prefixes: string[] }> = []): typeof out {
  if (Array.isArray(doc)) {
    const key = lastKey(path);
    const cidrs = doc.filter((v): v is string => typeof v === 'string' && CIDR_SHAPE.test(v));
    if (cidrs.length && matchKey(key, ROUTE_LISTS)) out.push({ path, label: lastKey(path.slice(0, -1)) || key, prefixes: cidrs });
    doc.forEach((v, i) => announcers(v, [...path, i], out));
  } else if (isObject(doc)) {
    const own = announcedBy(doc);
    if (own.length) out.push({ path, label: entryName(doc, path).label, prefixes: own });
    else for (const [k, v] of entriesOf(doc)) announcers(v, [...path, k], out);
  }
  return out;
}

/** Whether a prefix is still announced by any document on the after side of the change. */
function announcedElsewhere(files: readonly FileDiff[], prefix: string): boolean {
  return files.some((f) => f.after?.documents.some((d) => stillRouted(d, prefix, [])));
}

/** An announcer removed (an entry deleted, or its whole file): the prefixes nothing else announces now are withdrawn. */
export function withdrawnWith(x: Ctx, c: Change, what: string): boolean {
  const found = announcers(c.before, c.path);
  for (const a of found) {
    const gone = a.prefixes.filter((p) => !announcedElsewhere(x.files, p));
    if (gone.length === 0) continue;
    const { scope, missing } = scopeWithHints(x.f.path, c.path, undefined, x.ctx.inventory);
    emit(x, {
      kind: 'routes-withdrawn', direction: 'risky', at: c, path: a.path, scope, missing,
      summary: `${a.label}: ${what}, every route it announced withdrawn (${gone.slice(0, 5).join(', ')}${gone.length > 5 ? ', …' : ''}), nothing else announces ${gone.length === 1 ? 'it' : 'them'} ${describeScope(scope)}`,
      data: { service: a.label, prefixes: gone, before: a.prefixes.length, after: a.prefixes.length - gone.length },
    });
  }
  return found.length > 0;
}
