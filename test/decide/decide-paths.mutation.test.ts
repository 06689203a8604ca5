// The decide step (src/decide.ts), second table: waiver paths over keys that need quoting or
// carry glob characters, and the default rollout of a library call. Written against the
// mutants Stryker left alive in decide.ts (bench/MUTATION.md).
import { describe, expect, it } from 'vitest';
import { decide, DEFAULT_STAGES } from '../../src/decide.js';
import type { Finding, Waiver } from '../../src/model.js';

const now = new Date('2026-11-23T12:00:00Z');
const finding = (over: Partial<Finding> = {}): Finding => ({
  policy: 'p.one',
  level: 'block',
  messageId: 'm',
  file: 'a.yaml',
  path: 'x.y',
  line: 3,
  message: 'msg',
  ...over,
});
const waiver = (over: Partial<Waiver> = {}): Waiver => ({ id: 'w1', policy: 'p.one', reason: 'r', owner: 'team', expires: '2027-06-30', ...over });
const run = (findings: Finding[], waivers: Waiver[] = []) => decide(findings, { waivers, failOn: 'rollout', now, stages: DEFAULT_STAGES });

describe('a waiver path over the path text a finding shows', () => {
  it.each([
    // As a pattern, `["a*b"]` is a glob over the quoted text and matches no key: the exact text still does.
    ['a key with a * in it, written exactly', 'annotations["a*b"]', 'annotations["a*b"]', true],
    ['a key with a * in it, under a wildcard', 'annotations.*', 'annotations["a*b"]', true],
    ['a quoted key with a dot, then a wildcard', 'a["b.c"].*', 'a["b.c"].d', true],
    ['another quoted key, then a wildcard', 'a["b.x"].*', 'a["b.c"].d', false],
    ['a quoted one-letter key, then a wildcard', 'a["b"].*', 'a["b"].d', true],
    // An identity value that holds quotes is shown as it is: the quotes are part of it.
    ['an identity value in quotes, then a wildcard', 'routes[name="q"].*', 'routes[name="q"].weight', true],
    ['the same identity without its quotes', 'routes[name=q].*', 'routes[name="q"].weight', false],
    // bug: a path was split at the first `]`, even inside a quoted key (bench/MUTATION.md)
    ['bug: a quoted key holding ], then a wildcard', 'x["a]b"].*', 'x["a]b"].d', true],
    ['bug: a wildcard over a quoted key holding ]', 'x.*.d', 'x["a]b"].d', true],
    ['bug: a wildcard over a quoted key holding an escaped quote', 'x.*.d', 'x["a\\"]b"].d', true],
  ])('%s', (_name, path, findingPath, covered) => {
    const d = run([finding({ path: findingPath })], [waiver({ path })]);
    expect([d.findings.find((f) => f.policy === 'p.one')?.waivedBy, d.waivers[0].matched]).toEqual(covered ? ['w1', 1] : [undefined, 0]);
  });
});

describe('the default rollout of a library call', () => {
  it('has no signals: a finding that names one gets the plain first step', () => {
    const d = run([finding({ level: 'rollout', signal: 0 })]);
    expect([d.verdict, d.rollout?.mode, d.rollout?.next]).toEqual(['needs-rollout', 'progressive', 'a.yaml:3 p.one: first ship it to stage canary, 1%, bake 60m']);
    expect(d.findings.map((f) => f.policy)).toEqual(['p.one']);
  });
});
