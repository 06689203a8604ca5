// BGP peers removed: a speaker whose every session is gone announces nothing any more, so every
// route it announced is withdrawn, even though the file it lost them in names no prefix. The
// peers a change removes are grouped by speaker and judged by what is left:
//  - a peer of the speaker left on the after side of the change: one peer of several, benign;
//  - the inventory's count of the speaker's peers (`bgp.speakers.<name>.peers`, `bgp.peers`);
//  - a speaker's own peer list (GoBGP `neighbors`, Cilium `virtualRouters[].neighbors`) is the
//    whole list: emptied, every session is gone;
//  - peers that are objects of their own (MetalLB, Calico `BGPPeer`) may sit in files the change
//    does not touch: the unchanged base is asked; when nobody can say, a warning names the fact.
import type { Change, FileDiff, JsonPath } from '../../model.js';
import { getAt, isObject } from '../kit/paths.js';
import { type Vocabulary, findKey, matchKey, matchWords, normKey, normText } from '../kit/keys.js';
import { describeScope, scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, listLocation, startsWith } from './context.js';
import { announcers } from './announce.js';
import { BGP_PEERS } from './vocabulary.js';
import { childrenOf, entriesOf } from '../kit/entries.js';

type Family = (typeof BGP_PEERS.standalone)[number];

export interface Peer {
  /** The speaker's key: a standalone family (`metallb`), or file, document and owner of a peer list. */
  speaker: string;
  /** The speaker as a person reads it, and the names the inventory may know it by. */
  label: string;
  names: string[];
  address: string;
  /** Where the peer is in its document, and the list holding it (none for a standalone object). */
  path: JsonPath;
  list?: JsonPath;
  family?: Family;
  /** The API group of its document (`metallb.io`, `cilium.io`), which says which address pools it announces. */
  group?: string;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : typeof v === 'number' ? String(v) : undefined);
/** `10.0.0.1/32`, `10.0.0.1:179` and `10.0.0.1` are one peer. */
const normAddress = (a: string): string => a.toLowerCase().replace(/\/(32|128)$/, '').replace(/^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/, '$1');

const groupOf = (doc: Record<string, unknown>): string => (typeof doc.apiVersion === 'string' && doc.apiVersion.includes('/') ? doc.apiVersion.split('/')[0]! : '');

function familyOf(doc: Record<string, unknown>): Family | undefined {
  const group = groupOf(doc);
  return BGP_PEERS.standalone.find((f) => f.kind === doc.kind && f.groups.some((g) => g === group));
}

/** The value of the first field of `obj` named in `fields`, in the order of `fields`, any spelling. */
function fieldIn(obj: Record<string, unknown>, fields: Vocabulary): unknown {
  const keys = Object.keys(obj);
  for (const f of fields) {
    const k = keys.find((key) => normKey(key) === normText(f));
    if (k !== undefined && obj[k] !== undefined && obj[k] !== null) return obj[k];
  }
  return undefined;
}

/** A peer entry's fields: the entry itself, and its GoBGP-style `config`. */
function fieldsOf(e: Record<string, unknown>): Record<string, unknown> {
  const holder = findKey(e, BGP_PEERS.holders);
  return holder && isObject(holder[1]) ? { ...e, ...holder[1] } : e;
}

function speakerName(owner: unknown, doc: unknown): string | undefined {
  if (isObject(owner)) {
    const hit = scalar(fieldIn(owner, BGP_PEERS.speaker));
    if (hit) return hit;
  }
  for (const p of BGP_PEERS.speakerPaths) {
    const v = scalar(getAt(doc, [...p]));
    if (v) return v;
  }
  return undefined;
}

/**
 * The BGP peers one document declares, in file `file`. A list of manifests (a top-level array, a
 * Kubernetes `List`'s `items`) is read as the documents it holds.
 */
