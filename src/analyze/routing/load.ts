// Where moved traffic lands: the scope of a partial move, and the projected load on each
// receiving pool against its capacity less the headroom.
import type { Change, JsonPath, Scope } from '../../model.js';
import { scopeWithHints } from '../kit/scope.js';
import { type Ctx, emit, findPool, fmt, round } from './context.js';

export interface Source {
  names: string[];
  label: string;
  /** Share of this source's load that moves (0–1). */
  fraction: number;
}
export interface Receiver {
  names: string[];
  label: string;
  /** Share of the moved traffic this receiver gains (relative to the other receivers). */
  gain: number;
}

/** Scope of moving `moved` percent of the traffic of the route at `path`. */
export function movedScope(x: Ctx, path: JsonPath, doc: unknown, moved: number, targets: string[]): { scope: Scope; missing: string[] } {
  const base = scopeWithHints(x.f.path, path, doc, x.ctx.inventory);
  const share = round((base.scope.share * moved) / 100);
  const missing = base.scope.basis === 'assumed' && base.scope.share === 100 && moved < 100 ? [] : base.missing;
  return {
    scope: { dimension: base.scope.dimension, targets: targets.length ? targets : base.scope.targets, share, basis: base.scope.basis === 'assumed' ? 'config' : base.scope.basis },
    missing,
  };
}

/** The load that moves off the sources, and the facts missing to know it. */
function movedLoad(x: Ctx, sources: readonly Source[]): { load: number; unit?: string; missing: string[] } {
  const missing: string[] = [];
  let load = 0;
  let unit: string | undefined;
  for (const s of sources) {
    const p = findPool(x.ctx.inventory, s.names);
    if (!p || p.pool.load === undefined) {
      missing.push(`current load of pool ${s.label} (inventory pools.${s.label}.load)`);
      continue;
    }
    load += p.pool.load * s.fraction;
    unit ??= p.pool.unit;
  }
  return { load, unit, missing };
}

/**
 * Projected load on each receiving destination: current load + the moved share of each
 * source's load, spread over the receivers by their gain. Emits pool-overloaded where the
 * projection exceeds capacity less headroom; returns the facts that were missing.
 */
export function checkCapacity(
  x: Ctx,
  c: Change,
  path: JsonPath,
  scope: Scope,
  sources: readonly Source[],
  receivers: readonly Receiver[],
  extra: Record<string, unknown> = {},
): string[] {
  const moved = movedLoad(x, sources);
  const missing = moved.missing;
  const totalGain = receivers.reduce((a, r) => a + r.gain, 0) || 1;
  for (const r of receivers) {
    const p = findPool(x.ctx.inventory, r.names);
    if (!p) {
      missing.push(`capacity and current load of pool ${r.label} (inventory pools.${r.label})`);
      continue;
    }
    if (moved.load === 0 && missing.length > 0) continue;
    const load = p.pool.load ?? 0;
    if (p.pool.load === undefined) missing.push(`current load of pool ${r.label} (inventory pools.${r.label}.load)`);
    const added = (moved.load * r.gain) / totalGain;
    const projected = Math.round(load + added);
    const capacity = p.pool.capacity;
    const limit = Math.round(capacity * (1 - x.headroom / 100));
    const unit = p.pool.unit ?? moved.unit ?? 'rps';
    if (projected <= limit) continue;
    emit(x, {
      kind: 'pool-overloaded', direction: 'risky', at: c, path, scope: { ...scope, targets: [p.name] },
      summary: `pool ${p.name}: projected ${fmt(projected)} ${unit} against capacity ${fmt(capacity)} (limit ${fmt(limit)} with ${x.headroom}% headroom)`,
      data: { pool: p.name, projected, capacity, limit, unit, load, added: Math.round(added), headroom: x.headroom, ...extra },
    });
  }
  return missing;
}
