// The one key matcher: every analyzer declares the key names (and value words) it reads as
// data, a `Vocabulary`, and asks `matchKey(key, vocabulary)`. Normalisation lives here only:
// lower case, without `_`, `-` and white space, so `failover_to`, `failoverTo` and
// `Failover-To` are one key.
//
// An entry is a word (`replicas`), or a pattern with `*` standing for any run of characters:
// `maxconn*` (prefix), `*ratelimit*` (fragment), `per*price`. Entries are normalised as keys are.

/** Key names or value words an analyzer recognises, as data. */
export type Vocabulary = readonly string[];

interface Compiled {
  exact: Set<string>;
  pattern?: RegExp;
  /** Pattern answers by normalised key: a file's keys repeat, and every analyzer asks about each. */
  answers: Map<string, boolean>;
  /** The run the answers were kept for (see `startKeyRun`). */
  run: number;
}

const compiledVocabularies = new WeakMap<Vocabulary, Compiled>();
const fragmentPatterns = new WeakMap<Vocabulary, RegExp>();
const valueSets = new WeakMap<Vocabulary, Set<string>>();
const normalised = new Map<string, string>();

/**
 * Most answers one cache keeps in a run. A file's keys repeat and are met early; past this,
 * answers are worked out and not kept, so a file of a million unique names (values asked about
 * as keys are) costs no more memory than a small one: a cache emptied and refilled would keep
 * every name long enough to outlive the young generation, and fill the old one with garbage.
 */
const CACHE_ENTRIES = 4096;
let run = 0;

/** Starts a run: the caches keep the keys met from here (a run is one change judged). */
export function startKeyRun(): void {
  run++;
  normalised.clear();
}

/** Lower case, without `_`, `-` and white space: `desired_capacity`, `DesiredCapacity` → `desiredcapacity`. */
export function normKey(key: string): string {
  if (isNormal(key)) return key;
  let n = normalised.get(key);
  if (n === undefined) {
    n = normText(key);
    if (normalised.size < CACHE_ENTRIES) normalised.set(key, n);
  }
  return n;
}

/** Whether a key is its own normal form: ASCII without capitals, `_`, `-` or white space. */
function isNormal(key: string): boolean {
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i);
    if ((c >= 65 && c <= 90) || c === 95 || c === 45 || c <= 32 || c >= 127) return false;
  }
  return true;
}

/** `normKey` without the cache, for values (names, modes) that rarely repeat. */
export function normText(text: string): string {
  return text.toLowerCase().replace(/[_\-\s]/g, '');
}

function compile(vocabulary: Vocabulary): Compiled {
  let hit = compiledVocabularies.get(vocabulary);
  if (hit) return hit;
  const exact = new Set<string>();
  const patterns: string[] = [];
  for (const entry of vocabulary) {
    const n = normText(entry);
    if (!n.includes('*')) exact.add(n);
    else patterns.push(n.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&')).join('.*'));
  }
  hit = { exact, answers: new Map(), run, ...(patterns.length ? { pattern: new RegExp(`^(?:${patterns.join('|')})$`) } : {}) };
  compiledVocabularies.set(vocabulary, hit);
  return hit;
}

/** Whether a key name (any spelling) is in the vocabulary. */
export function matchKey(key: string | number | undefined, vocabulary: Vocabulary): boolean {
  if (typeof key !== 'string') return false;
  const n = normKey(key);
  const c = compile(vocabulary);
  if (c.exact.has(n)) return true;
  if (!c.pattern) return false;
  if (c.run !== run) {
    c.answers.clear();
    c.run = run;
  }
  let answer = c.answers.get(n);
  if (answer === undefined) {
    answer = c.pattern.test(n);
    if (c.answers.size < CACHE_ENTRIES) c.answers.set(n, answer);
  }
  return answer;
}

/** Whether a value is one of the vocabulary's words (strings only; compared as keys are). */
export function matchValue(value: unknown, vocabulary: Vocabulary): boolean {
  if (typeof value !== 'string') return false;
  let words = valueSets.get(vocabulary);
  if (!words) {
    words = new Set(vocabulary.map(normText));
    valueSets.set(vocabulary, words);
  }
  return words.has(normText(value));
}

/** Whether any of the texts (path keys, a file name) contains one of the vocabulary's fragments. */
export function mentions(texts: Iterable<string | number>, fragments: Vocabulary): boolean {
  let re = fragmentPatterns.get(fragments);
  if (!re) {
    re = new RegExp(fragments.map((f) => normText(f).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')).join('|'));
    fragmentPatterns.set(fragments, re);
  }
  for (const t of texts) if (typeof t === 'string' && re.test(normText(t))) return true;
  return false;
}


/** Answers of findKey for large objects: analyzers ask each vocabulary of the same map once per change. */
const foundKeys = new WeakMap<object, Map<Vocabulary, [string, unknown] | null>>();
/** Objects of more keys than this keep findKey's answers (a small one is cheaper to scan again than to remember). */
const REMEMBER_KEYS = 64;

/** The first key of `obj` in the vocabulary, with its value. */
export function findKey(obj: Record<string, unknown>, vocabulary: Vocabulary): [string, unknown] | undefined {
  const known = foundKeys.get(obj)?.get(vocabulary);
  if (known !== undefined) return known ?? undefined;
  let found: [string, unknown] | null = null;
  let scanned = 0;
  for (const k in obj) {
    if (!Object.hasOwn(obj, k)) continue;
    scanned++;
    if (matchKey(k, vocabulary)) {
      found = [k, obj[k]];
      break;
    }
  }
  if (scanned > REMEMBER_KEYS) {
    let answers = foundKeys.get(obj);
    if (!answers) foundKeys.set(obj, (answers = new Map()));
    answers.set(vocabulary, found);
  }
  return found ?? undefined;
}

/** The value of the first field of `obj` named in `fields`, in the order of `fields` (exact names). */
export function firstField(obj: Record<string, unknown>, fields: Vocabulary, accept: (v: unknown) => boolean): unknown {
  for (const f of fields) {
    const v = obj[f];
    if (v !== undefined && accept(v)) return v;
  }
  return undefined;
}

/**
 * The words of keys and file names: `accessLogPath` → access, log, path; `log_level` → log,
 * level; `catalog.yaml` → catalog, yaml. For context tests that must not match inside words.
 */
export function keyWords(parts: Iterable<string>): Set<string> {
  const out = new Set<string>();
  for (const part of parts) {
    for (const w of part.replace(/([a-z0-9])([A-Z])/g, '$1 $2').split(/[^A-Za-z0-9]+/)) if (w) out.add(w.toLowerCase());
  }
  return out;
}

/** Whether any word of the texts (see `keyWords`) is in the vocabulary. */
export function matchWords(parts: Iterable<string>, vocabulary: Vocabulary): boolean {
  const c = compile(vocabulary);
  for (const w of keyWords(parts)) if (c.exact.has(w) || c.pattern?.test(w)) return true;
  return false;
}

/** A vocabulary with the words of `extra` added (analyzer options extend vocabularies). */
export function extend(vocabulary: Vocabulary, extra: readonly string[] | undefined): Vocabulary {
  return extra && extra.length ? Object.freeze([...vocabulary, ...extra]) : vocabulary;
}
