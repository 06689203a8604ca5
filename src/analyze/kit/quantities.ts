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

