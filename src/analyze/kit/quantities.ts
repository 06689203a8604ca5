// Quantities written the many ways configs write them: Kubernetes quantities, byte sizes,
// rates and durations. Each parser returns undefined for anything it does not recognise.

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = { n: 1e-9, u: 1e-6, m: 1e-3, '': 1, k: 1e3, K: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18 };
const PER_SECONDS: Record<string, number> = {
  s: 1, sec: 1, second: 1, seconds: 1,
  m: 60, min: 60, minute: 60, minutes: 60,
  h: 3600, hr: 3600, hour: 3600, hours: 3600,
  d: 86400, day: 86400, days: 86400,
};

/**
 * A Kubernetes-style quantity (`500m`, `2Gi`, `1.5`, `1e3`), a byte size (`512MB`,
 * `1GiB`), or a rate (`100/s`, `6000r/m`, `10 per minute` → per second). Numbers pass
 * through; numeric strings are parsed. Anything else is undefined.
 */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  let m = /^([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)$/.exec(text);
  if (m) return Number(m[1]);
  m = /^([+-]?\d+(?:\.\d+)?)\s*(Ki|Mi|Gi|Ti|Pi|Ei)B?$/.exec(text);
  if (m) return Number(m[1]) * BINARY[m[2]!]!;
  m = /^([+-]?\d+(?:\.\d+)?)\s*([numkKMGTPE]?)$/.exec(text);
  if (m) return Number(m[1]) * DECIMAL[m[2]!]!;
  m = /^([+-]?\d+(?:\.\d+)?)\s*([kKMGTPE]?)B$/.exec(text);
  if (m) return Number(m[1]) * DECIMAL[m[2]!]!;
  m = /^(\d+(?:\.\d+)?)\s*(?:r|req|reqs|requests?|calls?)?\s*(?:\/|per\s+)\s*(s|sec|second|m|min|minute|h|hr|hour|d|day)$/i.exec(text);
  if (m) return Number(m[1]) / PER_SECONDS[m[2]!.toLowerCase()]!;
  return undefined;
}

/** A duration in seconds: `30s`, `5m`, `1h30m`, `250ms`, `PT1M`, a bare number (seconds), or a unit word (`MINUTE`). */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const word = PER_SECONDS[text.toLowerCase()];
  if (word) return word;
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  const iso = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(text);
  if (iso && (iso[1] || iso[2] || iso[3])) return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|us|µs|ns|s|m|h|d)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return undefined;
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600, d: 86400 };
  return parts.reduce((sum, p) => sum + Number(p[1]) * unit[p[2]!]!, 0);
}


/** A plain number, or a number written as a string (`"100"`, `" 2.5 "`); anything else is undefined. */
export function parseNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** A percentage: `25`, `"25"`, `"25%"`, `"12.5 %"` → the number of percent (0–100 is not enforced). */
export function parsePercent(value: unknown): number | undefined {
  if (typeof value === 'string') {
    const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*%\s*$/.exec(value);
    if (m) return Number(m[1]);
  }
  return parseNumber(value);
}

/**
 * A ratio in 0..1: `0.25`, `"0.25"`, `"25%"` → 0.25, `"1/4"` → 0.25, `"1:3"` (one part in
 * four) → 0.25. A bare number above 1 is not a ratio.
 */
export function parseRatio(value: unknown): number | undefined {
  if (typeof value === 'string') {
    if (value.includes('%')) {
      const p = parsePercent(value);
      return p === undefined ? undefined : p / 100;
    }
    const frac = /^\s*(\d+(?:\.\d+)?)\s*\/\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
    if (frac) return Number(frac[2]) > 0 ? Number(frac[1]) / Number(frac[2]) : undefined;
    const parts = /^\s*(\d+(?:\.\d+)?)\s*:\s*(\d+(?:\.\d+)?)\s*$/.exec(value);
    if (parts) {
      const total = Number(parts[1]) + Number(parts[2]);
      return total > 0 ? Number(parts[1]) / total : undefined;
    }
  }
  const n = parseNumber(value);
  return n !== undefined && n >= 0 && n <= 1 ? n : undefined;
}

/** Units a key name may end with (`limit_gib`, `timeoutMs`, `memory_mb`): the factor to bytes or seconds. */
const KEY_UNITS: ReadonlyArray<{ suffix: string; unit: string; factor: number; dimension: 'bytes' | 'seconds' }> = [
  { suffix: 'bytes', unit: 'B', factor: 1, dimension: 'bytes' },
  { suffix: 'kib', unit: 'KiB', factor: 2 ** 10, dimension: 'bytes' },
  { suffix: 'mib', unit: 'MiB', factor: 2 ** 20, dimension: 'bytes' },
  { suffix: 'gib', unit: 'GiB', factor: 2 ** 30, dimension: 'bytes' },
  { suffix: 'tib', unit: 'TiB', factor: 2 ** 40, dimension: 'bytes' },
  { suffix: 'kb', unit: 'kB', factor: 1e3, dimension: 'bytes' },
  { suffix: 'mb', unit: 'MB', factor: 1e6, dimension: 'bytes' },
  { suffix: 'gb', unit: 'GB', factor: 1e9, dimension: 'bytes' },
  { suffix: 'tb', unit: 'TB', factor: 1e12, dimension: 'bytes' },
  { suffix: 'ms', unit: 'ms', factor: 1e-3, dimension: 'seconds' },
  { suffix: 'millis', unit: 'ms', factor: 1e-3, dimension: 'seconds' },
  { suffix: 'seconds', unit: 's', factor: 1, dimension: 'seconds' },
  { suffix: 'secs', unit: 's', factor: 1, dimension: 'seconds' },
  { suffix: 'sec', unit: 's', factor: 1, dimension: 'seconds' },
  { suffix: 'minutes', unit: 'min', factor: 60, dimension: 'seconds' },
  { suffix: 'mins', unit: 'min', factor: 60, dimension: 'seconds' },
  { suffix: 'hours', unit: 'h', factor: 3600, dimension: 'seconds' },
  { suffix: 'days', unit: 'd', factor: 86400, dimension: 'seconds' },
];

/** The unit a key name carries at its end, as a word: `limit_gib`, `memoryMiB`, `timeout_ms`; undefined for none. */
export function unitOfKey(key: string): { unit: string; factor: number; dimension: 'bytes' | 'seconds' } | undefined {
  const spaced = key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
  for (const u of KEY_UNITS) {
    if (spaced === u.suffix) continue;
    if (spaced.endsWith(`_${u.suffix}`) || spaced.endsWith(`-${u.suffix}`)) return { unit: u.unit, factor: u.factor, dimension: u.dimension };
  }
  // `memoryMiB`, `limitGiB`: the camel split above cuts `MiB` into `mi_b`.
  const camel = /(Ki|Mi|Gi|Ti)B$/.exec(key);
  if (camel && key.length > 3) return KEY_UNITS.find((u) => u.unit === `${camel[1]}B`)!;
  return undefined;
}

/**
 * A quantity read with its key: a bare number under a key that names its unit is scaled to
 * bytes or seconds (`limit_gib: 4` → 4 GiB in bytes, `timeout_ms: 250` → 0.25); otherwise as
 * `parseQuantity` reads it.
 */
export function parseKeyedQuantity(key: string, value: unknown): number | undefined {
  const unit = unitOfKey(key);
  const n = parseNumber(value);
  if (unit && n !== undefined) return n * unit.factor;
  return parseQuantity(value);
}
