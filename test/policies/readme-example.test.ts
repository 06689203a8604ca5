import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataPolicy } from '../../src/evaluate/index.js';
import { runPolicyExamples } from '../../src/evaluate/tester.js';
import { ROOT } from '../support/cli.js';

describe("the README's data policy example", () => {
  it('loads under the strict CEL checker and passes its own examples', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### As data (YAML + CEL)'));
    const yaml = /```yaml\n([\s\S]*?)```/.exec(section)![1];
    const policy = loadDataPolicy('README.md', yaml);
    expect(policy.id).toBe('team.log-level-raised');
    expect(runPolicyExamples(policy).map((o) => [o.kind, o.problems])).toEqual([['valid', []], ['invalid', []]]);
  });
});