export function peersOf(doc: unknown, file: string, at: JsonPath = []): Peer[] {
  if (at.length === 0 && Array.isArray(doc)) return doc.flatMap((d, i) => peersOf(d, file, [i]));
  if (!isObject(doc)) return [];
  if (at.length === 0 && doc.kind === BGP_PEERS.listKind && Array.isArray(doc.items)) return doc.items.flatMap((d, i) => peersOf(d, file, ['items', i]));
  const family = familyOf(doc);
  if (family) {
    const spec = isObject(doc.spec) ? doc.spec : {};
    const address = scalar(fieldIn(spec, family.address)) ?? scalar(getAt(doc, ['metadata', 'name'])) ?? '';
    return [{ speaker: family.family, label: `${family.label} (every ${family.kind})`, names: [family.family], address: normAddress(address), path: at, family, group: groupOf(doc) }];
  }
  const meta = isObject(doc.metadata) ? `${String(doc.kind ?? '')}/${String(doc.metadata.name ?? '')}` : '';
  const out: Peer[] = [];
  walk(doc, at, (owner, ownerPath, listPath, entries) => {
    const named = speakerName(owner, doc);
    const rel = ownerPath.slice(at.length);
    const key = `${file}#${meta}:${rel.map((s, i) => (typeof s === 'number' ? (speakerName(getAt(doc, rel.slice(0, i + 1)), undefined) ?? s) : s)).join('.')}`;
    const label = `${meta || file}${named ? ` (${named})` : ''}`;
    for (const [k, e] of entries) {
      const address = scalar(fieldIn(fieldsOf(e), BGP_PEERS.address)) ?? (typeof k === 'string' ? k : String(k));
      out.push({ speaker: key, label, names: [named, meta.split('/')[1], file].filter((n): n is string => !!n), address: normAddress(address), path: [...listPath, k], list: listPath, group: groupOf(doc) });
    }
  });
  return out;
}

type Visit = (owner: Record<string, unknown>, ownerPath: JsonPath, listPath: JsonPath, entries: Array<[string | number, Record<string, unknown>]>) => void;

/** Peer lists anywhere in a document: a list (or map) under a peer-list key whose entries carry a peer AS. */
function walk(v: unknown, path: JsonPath, visit: Visit): void {
  if (path.length > 12) return;
  if (Array.isArray(v)) return v.forEach((x, i) => walk(x, [...path, i], visit));
  if (!isObject(v)) return;
  for (const [k, x] of entriesOf(v)) {
    const entries = matchKey(k, BGP_PEERS.lists) ? peerEntries(x) : [];
    if (entries.length) visit(v, path, [...path, k], entries);
    else walk(x, [...path, k], visit);
  }
}

/** The entries of a peer list: every object entry, once one carries a peer AS (one inheriting it from a peer group has none). */
function peerEntries(x: unknown): Array<[string | number, Record<string, unknown>]> {
  const all = [...childrenOf(x)];
  const entries = all.filter((e): e is [string | number, Record<string, unknown>] => isObject(e[1]));
  return entries.some(([, e]) => scalar(fieldIn(fieldsOf(e), BGP_PEERS.asn)) !== undefined) ? entries : [];
}

interface Placed extends Peer {
  f: FileDiff;
  document: number;
}

const sidePeers = (f: FileDiff, side: 'before' | 'after'): Placed[] =>
  (f[side]?.documents ?? []).flatMap((doc, document) => peersOf(doc, f.path).map((p) => ({ ...p, f, document })));

/**
 * The change that removed a peer: its document, or an entry or list holding it; else (a list of
 * manifests diffed by position) the first change inside it, or of its file.
 */
function removalOf(p: Placed): Change {
  const changes = p.f.changes;
  return (
    changes.find((c) => c.document === p.document && (c.kind === 'removed' || c.kind === 'modified') && startsWith(p.path, c.path)) ??
    changes.find((c) => c.document === p.document && startsWith(c.path, p.path)) ??
    changes[0]!
  );
}

/** Files where a change removes a peer, a peer list or something holding one: only these are read whole. */
function touchesPeers(f: FileDiff): boolean {
  return f.changes.some((c) => {
    if (c.kind !== 'removed' && c.kind !== 'modified') return false;
    if (c.path.some((s) => matchKey(s, BGP_PEERS.lists))) return true;
    if (!isObject(c.before) && !Array.isArray(c.before)) return false;
    return peersOf(c.before, f.path, c.path).length > 0;
  });
}

