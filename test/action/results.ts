// Hand-built gate results for in-process tests of the Action's surfaces.
import type { Finding, GateResult } from '../../src/model.js';

/** A result holding these findings, its verdict and counts derived from them as decide would. */
export function result(findings: Array<Partial<Finding> & Pick<Finding, 'level' | 'file' | 'line'>>, extra: Partial<GateResult> = {}): GateResult {
  const full: Finding[] = findings.map((f, i) => ({ policy: `p.${i}`, messageId: 'm', path: 'a', message: `finding ${i}`, ...f }));
  const count = (level: Finding['level']) => full.filter((f) => f.level === level && !f.waivedBy).length;
  return {
    verdict: count('block') ? 'block' : count('rollout') ? 'needs-rollout' : count('warn') ? 'warn' : 'pass',
    counts: { block: count('block'), rollout: count('rollout'), warn: count('warn'), notice: count('notice'), waived: full.filter((f) => f.waivedBy).length },
    findings: full,
    signals: [],
    files: [],
    skipped: [],
    waivers: [],
    baseLabel: 'base',
    headLabel: 'head',
    failed: count('block') > 0,
    failOn: 'rollout',
    ...extra,
  };
}
