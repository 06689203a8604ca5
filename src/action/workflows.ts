// A change to a workflow that runs configgate is a change to the gate: under `on: pull_request` the
// workflow file is the pull request's own, so its `fail-on`, its inputs and whether the step runs at
// all come from the change under review. It is reported as gate.policy-change, never judged silent.
import { load } from 'js-yaml';
import type { Finding, GateResult } from '../model.js';
import { crosses } from '../decide.js';
import { GATE_CHECKS } from '../evaluate/index.js';
import { interpolate } from '../evaluate/interpolate.js';
import { VERDICT_RANK } from '../severity.js';
import { bySeverity } from '../report/format.js';

/** Where GitHub reads workflows from, and the names they may have. */
export const WORKFLOW_VOCABULARY = {
  folders: ['.github/workflows/'],
  extensions: ['.yml', '.yaml'],
  /** A `uses:` naming one of these (case-insensitive) runs the gate. */
  actionNames: ['configgate'],
} as const;

export function isWorkflowPath(path: string): boolean {
  const lower = path.toLowerCase();
  return WORKFLOW_VOCABULARY.folders.some((f) => lower.startsWith(f)) && WORKFLOW_VOCABULARY.extensions.some((e) => lower.endsWith(e));
}

/**
 * Whether a workflow's text runs the gate: any `uses:` (a step's action or a job's reusable
 * workflow) naming configgate or `actionRepository` (the repository this Action runs from). A
 * workflow that does not parse is read as running the gate when its text names it at all.
 */
export function runsGate(text: string, actionRepository?: string): boolean {
  const names = [...WORKFLOW_VOCABULARY.actionNames, ...(actionRepository ? [actionRepository] : [])].map((n) => n.toLowerCase());
  const names_it = (value: string) => names.some((n) => value.toLowerCase().includes(n));
  let data: unknown;
  try {
    data = load(text);
  } catch {
    return names_it(text);
  }
  return usesValues(data).some(names_it);
}

function usesValues(value: unknown, out: string[] = []): string[] {
  if (Array.isArray(value)) {
    for (const item of value) usesValues(item, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key === 'uses' && typeof item === 'string') out.push(item);
      else usesValues(item, out);
    }
  }
  return out;
}

export interface WorkflowSides {
  path: string;
  before?: string;
  after?: string;
}

/** The findings for the changed workflows that run the gate (on either side of the change). */
export function workflowFindings(
  workflows: readonly WorkflowSides[],
  level: Finding['level'] | 'off',
  actionRepository?: string,
): Finding[] {
  if (level === 'off') return [];
  const policy = GATE_CHECKS['gate.policy-change'];
  const template = (policy.meta.messages as Record<string, string>)['workflow-change'];
  return workflows
    .filter((w) => [w.before, w.after].some((text) => text !== undefined && runsGate(text, actionRepository)))
    .map((w) => ({
      policy: policy.id,
      level,
      messageId: 'workflow-change',
      file: w.path,
      path: '',
      line: 1,
      message: interpolate(template, { file: w.path }),
    }));
}

/**
 * The result with findings the engine could not see (files outside its globs): counted, ordered
 * most severe first, the verdict raised to theirs and the threshold re-applied. Waivers do not
 * apply to them: a change to the gate itself is always shown.
 */
export function withGateFindings(result: GateResult, extra: readonly Finding[]): GateResult {
  if (extra.length === 0) return result;
  const counts = { ...result.counts };
  for (const f of extra) counts[f.level]++;
  const verdict = extra.map((f) => LEVEL_VERDICT[f.level]).reduce((a, b) => (VERDICT_RANK[b] > VERDICT_RANK[a] ? b : a), result.verdict);
  const files = [...(result.policyFilesChanged ?? []), ...extra.map((f) => f.file).filter((f) => !result.policyFilesChanged?.includes(f))];
  return {
    ...result,
    findings: [...result.findings, ...extra].sort(bySeverity),
    counts,
    verdict,
    failed: crosses(verdict, result.failOn),
    policyFilesChanged: files,
  };
}

const LEVEL_VERDICT: Record<Finding['level'], GateResult['verdict']> = {
  block: 'block',
  rollout: 'needs-rollout',
  warn: 'warn',
  notice: 'pass',
};
