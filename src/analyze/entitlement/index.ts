// Entitlement and billing: plans and the endpoints they include, endpoint access lists
// (per plan, per group, per caller), charges, enforcement switches and exemptions.
//
// The rules of one file (all of its documents) are read into a small model (reader.ts),
// under the old and the new documents, and every caller of the caller registry is simulated
// against both (simulate.ts): is each endpoint it uses still allowed, is it now charged.
// Callers whose access or charge changes are the signal (effects.ts); internal (first-party)
// callers are flagged, because the incident this prevents is a billing rule that forgot them
// (error 467). What it recognises is in vocabulary.ts; signals and data in README.md.
import type { Signal } from '../../model.js';
import type { AnalyzeContext, Analyzer } from '../types.js';
import { defineBuiltinAnalyzer } from '../types.js';
import { forcedPaths } from '../kit/paths.js';
import { readRules } from './reader.js';
import { signalsFor } from './effects.js';
import { readLimits } from './ratelimit.js';
import { limitSignals } from './effects-limits.js';
import { quotaSignals } from './quota.js';

export type { Rules } from './model.js';
export { readRules } from './reader.js';
export { endpointMatches, isEnforced, simulate, type Access } from './simulate.js';

export const analyzeEntitlement: Analyzer = (files, ctx: AnalyzeContext) => {
  const out: Signal[] = [];
  for (const file of files) {
    if (file.changes.length === 0) continue;
    const forced = forcedPaths(ctx.options, file.path, 'entitlement');
    const oldRules = readRules(file.before?.documents ?? [], forced);
    const newRules = readRules(file.after?.documents ?? [], forced);
    if (oldRules.recognised || newRules.recognised) out.push(...signalsFor(file, oldRules, newRules, ctx.inventory));
    out.push(...limitSignals(file, readLimits(file.before?.documents ?? []), readLimits(file.after?.documents ?? []), ctx.inventory));
    out.push(...quotaSignals(file, ctx.inventory));
  }
  return out;
};

export default defineBuiltinAnalyzer({
  name: 'entitlement',
  doc: 'Who may call what and who is charged: plans, access lists, prices, free tiers, enforcement, exemptions, rate limits per caller, size quotas.',
  signals: ['entitlement', 'quota'],
  analyze: analyzeEntitlement,
});