/** The routing signals of BGP peers a change set removes. */
export function analyzePeerRemovals(files: readonly FileDiff[], base: Omit<Ctx, 'f'>): void {
  const touched = files.filter((f) => f.before && !matchWords(f.path.split('/'), BGP_PEERS.notLive) && touchesPeers(f));
  if (touched.length === 0) return;
  const before = touched.flatMap((f) => sidePeers(f, 'before'));
  const after = files.flatMap((f) => sidePeers(f, 'after'));
  const stillPeered = new Set(after.map((p) => p.address));
  for (const speaker of new Set(before.map((p) => p.speaker))) {
    const had = before.filter((p) => p.speaker === speaker);
    const gone = had.filter((p) => !stillPeered.has(p.address));
    if (gone.length === 0 || after.some((p) => p.speaker === speaker)) continue;
    judge(base, had, gone);
  }
}

/** An address pool a speaker announces: its kind and name, and its prefixes. */
interface AddressPool {
  id: string;
  group: string;
  prefixes: string[];
}

/** The address pool a document declares (MetalLB `IPAddressPool`, Cilium `CiliumLoadBalancerIPPool`, Calico `IPPool`). */
export function addressPoolOf(doc: unknown): AddressPool | undefined {
  if (!isObject(doc)) return undefined;
  const group = groupOf(doc);
  const kinds = BGP_PEERS.addressPools.filter((k) => k.kind === doc.kind && k.groups.some((g) => g === group));
  if (kinds.length === 0) return undefined;
  const prefixes = kinds.flatMap((k) => {
    const v = getAt(doc, [...k.prefixes]);
    const items = Array.isArray(v) ? v : [v];
    return items.map((x) => (isObject(x) ? scalar(x.cidr) ?? (scalar(x.start) ? `${x.start}-${scalar(x.stop) ?? ''}` : undefined) : scalar(x))).filter((x): x is string => !!x);
  });
  return { id: `${String(doc.kind)}/${String(getAt(doc, ['metadata', 'name']) ?? '')}`, group, prefixes };
}

const poolsIn = (f: FileDiff, side: 'before' | 'after'): AddressPool[] => (f[side]?.documents ?? []).map(addressPoolOf).filter((p): p is AddressPool => p !== undefined);

/** The address pools of an API group that stay: on the after side of the change, and unchanged in the base. */
function poolsLeft(base: Omit<Ctx, 'f'>, group: string | undefined): AddressPool[] {
  if (!group) return [];
  const kinds = [...new Set(BGP_PEERS.addressPools.filter((k) => k.groups.some((g) => g === group)).map((k) => k.kind))];
  if (kinds.length === 0) return [];
  const changed = base.files.flatMap((f) => poolsIn(f, 'after'));
  const unchanged = (base.ctx.unchangedBase?.containing(kinds) ?? []).flatMap((f) => f.documents.map(addressPoolOf).filter((p): p is AddressPool => p !== undefined));
  return [...changed, ...unchanged].filter((p) => p.group === group);
}

/**
 * The peers went with what they announced: an address pool of theirs deleted from the same file
 * (the two were one unit), or every address pool of their API group deleted by the change. A
 * decommission, not a withdrawal.
 */
function decommissioned(base: Omit<Ctx, 'f'>, gone: Placed[]): boolean {
  const group = gone[0]!.group;
  const deleted = base.files.flatMap((f) => {
    const kept = new Set(poolsIn(f, 'after').map((p) => p.id));
    return poolsIn(f, 'before').filter((p) => p.group === group && !kept.has(p.id)).map((p) => ({ f, p }));
  });
  if (deleted.length === 0) return false;
  return deleted.some(({ f }) => gone.some((g) => g.f === f)) || poolsLeft(base, group).length === 0;
}

/** Peers of a speaker gone, none left in the change: what is known of the rest decides. */
function judge(base: Omit<Ctx, 'f'>, had: Placed[], gone: Placed[]): void {
  const first = gone[0]!;
  if (decommissioned(base, gone)) return;
  const fact = peersFact(base, first);
  if (fact) return fact.count > gone.length ? undefined : withdrawn(base, had, gone, `${fact.count} peer${fact.count === 1 ? '' : 's'} in all (inventory ${fact.at})`, 'inventory');
  if (!first.family) return withdrawn(base, had, gone, 'its peer list is empty', 'config');
  const elsewhere = unchangedPeers(base, first);
  if (elsewhere === undefined) return unverified(base, had, gone);
  if (elsewhere === 0) withdrawn(base, had, gone, `no other ${first.family.kind} in the base's configuration files`, 'config');
}

