// Issue #11 item 5, reports people read: the CI formats (junit, github, gitlab), SARIF rules with
// their help and page, the tool version in JSON, text wrapped to the terminal, "(*)" explained.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/model.js';
import {
  EVERYWHERE_LEGEND,
  render,
  renderGithub,
  renderGitlab,
  renderJson,
  renderJunit,
  renderMarkdown,
  renderSarif,
  renderText,
  textWidth,
} from '../../src/report/index.js';
import { parseCommand } from '../../src/cli/args.js';
import { blockResult, countsOf, finding, passResult, warnResult } from './fixtures.js';

const ROOT = join(import.meta.dirname, '..', '..');

function resultOf(findings: GateResult['findings'], extra: Partial<GateResult> = {}): GateResult {
  return { ...passResult, verdict: 'block', failed: true, counts: countsOf(findings), findings, ...extra };
}

/** `::kind k=v,k=v::message` lines, unescaped as the runner reads them. */
function commands(text: string) {
  const unData = (s: string) => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
  const unProp = (s: string) => unData(s.replace(/%3A/g, ':').replace(/%2C/g, ','));
  return text
    .split('\n')
    .map((line) => /^::(error|warning|notice) ([^:]*)::(.*)$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({
      kind: m[1],
      props: Object.fromEntries(m[2].split(',').map((p) => [p.slice(0, p.indexOf('=')), unProp(p.slice(p.indexOf('=') + 1))])),
      message: unData(m[3]),
    }));
}

describe('--format github: workflow commands', () => {
  const cases: Array<{ name: string; finding: Parameters<typeof finding>[0]; kind: string; line?: string }> = [
    { name: 'block is an error', finding: { policy: 'p.block', level: 'block', file: 'a.yaml', line: 3 }, kind: 'error', line: '3' },
    { name: 'rollout is an error', finding: { policy: 'p.rollout', level: 'rollout', file: 'a.yaml', line: 4 }, kind: 'error', line: '4' },
    { name: 'warn is a warning', finding: { policy: 'p.warn', level: 'warn', file: 'a.yaml', line: 5 }, kind: 'warning', line: '5' },
    { name: 'notice is a notice', finding: { policy: 'p.notice', level: 'notice', file: 'a.yaml', line: 6 }, kind: 'notice', line: '6' },
    {
      name: 'waived is a notice',
      finding: { policy: 'p.waived', level: 'block', file: 'a.yaml', line: 7, waivedBy: 'W-1' },
      kind: 'notice',
      line: '7',
    },
    { name: 'a file-level finding has no line', finding: { policy: 'p.file', level: 'warn', file: 'a.yaml', line: 0 }, kind: 'warning' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const [command] = commands(renderGithub(resultOf([finding(c.finding)])));
      expect(command.kind).toBe(c.kind);
      expect(command.props.file).toBe('a.yaml');
      expect(command.props.line).toBe(c.line);
      expect(command.props.title).toBe(`configgate ${c.finding.policy} (${c.finding.waivedBy ? 'waived' : c.finding.level})`);
    });
  }

  it('escapes what would end a property or the command: newlines, %, ":" and "," in file names', () => {
    const text = renderGithub(
      resultOf([
        finding({ policy: 'p', level: 'block', file: 'we,ird:name.yaml', line: 2, message: 'line one\nline two 100%', path: 'a.b' }),
      ]),
    );
    expect(text.split('\n')).toHaveLength(3); // one command, the verdict, the final newline
    const [command] = commands(text);
    expect(command.props.file).toBe('we,ird:name.yaml');
    expect(command.message).toBe('line one\nline two 100% at a.b');
    expect(text.trimEnd().split('\n').pop()).toMatch(/^configgate: block — 1 blocking/);
  });
});

