// The failover-capacity policies run their embedded examples with the whole pack.
import { expect, test } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadDataPolicy } from '../../../src/evaluate/data-policy.js';
import { runPolicyExamples } from '../../../src/evaluate/tester.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const pack = readdirSync(`${root}/policies`).filter((f) => f.endsWith('.yaml')).map((f) => loadDataPolicy(f, readFileSync(`${root}/policies/${f}`, 'utf8')));

for (const id of ['capacity.n-minus-one', 'capacity.pool-headroom', 'capacity.drop-limit']) {
  test(id, () => {
    const p = `${root}/policies/${id}.yaml`;
    const res = runPolicyExamples(loadDataPolicy(p, readFileSync(p, 'utf8')), pack);
    expect(res.filter((r) => r.problems.length).map((r) => `${r.kind}#${r.index}: ${r.problems.join('; ')} [${r.findings.map((x) => x.message).join(' | ')}]`)).toEqual([]);
  });
}
