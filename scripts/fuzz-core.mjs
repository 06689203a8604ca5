// The fuzz model and its properties (issue 10): random YAML/JSON file pairs, the second made
// from the first by the mutations a pull request makes, through the whole pipeline in-process.
// Shared by `npm run fuzz` (scripts/fuzz.mjs, on the built library) and the seeded slice in
// `npm test` (test/fuzz/, on the sources): `lib` is the library, whichever build it comes from.
//
// Properties of every pair:
//   1. no exception but the project's own (InputError);
//   2. the verdict and the policies that speak do not depend on key order, nor on file order;
//   3. the diff applied to the before documents gives the after documents (multi-document too);
//   4. two runs give identical JSON.

const KEYS = ['name', 'id', 'logLevel', 'level', 'replicas', 'weight', 'routes', 'pools', 'servers', 'timeoutMs', 'enabled', 'region', 'tags', 'limits', 'sampling', 'debug', 'value', 'spec', 'metadata', 'kind', 'toString', 'yes'];
const WORDS = ['debug', 'info', 'warn', 'error', 'trace', 'on', 'off', 'yes', 'no', 'eu-west-1', 'us-east-1', 'api', 'canary', '010', '0x1F', '1e3', '', ' ', '#x', 'a: b', '- x', '@here', '\u202e', '~', 'null', 'true', '1.5'];

/** The arbitraries of one run; `fc` is fast-check. */
export function fuzzModel(fc) {
  const scalar = fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...WORDS) },
    { weight: 3, arbitrary: fc.integer({ min: -3, max: 120 }) },
    { weight: 1, arbitrary: fc.constantFrom(0.5, 1e21, 2 ** 53 + 2, -0, 9007199254740993n) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.string({ maxLength: 6 }) },
  );
  const { value } = fc.letrec((tie) => ({
    value: fc.oneof(
      { depthSize: 'xsmall', withCrossShrink: true, maxDepth: 3 },
      scalar,
      fc.dictionary(fc.constantFrom(...KEYS), tie('value'), { maxKeys: 3 }),
      fc.array(tie('value'), { maxLength: 3 }),
      fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), weight: fc.integer({ min: 0, max: 100 }), value: scalar }), { maxLength: 3 }),
    ),
  }));
  const doc = fc.dictionary(fc.constantFrom(...KEYS), value, { minKeys: 1, maxKeys: 4 });
  const k8s = fc.record({ kind: fc.constantFrom('Deployment', 'Service'), metadata: fc.record({ name: fc.constantFrom('a', 'b', 'c') }), spec: doc });
  const mutation = fc.record({
    op: fc.constantFrom('change', 'add', 'remove', 'reorder', 'rename', 'retype', 'replace', 'add-doc', 'remove-doc', 'corrupt'),
    at: fc.nat(),
    key: fc.constantFrom(...KEYS),
    value,
  });
  const file = fc.record({
    format: fc.constantFrom('yaml', 'yaml', 'json'),
    docs: fc.oneof(fc.array(doc, { minLength: 1, maxLength: 2 }), fc.uniqueArray(k8s, { minLength: 1, maxLength: 3, selector: (d) => `${d.kind}/${d.metadata.name}` })),
    mutations: fc.array(mutation, { minLength: 1, maxLength: 3 }),
  });
  return { pair: fc.record({ files: fc.array(file, { minLength: 1, maxLength: 2 }), seed: fc.nat() }) };
}

// ── building the pair ───────────────────────────────────────────────────────

function clone(v) {
  return typeof v === 'bigint' ? v : v === null || typeof v !== 'object' ? v : Array.isArray(v) ? v.map(clone) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
}

/** Every container in a value, with a way to replace it in its parent. */
function containers(root) {
  const out = [];
  const visit = (node, set) => {
    if (node === null || typeof node !== 'object') return;
    out.push({ node, set });
    if (Array.isArray(node)) node.forEach((v, i) => visit(v, (x) => (node[i] = x)));
    else for (const k of Object.keys(node)) visit(node[k], (x) => (node[k] = x));
  };
  visit(root, () => {});
  return out;
}