function peersFact(base: Omit<Ctx, 'f'>, p: Peer): { count: number; at: string } | undefined {
  const bgp = base.ctx.inventory?.bgp;
  const speakers = Object.entries(bgp?.speakers ?? {});
  for (const n of p.names) {
    const hit = speakers.find(([k]) => k.toLowerCase() === n.toLowerCase());
    if (hit) return { count: hit[1].peers, at: `bgp.speakers.${hit[0]}.peers` };
  }
  return bgp?.peers !== undefined ? { count: bgp.peers, at: 'bgp.peers' } : undefined;
}

/** Peers of the same family in files the change leaves as they are; undefined when the source cannot say. */
function unchangedPeers(base: Omit<Ctx, 'f'>, p: Placed): number | undefined {
  const files = base.ctx.unchangedBase?.containing([p.family!.kind]);
  if (files === undefined) return undefined;
  return files.reduce((n, f) => n + f.documents.reduce<number>((m, d) => m + peersOf(d, f.path).filter((q) => q.speaker === p.speaker).length, 0), 0);
}

function where(base: Omit<Ctx, 'f'>, p: Placed): { x: Ctx; at: Change; path: JsonPath; pathText?: string; line?: number } {
  const x = { ...base, f: p.f };
  const at = removalOf(p);
  // The list is pointed at where it still is in the new file; a list gone with its key, at the removal.
  if (!p.f.after || !p.list || at.path.length < p.list.length || getAt(p.f.after.documents[at.document], p.list) === undefined) return { x, at, path: at.path };
  const loc = listLocation(x, at, p.list);
  return { x, at, path: p.list, ...loc };
}

/** The prefixes the speaker's documents announced, when they name them. */
function announced(had: Placed[]): string[] {
  const docs = new Set(had.map((p) => p.f.before?.documents[p.document]));
  return [...new Set([...docs].flatMap((d) => announcers(d).flatMap((a) => a.prefixes)))];
}

function withdrawn(base: Omit<Ctx, 'f'>, had: Placed[], gone: Placed[], why: string, basis: 'inventory' | 'config'): void {
  const first = gone[0]!;
  // A deleted speaker file that names its prefixes is withdrawn by announce.ts already.
  if (base.out.some((s) => s.type === 'routing' && s.kind === 'routes-withdrawn' && s.file === first.f.path && s.document === first.document)) return;
  const w = where(base, first);
  const { scope, missing } = scopeWithHints(first.f.path, w.path, first.f.before?.documents[first.document], base.ctx.inventory);
  const prefixes = [...new Set([...announced(had), ...poolsLeft(base, first.group).flatMap((p) => p.prefixes)])];
  const peers = gone.map((p) => p.address);
  emit(w.x, {
    kind: 'routes-withdrawn', direction: 'risky', at: w.at, path: w.path, scope, missing, pathText: w.pathText, line: w.line,
    summary: `${first.label}: every BGP peer removed (${peers.slice(0, 5).join(', ')}), ${why}: with no session left it announces nothing, every route it announced is withdrawn${prefixes.length ? ` (${prefixes.slice(0, 5).join(', ')})` : ''} ${describeScope(scope)}`,
    data: { service: first.label, speaker: first.speaker, peers, prefixes, before: had.length, after: 0, basis },
  });
}

function unverified(base: Omit<Ctx, 'f'>, had: Placed[], gone: Placed[]): void {
  const first = gone[0]!;
  const w = where(base, first);
  const { scope } = scopeWithHints(first.f.path, w.path, first.f.before?.documents[first.document], base.ctx.inventory);
  const fact = `how many BGP peers ${first.family!.family} has in files this change does not touch (inventory bgp.speakers.${first.family!.family}.peers)`;
  emit(w.x, {
    kind: 'peers-removed', direction: 'risky', at: w.at, path: w.path, scope, missing: [fact], pathText: w.pathText, line: w.line,
    summary: `${first.label}: ${gone.length} BGP peer${gone.length === 1 ? '' : 's'} removed (${gone.map((p) => p.address).slice(0, 5).join(', ')}) and none left in this change; if it had no other, every route it announced is withdrawn`,
    data: { service: first.label, speaker: first.speaker, peers: gone.map((p) => p.address), before: had.length, remaining: 'unknown' },
  });
}
