// The inventory file: parsed, validated against schemas/inventory.schema.json, typed.
import { firstError, firstErrorPath, schemaValidator } from '../ajv.js';
import type { JsonPath } from '../model.js';
import { inputError } from '../errors.js';
import type { Inventory } from './types.js';

/**
 * An inventory from its parsed document. Throws an InputError naming `source` and the
 * JSON pointer of the first problem (and its line, given `lineOf`):
 * `inventory.yml:4: invalid inventory: /pools/api-b/capacity must be number`.
 */
export function parseInventory(doc: unknown, source: string, lineOf?: (path: JsonPath) => number): Inventory {
  if (doc === undefined || doc === null) return { source };
  const check = schemaValidator('inventory.schema.json');
  if (!check(doc)) {
    throw inputError(source, `invalid inventory: ${firstError(check)}`, lineOf?.(firstErrorPath(check)));
  }
  const d = doc as Omit<Inventory, 'source'> & { $schema?: string; description?: string };
  const inv: Inventory = { source };
  if (d.traffic) inv.traffic = d.traffic;
  if (d.pools) inv.pools = d.pools;
  if (d.callers) inv.callers = d.callers;
  if (d.usage) inv.usage = d.usage;
  if (d.hosts) inv.hosts = d.hosts;
  if (d.workloads) inv.workloads = d.workloads;
  if (d.healthChecks) inv.healthChecks = d.healthChecks;
  if (d.egress) inv.egress = d.egress;
  if (d.limits) inv.limits = d.limits;
  if (d.bgp) inv.bgp = d.bgp;
  return inv;
}
