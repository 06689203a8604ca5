// Size quotas whose key names the unit (`limit_gib`, `max_mb`, `storage_limit_gb`; `quota_bytes` is the capacity analyzer's): a cut below the
// usage the inventory records (inventory.usage, by path, in the key's unit) is a quota-lowered
// signal with `belowUsage`. Without a usage figure the cut is not reported here: a limit lowered
// with no usage to compare is tuning as often as not (the capacity analyzer reports the
// unit-less quota keys it knows).
import type { FileDiff, Signal } from '../../model.js';
import type { Inventory } from '../types.js';
import { matchKey } from '../kit/keys.js';
import { lastKey } from '../kit/paths.js';
import { parseNumber, unitOfKey } from '../kit/quantities.js';
import { locatedAt, makeSignal, round } from '../kit/signal.js';
import { usageFor } from '../capacity/signals.js';
import { QUOTA_KEYS } from '../capacity/vocabulary.js';
import { QUOTA_STEMS } from './vocabulary.js';

/** The key without its unit suffix: `limit_gib` → `limit`, `maxStorageMiB` → `maxStorage`. */
function stemOf(key: string): string {
  return key.replace(/[-_]?(bytes|[kmgt]i?b)$/i, '');
}

export function quotaSignals(file: FileDiff, inventory?: Inventory): Signal[] {
  const out: Signal[] = [];
  for (const c of file.changes) {
    if (c.kind !== 'modified') continue;
    const key = lastKey(c.path);
    const unit = unitOfKey(key);
    // Keys the capacity analyzer reads as quotas (`quota_bytes`) are its to report: one signal per change.
    if (!unit || unit.dimension !== 'bytes' || !matchKey(stemOf(key), QUOTA_STEMS) || matchKey(key, QUOTA_KEYS)) continue;
    const from = parseNumber(c.before);
    const to = parseNumber(c.after);
    if (from === undefined || to === undefined || from === to) continue;
    const usage = usageFor(inventory, file.path, c.pathText, c.path);
    if (usage === undefined) continue;
    const lowered = to < from;
    const belowUsage = to < usage;
    const data = {
      key, from, to, unit: unit.unit, absolute: Math.abs(from - to), dropPercent: lowered && from > 0 ? round(((from - to) / from) * 100) : 0,
      usage, belowUsage, utilization: to > 0 ? round((usage / to) * 100) : null,
    };
    const summary = `${c.pathText}: limit ${from} → ${to} ${unit.unit} (${lowered ? `−${data.dropPercent}%` : 'raised'})${lowered ? `, ${belowUsage ? 'below' : ''} current usage ${usage} ${unit.unit}`.replace(',  ', ', ') : ''}`;
    out.push(makeSignal({ type: 'quota', kind: lowered ? 'quota-lowered' : 'quota-raised', direction: lowered ? 'risky' : 'safe', file, ...locatedAt(c), summary, data }, inventory));
  }
  return out;
}
