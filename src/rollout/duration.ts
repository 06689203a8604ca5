// Durations as plans write them: `30m`, `2h`, `1.5h`, `1d` → minutes.

/** Minutes per unit letter; the vocabulary of durations. */
export const DURATION_UNITS: Readonly<Record<string, number>> = Object.freeze({ m: 1, h: 60, d: 1440 });

/** Minutes in `text`, or undefined when it is not `<number><unit>` with a known unit. */
export function parseDuration(text: string): number | undefined {
  const unit = text.slice(-1);
  const perUnit = DURATION_UNITS[unit];
  const number = text.slice(0, -1);
  if (perUnit === undefined || !/^\d+(\.\d+)?$/.test(number)) return undefined;
  return Number(number) * perUnit;
}

/** Minutes as the shortest readable text: 90 → `1h 30m`, 47 → `47 min`. */
export function formatMinutes(minutes: number): string {
  if (minutes < 60) return `${minutes} min`;
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m === 0 ? `${h}h` : `${h}h ${m}m`;
}
