// What a report says about a policy (SARIF rules): its description, rationale and docs page, for
// the built-in pack and the gate's own checks. A front end may pass its user policies' too.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'js-yaml';
import { builtinPolicyDir } from '../assets.js';
import { GATE_CHECKS } from '../evaluate/gate-checks.js';

export interface PolicyDoc {
  id: string;
  description: string;
  rationale?: string;
}

/** Where a policy's page lives: `docs/policies/<id>.md` in the repository. */
export const DOCS_BASE = 'https://github.com/configgate/configgate/blob/main/docs/policies/';

export function docsUri(id: string, base = DOCS_BASE): string {
  return `${base}${encodeURIComponent(id)}.md`;
}

let catalogue: Map<string, PolicyDoc> | undefined;

/** The built-in policies and gate checks by id, read once; an unreadable pack gives just the gate checks. */
export function builtinPolicyDocs(): ReadonlyMap<string, PolicyDoc> {
  if (catalogue) return catalogue;
  const out = new Map<string, PolicyDoc>();
  for (const check of Object.values(GATE_CHECKS))
    out.set(check.id, { id: check.id, description: check.meta.description, rationale: check.meta.rationale });
  try {
    const dir = builtinPolicyDir();
    for (const name of readdirSync(dir)
      .filter((n) => /\.ya?ml$/.test(n))
      .sort()) {
      const data = load(readFileSync(join(dir, name), 'utf8')) as Partial<PolicyDoc> | null;
      if (data && typeof data.id === 'string' && typeof data.description === 'string') {
        out.set(data.id, {
          id: data.id,
          description: data.description,
          ...(typeof data.rationale === 'string' ? { rationale: data.rationale } : {}),
        });
      }
    }
  } catch {
    // Rules then carry the gate checks' texts and the other ids alone: a report is never lost to this.
  }
  catalogue = out;
  return out;
}
