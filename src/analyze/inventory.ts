// The inventory file: parsed, validated against schemas/inventory.schema.json, typed.
import { schemaValidator } from '../ajv.js';
import { inputError } from '../errors.js';
import type { Inventory } from './types.js';

/**
 * An inventory from its parsed document. Throws an InputError naming `source` and the
 * JSON pointer of the first problem: `inventory.yml: /pools/api-b/capacity must be number`.
 */
export function parseInventory(doc: unknown, source: string): Inventory {
  if (doc === undefined || doc === null) return { source };
  const check = schemaValidator('inventory.schema.json');
  if (!check(doc)) {
    const e = check.errors?.[0];
    const params = (e?.params ?? {}) as Record<string, unknown>;
    const extra = params.additionalProperty ? ` "${String(params.additionalProperty)}"` : '';
    throw inputError(source, `invalid inventory at ${e?.instancePath || '/'}: ${e?.message ?? 'invalid'}${extra}`);
  }
  const d = doc as Omit<Inventory, 'source'> & { $schema?: string; description?: string };
  const inv: Inventory = { source };
  if (d.traffic) inv.traffic = d.traffic;
  if (d.pools) inv.pools = d.pools;
  if (d.callers) inv.callers = d.callers;
  if (d.usage) inv.usage = d.usage;
  if (d.healthChecks) inv.healthChecks = d.healthChecks;
  if (d.egress) inv.egress = d.egress;
  if (d.limits) inv.limits = d.limits;
  return inv;
}
