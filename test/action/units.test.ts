// The Action's small pure pieces, in-process.
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { fitComment, MAX_COMMENT_LENGTH } from '../../src/action/comment.js';
import { emitAnnotations, planAnnotations } from '../../src/action/annotations.js';
import { readInputs } from '../../src/action/inputs.js';
import { pullRequestFrom } from '../../src/action/context.js';
import { oneLine, verdictLine } from '../../src/action/verdict.js';
import { result } from './results.js';


const sha = (c: string) => c.repeat(40);

describe('fitComment', () => {
  it('leaves a body within the limit alone', () => {
    expect(fitComment('short', 'https://x')).toBe('short');
  });

  it('cuts a long body at a line, under the limit, with a note pointing at the summary', () => {
    const body = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join('\n');
    const fitted = fitComment(body, 'https://github.test/o/r/actions/runs/1');
    expect(body.length).toBeGreaterThan(MAX_COMMENT_LENGTH);
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(fitted).toMatch(/full report is in the \[job summary\]\(https:\/\/github\.test\/o\/r\/actions\/runs\/1\)/);
    expect(fitted.split('\n\n…')[0].split('\n').every((l) => /^\| row \d+ \| x{20} \|$/.test(l))).toBe(true);
  });

  it('never splits a surrogate pair', () => {
    const fitted = fitComment('😀'.repeat(40_000), undefined);
    expect(fitted.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(fitted).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });
});

describe('annotations', () => {
  it('keeps 10 per kind, most severe first, and one notice for the rest', () => {
    const findings = [
      ...Array.from({ length: 12 }, (_, i) => ({ level: 'warn' as const, file: `w${String(i).padStart(2, '0')}.yaml`, line: 1 })),
      ...Array.from({ length: 8 }, (_, i) => ({ level: 'rollout' as const, file: `r${i}.yaml`, line: 2 })),
      ...Array.from({ length: 4 }, (_, i) => ({ level: 'block' as const, file: `b${i}.yaml`, line: 3 })),
    ];
    const calls: Array<[string, string, Record<string, unknown> | undefined]> = [];
    const sink = {
      error: (m: string | Error, p?: object) => calls.push(['error', String(m), p as Record<string, unknown>]),
      warning: (m: string | Error, p?: object) => calls.push(['warning', String(m), p as Record<string, unknown>]),
      notice: (m: string | Error, p?: object) => calls.push(['notice', String(m), p as Record<string, unknown>]),
    };
    emitAnnotations(result(findings), sink);
    const errors = calls.filter((c) => c[0] === 'error');
    expect(errors).toHaveLength(10);
    expect(errors.slice(0, 4).map((c) => c[2]?.file)).toEqual(['b0.yaml', 'b1.yaml', 'b2.yaml', 'b3.yaml']);
    expect(errors[0][2]).toMatchObject({ startLine: 3, title: 'configgate block: p.20' });
    expect(calls.filter((c) => c[0] === 'warning')).toHaveLength(10);
    const notices = calls.filter((c) => c[0] === 'notice');
    expect(notices).toHaveLength(1);
    expect(notices[0][1]).toMatch(/^4 more findings are not annotated/);
  });

  it('keeps a notice slot free for the "more" notice', () => {
    const findings = Array.from({ length: 12 }, (_, i) => ({ level: 'notice' as const, file: `n${String(i).padStart(2, '0')}.yaml`, line: 1 }));
    const plan = planAnnotations(result(findings));
    expect(plan.annotations).toHaveLength(9);
    expect(plan.omitted).toBe(3);
  });

  it('emits nothing extra when everything fits', () => {
    expect(planAnnotations(result([{ level: 'block', file: 'a.yaml', line: 1 }]))).toMatchObject({ omitted: 0 });
  });
});

describe('inputs', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';

  it('reads the defaults', () => {
    expect(readInputs(read({}))).toEqual({
      config: undefined,
      failOn: undefined,
      comment: true,
      checkRun: true,
      sarif: undefined,
      token: '',
      instance: 'default',
      workingDirectory: '.',
    });
  });

  it('reads every input', () => {
    expect(
      readInputs(read({ config: 'c.yml', 'fail-on': 'block', comment: 'false', 'check-run': 'false', sarif: 'x.sarif', 'github-token': 't', instance: 'prod', 'working-directory': 'cfg' })),
    ).toEqual({ config: 'c.yml', failOn: 'block', comment: false, checkRun: false, sarif: 'x.sarif', token: 't', instance: 'prod', workingDirectory: 'cfg' });
  });

  it.each([
    [{ 'fail-on': 'always' }, /fail-on must be one of/],
    [{ comment: 'yes please' }, /comment must be true or false/],
    [{ 'check-run': 'sometimes' }, /check-run must be true or false/],
    [{ instance: 'a b' }, /instance must be/],
    [{ instance: '--><script>' }, /instance must be/],
  ])('rejects %j with an InputError', (values, message) => {
    expect(() => readInputs(read(values))).toThrow(InputError);
    expect(() => readInputs(read(values))).toThrow(message);
  });
});

describe('pull request context', () => {
  const payload = (head: unknown) => ({
    pull_request: { number: 5, base: { sha: sha('a'), ref: 'main', repo: { full_name: 'o/r' } }, head: { sha: sha('b'), repo: head } },
  });

  it('reads number, base and head', () => {
    expect(pullRequestFrom(payload({ full_name: 'O/R' }), 'o/r')).toEqual({
      number: 5,
      baseSha: sha('a'),
      headSha: sha('b'),
      baseRef: 'main',
      baseRepo: 'o/r',
      headRepo: 'O/R',
      fork: false,
    });
  });

  it('a head in another repository, or a deleted one, is a fork', () => {
    expect(pullRequestFrom(payload({ full_name: 'x/r' }), 'o/r').fork).toBe(true);
    expect(pullRequestFrom(payload(null), 'o/r').fork).toBe(true);
  });

  it('rejects a payload without a pull request', () => {
    expect(() => pullRequestFrom({ ref: 'refs/heads/main' }, 'o/r')).toThrow(/no pull_request/);
    expect(() => pullRequestFrom({ pull_request: { number: 1, base: { sha: 'HEAD' }, head: { sha: sha('b') } } }, 'o/r')).toThrow(/base\.sha/);
  });
});

describe('verdict line', () => {
  it('names the next step of a rollout', () => {
    const r = result([{ level: 'rollout', file: 'a.yaml', line: 1 }], {
      failed: true,
      rollout: { mode: 'progressive', plan: { source: '(default plan)', stages: [] }, stages: [], satisfied: false, next: 'Ship to canary first.', findings: [0] },
    });
    expect(verdictLine(r)).toBe('configgate: needs-rollout — 0 blocking, 1 needs rollout, 0 warnings (fail-on: rollout). Next step: Ship to canary first.');
  });

  it('one line of any error', () => {
    expect(oneLine(new Error('\nfirst\nsecond'))).toBe('first');
    expect(oneLine('plain')).toBe('plain');
  });
});
