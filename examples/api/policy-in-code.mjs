// A team policy written in code, bound by a config given as an object: a block in production,
// a warning in staging. The same change is judged in both places.
//   node examples/api/policy-in-code.mjs
import { check, definePolicy, format } from 'configgate';

const minReplicas = definePolicy({
  id: 'team.min-replicas',
  meta: {
    description: 'A service keeps at least `min` replicas.',
    rationale: 'One replica turns every deploy or node drain into an outage.',
    defaultLevel: 'block',
    messages: { tooFew: 'replicas {{ from }} → {{ to }}: below the minimum of {{ min }}' },
  },
  defaultOptions: { min: 2 },
  optionsSchema: { type: 'object', properties: { min: { type: 'integer', minimum: 1 } } },
  match: { paths: ['**.replicas'] },
  checkChange(change, ctx) {
    if (typeof change.after === 'number' && change.after < ctx.options.min) {
      ctx.report({ messageId: 'tooFew', data: { from: change.before, to: change.after, min: ctx.options.min } });
    }
  },
});

const config = {
  builtin: false,
  rules: { 'team.min-replicas': ['block', { min: 3 }] },
  overrides: [{ files: ['staging/**'], rules: { 'team.min-replicas': 'warn' } }],
};

const result = await check(
  {
    before: { 'prod/api.yaml': 'replicas: 4\n', 'staging/api.yaml': 'replicas: 4\n' },
    after: { 'prod/api.yaml': 'replicas: 2\n', 'staging/api.yaml': 'replicas: 2\n' },
  },
  { config, policies: [minReplicas] },
);

process.stdout.write(format(result, 'text', { color: false }));
process.exitCode = result.failed ? 1 : 0;