function mutate(docs, m) {
  if (m.op === 'add-doc') return void docs.push({ [m.key]: clone(m.value) });
  if (m.op === 'remove-doc') return void (docs.length > 1 && docs.splice(m.at % docs.length, 1));
  if (m.op === 'corrupt') return;
  const all = docs.flatMap((d) => containers(d));
  const { node, set } = all[m.at % all.length];
  const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node);
  const k = keys.length ? keys[m.at % keys.length] : undefined;
  switch (m.op) {
    case 'change':
    case 'replace':
      if (k !== undefined) node[k] = clone(m.value);
      break;
    case 'add':
      if (Array.isArray(node)) node.splice(m.at % (node.length + 1), 0, clone(m.value));
      else node[m.key] = clone(m.value);
      break;
    case 'remove':
      if (k === undefined) break;
      if (Array.isArray(node)) node.splice(k, 1);
      else delete node[k];
      break;
    case 'reorder':
      if (Array.isArray(node)) node.reverse();
      else set(Object.fromEntries(Object.entries(node).reverse()));
      break;
    case 'rename':
      if (k !== undefined && !Array.isArray(node) && !(m.key in node)) set(Object.fromEntries(Object.entries(node).map(([x, v]) => [x === k ? m.key : x, v])));
      break;
    case 'retype':
      if (k !== undefined) node[k] = typeof node[k] === 'object' && node[k] !== null ? String(m.at) : [node[k]];
      break;
  }
}

/** Keys in a seeded order, everywhere in the value. */
function shuffleKeys(value, random) {
  if (Array.isArray(value)) return value.map((v) => shuffleKeys(v, random));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  for (let i = keys.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [keys[i], keys[j]] = [keys[j], keys[i]];
  }
  return Object.fromEntries(keys.map((k) => [k, shuffleKeys(value[k], random)]));
}

function mulberry(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function write(lib, format, docs) {
  const plain = (v) => JSON.parse(JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? Number(x) : x)));
  if (format === 'json') return `${JSON.stringify(plain(docs[0]), null, 2)}\n`;
  return docs.map((d) => lib.dump(plain(d), { lineWidth: -1, noRefs: true })).join('---\n');
}

/** The change set of a generated pair: texts of both sides, and the documents each was written from. */
export function buildPair(lib, pair, opts = {}) {
  const random = mulberry(pair.seed);
  const files = pair.files.map((f, n) => {
    const path = `svc-${n}.${f.format}`;
    let before = f.docs.map(clone);
    let after = f.docs.map(clone);
    for (const m of f.mutations) mutate(after, m);
    if (f.format === 'json') {
      before = before.slice(0, 1);
      after = after.slice(0, 1);
    }
    if (opts.shuffle) {
      before = before.map((d) => shuffleKeys(d, random));
      after = after.map((d) => shuffleKeys(d, random));
    }
    let afterText = write(lib, f.format, after);
    const corrupt = f.mutations.find((m) => m.op === 'corrupt');
    if (corrupt && !opts.shuffle) afterText = afterText.slice(0, corrupt.at % (afterText.length + 1)) + '\n  : ]\n' + afterText.slice(corrupt.at % (afterText.length + 1));
    return { path, before: write(lib, f.format, before), after: afterText, corrupt: Boolean(corrupt) };
  });
  return files;
}

function changeSet(files, reverse) {
  const list = files
    .filter((f) => f.before !== f.after)
    .map((f) => ({
      status: 'modified',
      path: f.path,
      before: { path: f.path, text: f.before, bytes: Buffer.byteLength(f.before) },
      after: { path: f.path, text: f.after, bytes: Buffer.byteLength(f.after) },
    }));
  return { baseLabel: 'before', headLabel: 'after', files: reverse ? list.reverse() : list, skipped: [] };
}

// ── the properties ──────────────────────────────────────────────────────────

export class PropertyFailure extends Error {}

function fail(what, detail) {
  throw new PropertyFailure(`${what}: ${detail}`);
}

const NOW = new Date('2026-12-01T00:00:00Z');

function judge(lib, setup, set) {
  try {
    return lib.runPipeline({ changeSet: set, setup, now: NOW });
  } catch (error) {
    if (error instanceof lib.InputError) return undefined;
    fail('an exception that is not the project\'s own', error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error));
  }
}