describe('--format junit', () => {
  it('is well-formed XML: a suite per file, a failure per unwaived block/rollout/warn, skipped notices and waivers', () => {
    const xml = renderJunit(blockResult, { toolVersion: '1.2.3' });
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: '',
      isArray: (name) => ['testsuite', 'testcase'].includes(name),
    }).parse(xml);
    const suites = doc.testsuites.testsuite as Array<{
      name: string;
      testcase: Array<{ failure?: { type: string }; skipped?: object; line: string }>;
    }>;
    expect(doc.testsuites).toMatchObject({ name: 'configgate', tests: '4', failures: '3' });
    expect(suites.map((s) => s.name)).toEqual(['config/app.yaml', 'config/routes.yaml', 'config/billing.json']);
    const cases = suites.flatMap((s) => s.testcase);
    expect(cases.map((c) => c.failure?.type ?? 'skipped')).toEqual(['rollout', 'skipped', 'block', 'block']);
    expect(cases.map((c) => c.line)).toEqual(['12', '30', '14', '4']);
  });

  it('lists changed files without findings as passing cases, and escapes hostile values', () => {
    const hostile = resultOf([finding({ policy: 'p', level: 'warn', file: 'a"<&>.yaml', line: 1, message: 'bad \u0001 <x> & "y"' })], {
      files: [
        { path: 'a"<&>.yaml', status: 'modified', changes: [] },
        { path: 'clean.yaml', status: 'modified', changes: [] },
      ],
    });
    const xml = renderJunit(hostile);
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testcase name="configgate" classname="clean.yaml" file="clean.yaml"/>');
    expect(xml).not.toContain('\u0001');
  });
});

describe('--format gitlab: code quality', () => {
  it('maps levels to severities, leaves waived findings out, and keeps fingerprints unique', () => {
    const twice = finding({ policy: 'p.dup', level: 'warn', file: 'a.yaml', line: 1, path: 'x' });
    const report = JSON.parse(
      renderGitlab(
        resultOf([
          finding({ policy: 'p.b', level: 'block', file: 'a.yaml', line: 2 }),
          finding({ policy: 'p.r', level: 'rollout', file: 'a.yaml', line: 3 }),
          twice,
          { ...twice, line: 9 },
          finding({ policy: 'p.n', level: 'notice', file: 'b.yaml', line: 0 }),
          finding({ policy: 'p.w', level: 'block', file: 'b.yaml', line: 5, waivedBy: 'W' }),
        ]),
      ),
    ) as Array<{
      check_name: string;
      severity: string;
      fingerprint: string;
      location: { path: string; lines: { begin: number } };
      description: string;
    }>;
    expect(report.map((i) => [i.check_name, i.severity, i.location.path, i.location.lines.begin])).toEqual([
      ['p.b', 'blocker', 'a.yaml', 2],
      ['p.r', 'critical', 'a.yaml', 3],
      ['p.dup', 'major', 'a.yaml', 1],
      ['p.dup', 'major', 'a.yaml', 9],
      ['p.n', 'info', 'b.yaml', 1],
    ]);
    expect(new Set(report.map((i) => i.fingerprint)).size).toBe(report.length);
    for (const issue of report) expect(Object.keys(issue)).toEqual(['description', 'check_name', 'fingerprint', 'severity', 'location']);
  });
});

