// Small value helpers shared by the diff and its inverse.

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

const hasOwn = Object.prototype.hasOwnProperty;

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    // NaN is the one value not equal to itself
    return typeof a === 'number' && typeof b === 'number' && Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], b[i])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  if (a instanceof Date || b instanceof Date) {
    return a instanceof Date && b instanceof Date && a.getTime() === b.getTime();
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const keys = Object.keys(ao);
  const other = Object.keys(bo);
  if (keys.length !== other.length) return false;
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k];
    // Parsed objects mostly list their keys in the same order: a lookup only when they differ.
    if ((key !== other[k] && !hasOwn.call(bo, key)) || !deepEqual(ao[key], bo[key])) return false;
  }
  return true;
}

/** JSON with sorted keys: equal values give equal strings, so it can key a Map. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

export function cloneDeep<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return new Date(value.getTime()) as T;
  if (Array.isArray(value)) return value.map(cloneDeep) as T;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[k] = cloneDeep(v);
  return out as T;
}

const IDENTIFIER = /^[A-Za-z_$][\w$-]*$/;

/** `spec.routes[name=api].weight` — the readable form of a path. */
export function appendKey(text: string, key: string): string {
  if (IDENTIFIER.test(key)) return text === '' ? key : `${text}.${key}`;
  return `${text}[${JSON.stringify(key)}]`;
}

export function appendIndex(text: string, index: number, identity?: { key: string; value: unknown }): string {
  if (identity === undefined) return `${text}[${index}]`;
  return `${text}[${identity.key}=${String(identity.value)}]`;
}

export function pathToText(path: readonly (string | number)[]): string {
  let text = '';
  for (const seg of path) text = typeof seg === 'number' ? appendIndex(text, seg) : appendKey(text, seg);
  return text;
}