const spoke = (result) => [...new Set(result.findings.map((f) => `${f.policy} ${f.file}`))].sort().join(', ');

/** All four properties on one generated pair; throws PropertyFailure naming the one that broke. */
export function checkPair(lib, setup, pair) {
  const files = buildPair(lib, pair);
  const set = changeSet(files, false);
  const result = judge(lib, setup, set);
  if (!result) return;
  // 4. two runs, identical JSON
  const json = lib.render(result, 'json', {});
  const again = lib.render(judge(lib, setup, changeSet(files, false)), 'json', {});
  if (json !== again) fail('two runs differ', `${json.length} vs ${again.length} characters`);
  // 2. file order
  const reversed = judge(lib, setup, changeSet(files, true));
  if (reversed.verdict !== result.verdict || spoke(reversed) !== spoke(result)) fail('file order changes the verdict', `${result.verdict} [${spoke(result)}] vs ${reversed.verdict} [${spoke(reversed)}]`);
  // 2. key order (corrupted texts are left out: where the corruption lands depends on the order)
  if (!files.some((f) => f.corrupt)) {
    const shuffled = judge(lib, setup, changeSet(buildPair(lib, pair, { shuffle: true }), false));
    if (shuffled.verdict !== result.verdict || spoke(shuffled) !== spoke(result)) fail('key order changes the verdict', `${result.verdict} [${spoke(result)}] vs ${shuffled.verdict} [${spoke(shuffled)}]`);
  }
  // 3. the diff applied to before gives after
  for (const f of files) roundTrip(lib, f);
}

/** JSON with keys sorted: equal values give equal text whatever their key order. */
function canonical(value) {
  return JSON.stringify(value, (_, v) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v));
}

function parsed(lib, path, text) {
  try {
    return lib.parseConfigFile({ path, text, bytes: Buffer.byteLength(text) }).documents;
  } catch (error) {
    if (error instanceof lib.InputError) return undefined;
    throw error;
  }
}

function roundTrip(lib, f) {
  const before = parsed(lib, f.path, f.before);
  const after = parsed(lib, f.path, f.after);
  if (!before || !after) return;
  const changes = lib.diffDocuments(f.path, before, after);
  const applied = applyDocuments(lib, before, after, changes);
  const want = canonical(after);
  const got = canonical(applied);
  if (want !== got) fail('the diff applied to before does not give after', `${f.path}\n  before ${JSON.stringify(before)}\n  after  ${want}\n  got    ${got}\n  changes ${JSON.stringify(changes.map((c) => [c.kind, c.document, c.pathText]))}`);
}

/**
 * Multi-document apply, from the changes alone: a whole document added is at its after index,
 * one removed at its before index; every other change is at its after index, and reads the
 * before document at the same index (positional pairing) — or, for documents with a Kubernetes
 * identity, the before document of the same identity.
 */
function applyDocuments(lib, before, after, changes) {
  const out = [];
  for (let d = 0; d < after.length; d++) {
    const own = changes.filter((c) => c.document === d && !(c.kind === 'removed' && c.path.length === 0));
    const added = own.find((c) => c.kind === 'added' && c.path.length === 0);
    if (added) {
      out.push(added.after);
      continue;
    }
    const source = before[pairedBefore(before, after, d)];
    out.push(lib.applyChanges(source, own));
  }
  return out;
}

function identity(doc) {
  return doc && typeof doc === 'object' && typeof doc.kind === 'string' && doc.metadata && typeof doc.metadata.name === 'string' ? `${doc.kind}/${doc.metadata.namespace ?? ''}/${doc.metadata.name}` : undefined;
}

/** The before document an after document came from: by Kubernetes identity when every document has a distinct one (as the diff pairs them), else by position. */
function pairedBefore(before, after, d) {
  const usable = (docs) => {
    const ids = docs.map(identity);
    return ids.every((id) => id !== undefined) && new Set(ids).size === ids.length ? ids : undefined;
  };
  const b = usable(before);
  const a = usable(after);
  if (before.length + after.length > 2 && a && b) return b.indexOf(a[d]);
  return d;
}