describe('SARIF rules', () => {
  it("a built-in policy's rule has its short and full description, help in text and Markdown, and its page", () => {
    const sarif = JSON.parse(
      renderSarif(resultOf([finding({ policy: 'verbosity.global-raise', level: 'rollout', file: 'a.yaml', line: 2 })])),
    );
    const [rule] = sarif.runs[0].tool.driver.rules;
    expect(rule).toMatchObject({
      id: 'verbosity.global-raise',
      shortDescription: {
        text: 'Block raising log, traffic-logging or telemetry verbosity on more than a small share of traffic at once.',
      },
      helpUri: 'https://github.com/configgate/configgate/blob/main/docs/policies/verbosity.global-raise.md',
    });
    expect(rule.fullDescription.text.length).toBeGreaterThanOrEqual(rule.shortDescription.text.length);
    expect(rule.help.text).toMatch(/\n\nWhy: \S/);
    expect(rule.help.markdown).toMatch(/^\*\*verbosity\.global-raise\*\*: /);
    expect(rule.help.markdown).toContain(
      '[Policy documentation](https://github.com/configgate/configgate/blob/main/docs/policies/verbosity.global-raise.md)',
    );
  });

  it("a gate check's rule comes from its meta, and a user's rule info wins over the catalogue", () => {
    const result = resultOf([
      finding({ policy: 'gate.policy-change', level: 'warn', file: '.configgate.yml', line: 1 }),
      finding({ policy: 'team.rule', level: 'block', file: 'a.yaml', line: 1 }),
    ]);
    const rules = JSON.parse(
      renderSarif(result, {
        rules: [{ id: 'team.rule', description: 'Team rule. More.', rationale: 'Because.', helpUri: 'https://example.test/team.rule' }],
      }),
    ).runs[0].tool.driver.rules;
    expect(rules.map((r: { id: string }) => r.id)).toEqual(['gate.policy-change', 'team.rule']);
    expect(rules[0].help.text).toContain('Why: A change cannot relax the gate that judges it');
    expect(rules[1]).toMatchObject({
      shortDescription: { text: 'Team rule.' },
      fullDescription: { text: 'Team rule. More.' },
      helpUri: 'https://example.test/team.rule',
    });
    expect(rules[1].help.text).toBe('Team rule. More.\n\nWhy: Because.\n\nSee https://example.test/team.rule');
  });
});

describe('the tool version in JSON', () => {
  it('is the package version, in an additive `tool` key after every contract key', () => {
    const version = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;
    const json = JSON.parse(renderJson(warnResult));
    expect(json.tool).toEqual({ name: 'configgate', version });
    expect(Object.keys(json).slice(-3)).toEqual(['base', 'head', 'tool']);
  });
});

describe('text wrapped to the terminal', () => {
  const long = resultOf([
    finding({
      policy: 'blast-radius.limit',
      level: 'rollout',
      file: 'flags/checkout.json',
      line: 3,
      path: 'featureFlags.new-payment-router.enabled',
      before: false,
      after: true,
      message:
        'feature flag new-payment-router switched on for 100% of traffic (100% newly exposed): reaches 100% (*), over the 5% limit; roll it out in stages',
    }),
  ]);

  it('wraps every line to the width, the message on indented lines below its finding', () => {
    const text = renderText(long, { width: 80 });
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith('  flags/checkout.json:3'));
    expect(lines.slice(at, at + 5)).toEqual([
      '  flags/checkout.json:3  rollout  blast-radius.limit',
      '      featureFlags.new-payment-router.enabled  false → true',
      '      feature flag new-payment-router switched on for 100% of traffic (100%',
      '      newly exposed): reaches 100% (*), over the 5% limit; roll it out in stages',
      '',
    ]);
  });

  it('keeps one line per finding when there is no width (a pipe, a file)', () => {
    const lines = renderText(long)
      .split('\n')
      .filter((l) => l.startsWith('  flags/'));
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('roll it out in stages')).toBe(true);
  });

  const widths: Array<[string, Parameters<typeof textWidth>[0], number | undefined]> = [
    ['a terminal: its columns', { isTTY: true, columns: 100, env: {} }, 100],
    ['a terminal without columns: COLUMNS', { isTTY: true, env: { COLUMNS: '90' } }, 90],
    ['the terminal wins over COLUMNS', { isTTY: true, columns: 120, env: { COLUMNS: '90' } }, 120],
    ['a pipe never wraps, whatever COLUMNS says', { isTTY: false, env: { COLUMNS: '90' } }, undefined],
    ['-o FILE never wraps', { isTTY: true, columns: 100, env: {}, output: 'report.txt' }, undefined],
    ['a bogus COLUMNS is ignored', { isTTY: true, env: { COLUMNS: 'wide' } }, undefined],
    ['too narrow to help', { isTTY: true, columns: 20, env: {} }, undefined],
  ];
  for (const [name, io, expected] of widths) it(`textWidth: ${name}`, () => expect(textWidth(io)).toBe(expected));
});

