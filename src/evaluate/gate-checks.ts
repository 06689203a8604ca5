// The gate's own checks: findings the gate and the decide step raise about the change set and
// the waivers themselves, not about a configuration value. They are ordinary registered
// policies (ids, default levels, messages by id, docs), bound at a level in `.configgate.yml`
// like any other and listed by `configgate policies`; only who raises them differs.
import type { Finding } from '../model.js';
import { interpolate } from './interpolate.js';
import { validatePolicy } from './validate-policy.js';
import type { Policy, PolicyMeta } from './types.js';

/** Where the gate's own checks come from: raised by the gate, they have no examples to run. */
export const GATE_CHECK_SOURCE = 'builtin:gate';

function check(id: string, meta: PolicyMeta, options?: { schema: object; defaults: Record<string, unknown> }): Policy {
  const policy: Policy = { id, meta, source: GATE_CHECK_SOURCE, defaultOptions: options?.defaults ?? {}, ...(options ? { optionsSchema: options.schema } : {}) };
  validatePolicy(policy);
  return policy;
}

export const GATE_CHECKS = {
  'gate.policy-change': check('gate.policy-change', {
    description: "A change edits the gate's own files (config, policies, inventory, schemas): it is judged by the trusted version and takes effect once merged.",
    rationale: 'A change cannot relax the gate that judges it; reviewers should see that it tries to.',
    defaultLevel: 'warn',
    messages: {
      'policy-change': "this change edits the gate's own configuration ({{ file }}); it is judged by the {{ reader }} version and takes effect once merged",
      // Raised by the Action: under `on: pull_request` a workflow runs as the pull request has it.
      'workflow-change': 'this change edits {{ file }}, a workflow that runs configgate: its steps and inputs (fail-on, config) are the pull request\'s own; review it as a change to the gate',
    },
  }),
  'gate.unparseable': check('gate.unparseable', {
    description: 'A file of the change does not parse: it cannot be judged, so it never passes; the rest of the change is still judged.',
    defaultLevel: 'block',
    messages: { unparseable: '{{ file }} cannot be judged: {{ problem }}' },
  }),
  'gate.unparseable-before': check('gate.unparseable-before', {
    description: 'The previous version of a changed file did not parse; it is compared as a new file.',
    defaultLevel: 'notice',
    messages: { 'unparseable-before': 'the previous version did not parse ({{ reason }}); compared as a new file' },
  }),
  'gate.moved-out': check('gate.moved-out', {
    description: 'A configuration file renamed out of the `files` globs (`a.yaml` → `a.yaml.txt`, `.YML`, `.gotmpl`): the gate no longer judges it, and whatever read it no longer finds it.',
    rationale: 'A rename that takes a file out of what the gate reads is a deletion that looks like housekeeping; it must not pass silently as a small removal.',
    defaultLevel: 'warn',
    messages: { 'moved-out': '{{ file }} was renamed to {{ to }}, moved out of the files configgate judges; its settings are judged as deleted' },
  }),
  'gate.yaml-1.1': check('gate.yaml-1.1', {
    description: 'A value written so that YAML readers disagree on it (`yes`, `on`, `010`, `0x1F`, `1_000`): configgate reads YAML 1.2, the consumer may read YAML 1.1.',
    rationale: 'Norway is `NO`: PyYAML, Go yaml.v2 and SnakeYAML read `no`, `on`, `010` as a boolean or an octal number where YAML 1.2 reads text or ten.',
    defaultLevel: 'notice',
    messages: { 'yaml-1.1': '{{ text }} is read as {{ yaml12 }} by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as {{ yaml11 }} by {{ readers }}; quote it or write the value you mean' },
  }),
  'gate.not-finite': check('gate.not-finite', {
    description: 'A number that is not finite (`.nan`, `.inf`, `-.inf`) written by the change: a replica count, a limit or a weight that consumers read as an error, zero or nothing.',
    defaultLevel: 'warn',
    messages: { 'not-finite': '{{ text }} is not a finite number ({{ yaml12 }}); consumers read it as an error, zero or nothing' },
  }),
  'gate.generated': check('gate.generated', {
    description: 'A changed file is written by a program (a `Code generated … DO NOT EDIT` marker, a generated/ or dist/ folder): it is judged by the size and duplicate policies only.',
    rationale: 'A generated file is reviewed through its generator; what it can still break on its own is its size and its duplicated entries.',
    defaultLevel: 'notice',
    messages: { generated: '{{ reason }}; judged by the size and duplicate policies only' },
  }),
  'gate.describes': check('gate.describes', {
    description: 'A changed file describes an API, a schema or a dashboard (a CustomResourceDefinition, a JSON Schema, an OpenAPI document, a Grafana dashboard) rather than configuring a running system: its changes are not judged.',
    rationale: 'Removing schema properties or dashboard panels is not a withdrawal of routes or capacity.',
    defaultLevel: 'notice',
    messages: { describes: '{{ reason }}; its changes are not settings of a running system and are not judged' },
  }),
  'waiver.expired': check('waiver.expired', {
    description: 'A waiver past its expiry date: it no longer applies.',
    defaultLevel: 'warn',
    messages: { expired: 'waiver {{ id }} for {{ policy }} (owner {{ owner }}) expired on {{ expires }}; it no longer applies' },
  }),
  'waiver.expiring': check('waiver.expiring', {
    description: 'A waiver that expires within 14 days.',
    defaultLevel: 'notice',
    messages: { expiring: 'waiver {{ id }} for {{ policy }} (owner {{ owner }}) expires in {{ days }} day(s), on {{ expires }}' },
  }),
  'waiver.unused': check('waiver.unused', {
    description: 'A waiver that matched no finding: remove it.',
    defaultLevel: 'notice',
    messages: { unused: 'waiver {{ id }} for {{ policy }} matched no finding; remove it' },
  }),
  'rollout.plan-limits': check(
    'rollout.plan-limits',
    {
      description: 'A rollout plan that breaks the limits: the first stage too wide, a stage widening too fast, a bake too short, full reach before the last stage.',
      rationale: 'A plan is only as safe as its first stage is small and its bakes are long enough to see a failure.',
      defaultLevel: 'block',
      messages: {
        'first-stage-too-wide': '{{ message }}',
        'step-too-large': '{{ message }}',
        'bake-too-short': '{{ message }}',
        'last-stage-not-last': '{{ message }}',
      },
    },
    {
      schema: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxFirstShare: { type: 'number', exclusiveMinimum: 0, maximum: 100, description: 'Largest share the first stage may reach, percent.' },
          maxStepFactor: { type: 'number', exclusiveMinimum: 1, description: 'Largest factor a stage may widen the one before by.' },
          minBakeMinutes: { type: 'number', exclusiveMinimum: 0, description: 'Shortest bake, minutes.' },
          minBake: { type: 'string', description: 'Shortest bake as a duration (`30m`, `2h`).' },
        },
      },
      defaults: {},
    },
  ),
  'rollout.health-failed': check('rollout.health-failed', {
    description: "A stage's health evidence failed: the rollout must be rolled back before it widens.",
    defaultLevel: 'block',
    messages: { 'health-failed': '{{ message }}' },
  }),
  'rollout.unknown-stage': check('rollout.unknown-stage', {
    description: 'Rollout evidence names a stage the plan does not have.',
    defaultLevel: 'notice',
    messages: { 'unknown-stage': '{{ message }}' },
  }),
} as const satisfies Record<string, Policy>;

export type GateCheckId = keyof typeof GATE_CHECKS;

/** A finding of one of the gate's checks, its message rendered from the check's message id. */
export function gateFinding(
  id: GateCheckId,
  level: Finding['level'],
  where: { file: string; path: string; line: number },
  data: Record<string, unknown>,
): Finding {
  const policy = GATE_CHECKS[id];
  const [messageId, template] = Object.entries(policy.meta.messages)[0];
  return { policy: id, level, messageId, ...where, message: interpolate(template, data) };
}