describe('findings from one removed subtree', () => {
  const removed = { file: 'pools.yaml', document: 0, path: ['pools', 0], pathText: 'pools[name=eu]', kind: 'removed' as const, before: { name: 'eu' }, line: 5 };
  const under = (path: string, line: number, policy: string) => finding({ policy, level: 'block', file: 'pools.yaml', line, path, message: `${policy} says no` });

  it('are grouped under the removal, at the place of the first', () => {
    const result = resultOf(
      [under('pools[name=eu]', 5, 'p.pool'), under('pools[name=eu].replicas', 6, 'p.replicas'), under('pools[name=eu].quota', 8, 'p.quota'), under('pools[name=us].replicas', 12, 'p.other')],
      { files: [{ path: 'pools.yaml', status: 'modified', changes: [removed] }] },
    );
    const lines = renderText(result).split('\n').filter((l) => l.includes('pools'));
    expect(lines.map((l) => l.replace(/(\S) {2,}/g, '$1  ').trimEnd())).toEqual([
      '  pools.yaml:5  removed pools[name=eu]: 3 findings under it',
      '    pools.yaml:5  block  p.pool  pools[name=eu]  p.pool says no',
      '    pools.yaml:6  block  p.replicas  pools[name=eu].replicas  p.replicas says no',
      '    pools.yaml:8  block  p.quota  pools[name=eu].quota  p.quota says no',
      '  pools.yaml:12  block  p.other  pools[name=us].replicas  p.other says no',
    ]);
  });

  it('one finding under a removal stays a plain finding', () => {
    const result = resultOf([under('pools[name=eu].replicas', 6, 'p.replicas')], { files: [{ path: 'pools.yaml', status: 'modified', changes: [removed] }] });
    expect(renderText(result)).not.toContain('removed pools[name=eu]');
  });
});

describe('"(*)" explained where it is used', () => {
  const everywhere = resultOf([
    finding({ policy: 'blast-radius.limit', level: 'rollout', file: 'a.yaml', line: 1, message: 'reaches 100% (*), over the 5% limit' }),
  ]);
  const scoped = resultOf([
    finding({
      policy: 'blast-radius.limit',
      level: 'rollout',
      file: 'a.yaml',
      line: 1,
      message: 'reaches 40% (eu-west-1), over the 5% limit',
    }),
  ]);
  it('text and Markdown carry the legend when a finding says "(*)"', () => {
    expect(renderText(everywhere)).toContain(`\n${EVERYWHERE_LEGEND}\n`);
    expect(renderMarkdown(everywhere)).toContain('<sub>(\\*) everywhere: the change is not scoped');
  });
  it('and not when none does', () => {
    expect(renderText(scoped)).not.toContain(EVERYWHERE_LEGEND);
    expect(renderMarkdown(scoped)).not.toContain('everywhere: the change is not scoped');
  });
});

describe('the CLI takes the new format names', () => {
  for (const format of ['junit', 'github', 'gitlab'] as const) {
    it(`--format ${format}`, () => {
      const command = parseCommand(['compare', 'a', 'b', '--format', format]);
      expect(command).toMatchObject({ name: 'compare', common: { format } });
      expect(render(blockResult, format)).not.toBe('');
    });
  }
  it('rollout status refuses them', () => {
    expect(() => parseCommand(['rollout', 'status', '--format', 'gitlab'])).toThrow(
      'usage: rollout status --format must be text, json or markdown, not "gitlab"',
    );
  });
});
