import { describe, expect, it } from 'vitest';
import type { GateResult } from '../../src/model.js';
import { commentMarker, fingerprint, render, renderJson, renderMarkdown, renderSarif, renderText, selectAnnotations } from '../../src/report/index.js';
import { compactValue, percent, duration } from '../../src/report/format.js';
import { blockResult, countsOf, finding, manyFindings, passResult, rolloutResult, warnResult } from './fixtures.js';

const fixtures: Record<string, GateResult> = { block: blockResult, rollout: rolloutResult, warn: warnResult, pass: passResult };
const EXTENSION = { text: 'txt', json: 'json', markdown: 'md', sarif: 'sarif', junit: 'junit.xml', github: 'github.txt', gitlab: 'gitlab.json' } as const;
const ANSI = /\u001b\[/;

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const item of Object.values(value)) deepFreeze(item);
  }
  return value;
}
for (const result of Object.values(fixtures)) deepFreeze(result);

describe('snapshots', () => {
  for (const [name, result] of Object.entries(fixtures)) {
    for (const format of ['text', 'json', 'markdown', 'sarif', 'junit', 'github', 'gitlab'] as const) {
      it(`${name} as ${format}`, async () => {
        const out = render(result, format, { toolVersion: '0.0.0-test', color: false });
        await expect(out).toMatchFileSnapshot(`./__snapshots__/${name}.${EXTENSION[format]}`);
      });
    }
  }

  it('block as coloured text', async () => {
    await expect(renderText(blockResult, { color: true })).toMatchFileSnapshot('./__snapshots__/block.ansi.txt');
  });
});

describe('renderText', () => {
  it('starts with the verdict line and its counts', () => {
    expect(renderText(blockResult).split('\n')[0]).toBe('✖ block — 2 blocking, 1 needs rollout, 0 warnings, 1 waived (3 files, 9 changes)');
    expect(renderText(passResult).split('\n')[0]).toBe('✔ pass — 0 blocking, 0 needs rollout, 0 warnings (0 files, 0 changes)');
  });

  it('writes one line per finding, grouped by file in the order of the files', () => {
    const lines = renderText(blockResult).split('\n').filter((l) => /^ {2}config\/\S+:\d+(:\d+)? /.test(l));
    expect(lines.map((l) => l.trim().split(/\s+/).slice(0, 3).join(' '))).toEqual([
      'config/app.yaml:12 rollout verbosity.global-raise',
      'config/app.yaml:30 waived schema.valid',
      'config/routes.yaml:14:5 block routing.pool-overload',
      'config/billing.json:4:7 block entitlement.internal-denied',
    ]);
    expect(lines[0]).toContain('logging.level  info → debug  log level raised');
  });

  it('has no ANSI codes unless colour is asked for, even from hostile values', () => {
    const hostile: GateResult = {
      ...blockResult,
      findings: [finding({ policy: 'p', level: 'block', file: 'a.yaml', line: 1, message: 'bad \u001b[31mred\u001b[0m', after: '\u001b[2J' })],
    };
    for (const result of [...Object.values(fixtures), hostile]) {
      expect(renderText(result)).not.toMatch(ANSI);
      expect(renderText(result, { color: false })).not.toMatch(ANSI);
    }
    expect(renderText(hostile, { color: true })).not.toContain('\u001b[2J');
    expect(renderText(blockResult, { color: true })).toMatch(ANSI);
  });

  it('shows the rollout stages with their evidence and the next step', () => {
    const lines = renderText(rolloutResult).split('\n');
    const at = lines.indexOf('Rollout: staged rollout required (deploy before merge, plan .configgate/rollout.yaml)');
    expect(lines.slice(at + 1, at + 8)).toEqual([
      '  ✔ 1. canary  1%  done since 2026-12-02T06:00:00Z',
      '       deployment canary: success at 2026-12-02T06:00:00Z (https://github.example/o/r/deployments/1)',
      '  ◐ 2. early   10%  baking, 47m left  ← current',
      '       file early: success at 2026-12-02T10:47:00Z',
      '  · 3. half    50%, eu-west-1  pending',
      '  · 4. all     100%  pending',
      'Next: stage 2 of 4 (early, 10%): baking, 47 min left',
    ]);
  });

  it('lists waivers in every state and the skipped files', () => {
    const text = renderText(warnResult);
    for (const state of ['applied', 'expiring', 'expired', 'unused']) expect(text).toMatch(new RegExp(`^ {2}${state} +W-\\d`, 'm'));
    expect(text).toContain('1 file skipped (1 too-large)');
  });
});

describe('compact values', () => {
  it.each([
    [undefined, '∅'],
    ['debug', 'debug'],
    ['eu-west-1/api', 'eu-west-1/api'],
    ['true', '"true"'],
    ['two words', '"two words"'],
    ['', '""'],
    [42, '42'],
    [12n, '12'],
    [null, 'null'],
    [['a', 1], '["a",1]'],
    [{ a: 'x'.repeat(100) }, `{"a":"${'x'.repeat(53)}…`],
  ])('compactValue case %#', (value, expected) => {
    expect(compactValue(value)).toBe(expected);
  });

  it('never exceeds the width', () => {
    expect(Array.from(compactValue('é'.repeat(500))).length).toBeLessThanOrEqual(60);
    expect(compactValue('😀'.repeat(100))).toBe(`"${'😀'.repeat(58)}…`);
  });

  it.each([
    [100, '100%'],
    [62.5, '62.5%'],
    [0.04, '<0.1%'],
    [0, '0%'],
  ])('percent(%s) = %s', (share, expected) => expect(percent(share)).toBe(expected));

  it.each([
    [0, 'no bake'],
    [45, '45m'],
    [60, '1h'],
    [90, '1h 30m'],
    [1800, '1d 6h'],
  ])('duration(%s) = %s', (minutes, expected) => expect(duration(minutes)).toBe(expected));
});

describe('renderJson', () => {
  const TOP = ['verdict', 'failed', 'failOn', 'counts', 'findings', 'signals', 'files', 'skipped', 'waivers', 'base', 'head', 'tool'];

  it('has exactly the contract keys, in order', () => {
    const json = JSON.parse(renderJson(blockResult));
    expect(Object.keys(json)).toEqual([...TOP.slice(0, -3), 'policyFilesChanged', 'base', 'head', 'tool']);
    expect(Object.keys(JSON.parse(renderJson(rolloutResult)))).toEqual([...TOP.slice(0, -3), 'rollout', 'base', 'head', 'tool']);
    expect(Object.keys(JSON.parse(renderJson(passResult)))).toEqual(TOP);

    expect(Object.keys(json.counts)).toEqual(['block', 'rollout', 'warn', 'notice', 'waived']);
    const FINDING = ['policy', 'level', 'messageId', 'file', 'path', 'line', 'message', 'before', 'after', 'column'];
    for (const f of json.findings) expect(Object.keys(f)).toEqual(f.waivedBy ? [...FINDING, 'waivedBy'] : FINDING);
    const SIGNAL = ['type', 'kind', 'direction', 'file', 'path', 'line', 'scope', 'summary', 'data'];
    for (const s of json.signals) expect(Object.keys(s)).toEqual(s.missing ? [...SIGNAL, 'missing'] : SIGNAL);
    expect(json.signals[0]).not.toHaveProperty('changes');
    expect(json.files.map((f: object) => Object.keys(f))).toEqual([
      ['path', 'status', 'changes'],
      ['path', 'oldPath', 'status', 'changes'],
      ['path', 'status', 'changes'],
    ]);
    const waivers = JSON.parse(renderJson(warnResult)).waivers;
    for (const w of waivers) expect(Object.keys(w)).toEqual(['id', 'policy', 'state', 'matched', 'daysLeft', 'owner', 'reason', 'expires']);
  });

  it('carries the decision as given, and counts of changes rather than the changes', () => {
    const json = JSON.parse(renderJson(blockResult));
    expect(json).toMatchObject({ verdict: 'block', failed: true, failOn: 'block', base: 'origin/main', head: 'feature/eu-drain' });
    expect(json.counts).toEqual(blockResult.counts);
    expect(json.files.map((f: { changes: number }) => f.changes)).toEqual([3, 4, 2]);
    expect(json.signals[0]).toMatchObject({ path: 'logging.level', data: { factor: 40 }, missing: ['inventory.logging.volumePerRegion'] });
    expect(json.findings[3]).toMatchObject({ before: null, waivedBy: 'W-7' });
  });

  it('is pretty-printed with two spaces and ends in a newline', () => {
    const out = renderJson(passResult);
    expect(out.endsWith('}\n')).toBe(true);
    expect(out.split('\n')[1]).toBe('  "verdict": "pass",');
  });

  it('never throws on values JSON cannot hold', () => {
    const cyclic: Record<string, unknown> = { n: 2n ** 70n };
    cyclic.self = cyclic;
    const result: GateResult = { ...passResult, findings: [finding({ policy: 'p', level: 'warn', file: 'a', line: 1, after: cyclic })] };
    expect(JSON.parse(renderJson(result)).findings[0].after).toEqual({ n: '1180591620717411303424', self: '[Circular]' });
  });
});

describe('renderSarif', () => {
  const sarif = JSON.parse(
    renderSarif(blockResult, { toolVersion: '1.2.3', rules: [{ id: 'routing.pool-overload', description: 'A pool must not be loaded past capacity. Checks utilisation.', helpUri: 'https://example.com/r' }] }),
  );
  const run = sarif.runs[0];

  it('has the required SARIF 2.1.0 fields', () => {
    expect(sarif.$schema).toBe('https://json.schemastore.org/sarif-2.1.0.json');
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs).toHaveLength(1);
    expect(run.tool.driver).toMatchObject({ name: 'configgate', version: '1.2.3' });
    expect(run.tool.driver.informationUri).toMatch(/^https:\/\//);
    for (const r of run.results) {
      expect(typeof r.ruleId).toBe('string');
      expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(['error', 'warning', 'note']).toContain(r.level);
      expect(r.message.text.length).toBeGreaterThan(0);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uriBaseId).toBe('%SRCROOT%');
      expect(loc.artifactLocation.uri).not.toMatch(/^(\/|[a-z]+:)/);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(Object.values(r.partialFingerprints)[0]).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it('has one rule per policy seen, sorted, with given descriptions', () => {
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual([
      'entitlement.internal-denied',
      'routing.pool-overload',
      'schema.valid',
      'verbosity.global-raise',
    ]);
    expect(run.tool.driver.rules[1]).toMatchObject({
      shortDescription: { text: 'A pool must not be loaded past capacity.' },
      fullDescription: { text: 'A pool must not be loaded past capacity. Checks utilisation.' },
      helpUri: 'https://example.com/r',
    });
    expect(run.tool.driver.rules[0].shortDescription.text).toBe('entitlement.internal-denied');
  });

  it('maps levels and suppresses waived findings', () => {
    expect(run.results.map((r: { level: string }) => r.level)).toEqual(['error', 'error', 'error', 'warning']);
    expect(run.results[3].suppressions).toEqual([
      { kind: 'external', justification: 'waiver W-7 (owner platform-team, expires 2026-09-30): schema update pending (#412)' },
    ]);
    expect(run.results.slice(0, 3).every((r: object) => !('suppressions' in r))).toBe(true);
    const notes = JSON.parse(renderSarif(warnResult)).runs[0].results.filter((r: { level: string }) => r.level === 'note');
    expect(notes).toHaveLength(2);
  });

  it('fingerprints are stable across lines and differ by policy, file, path and message id', () => {
    const base = { policy: 'p', file: 'f.yaml', path: 'a.b', messageId: 'm' };
    expect(fingerprint(base)).toBe(fingerprint({ ...base }));
    const moved = JSON.parse(renderSarif({ ...blockResult, findings: blockResult.findings.map((f) => ({ ...f, line: f.line + 10 })) })).runs[0];
    expect(moved.results.map((r: { partialFingerprints: object }) => r.partialFingerprints)).toEqual(run.results.map((r: { partialFingerprints: object }) => r.partialFingerprints));
    for (const key of ['policy', 'file', 'path', 'messageId'] as const) expect(fingerprint({ ...base, [key]: 'other' })).not.toBe(fingerprint(base));
  });

  it('encodes file URIs and points file-level findings at line 1', () => {
    const result: GateResult = { ...passResult, findings: [finding({ policy: 'p', level: 'warn', file: 'dir with space/a#b.yaml', line: 0 })] };
    const loc = JSON.parse(renderSarif(result)).runs[0].results[0].locations[0].physicalLocation;
    expect(loc).toEqual({ artifactLocation: { uri: 'dir%20with%20space/a%23b.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 1 } });
  });

  it('is a valid log with no results when nothing was found', () => {
    const empty = JSON.parse(renderSarif(passResult)).runs[0];
    expect(empty.results).toEqual([]);
    expect(empty.tool.driver.rules).toEqual([]);
  });
});

describe('renderMarkdown', () => {
  it('starts with the marker and the verdict line', () => {
    const lines = renderMarkdown(blockResult, { instance: 'prod' }).split('\n');
    expect(lines[0]).toBe('<!-- configgate:prod -->');
    expect(lines[1]).toBe('### ⛔ configgate: block — 2 blocking, 1 needs rollout, 0 warnings, 1 waived (3 files, 9 changes)');
    expect(renderMarkdown(passResult).startsWith('<!-- configgate:default -->\n### ✅ configgate: pass')).toBe(true);
  });

  it('keeps the marker a single HTML comment whatever the instance name', () => {
    expect(commentMarker('a --> <b>\nc')).toBe('<!-- configgate:a - bc -->');
  });

  it('escapes pipes, backticks and HTML in values', () => {
    const md = renderMarkdown(blockResult);
    expect(md).not.toContain('<script>');
    expect(md).toContain('pipe \\| and &lt;script&gt;alert(1)&lt;/script&gt; \\`tick\\`');
    const hostile: GateResult = {
      ...passResult,
      verdict: 'warn',
      findings: [
        finding({ policy: 'p', level: 'warn', file: 'a|b.yaml', line: 3, path: 'x[name=<img src=x onerror=alert(1)>]', message: 'm | <script>x</script>', before: 'a|b', after: '<script>' }),
      ],
      files: [{ path: '<b>evil</b>.yaml', status: 'added', changes: [] }],
    };
    const out = renderMarkdown(hostile);
    expect(out).not.toMatch(/<(script|img)\b|<b>evil/);
    const row = out.split('\n').find((l) => l.startsWith('| ⚠️ warn'))!;
    expect(row.split(/(?<!\\)\|/).length - 2).toBe(5);
    expect(out).toContain('<summary><b>&lt;b&gt;evil&lt;/b&gt;.yaml</b>');
  });

  it('renders the rollout as a Mermaid flowchart with the current stage highlighted, evidence linked, and the next step', () => {
    const md = renderMarkdown(rolloutResult);
    expect(md).toContain('```mermaid\nflowchart LR\n  s0["canary<br/>1% · bake 1h<br/>done since 2026-12-02T06:00:00Z"]:::done\n  s0 --> s1["early<br/>10% · bake 2h<br/>baking, 47m left"]:::baking\n');
    expect(md).toContain('s3["all<br/>100% · no bake<br/>pending"]:::pending');
    expect(md).toContain('  style s1 stroke-width:4px\n');
    expect(md).toContain('| 1 | canary | 1% | done since 2026-12-02T06:00:00Z | deployment canary: success at 2026-12-02T06:00:00Z ([link](https://github.example/o/r/deployments/1)) |');
    expect(md).toContain('| 2 | **early** ← current |');
    expect(md).toContain('**Next step:** stage 2 of 4 (early, 10%): baking, 47 min left');
    expect(renderMarkdown(blockResult)).not.toContain('mermaid');
  });

  it('escapes stage names inside the diagram', () => {
    const plan = { ...rolloutResult.rollout!.plan, stages: [{ ...rolloutResult.rollout!.plan.stages[0], bakeMinutes: 30 }] };
    const stages = [{ name: 'a"]; click s0 "x\n```', scope: { share: 5 }, state: 'pending' as const, evidence: [] }];
    const result: GateResult = { ...rolloutResult, rollout: { ...rolloutResult.rollout!, plan, stages } };
    const diagram = renderMarkdown(result).split('```mermaid')[1].split('```')[0];
    expect(diagram).toContain('s0["a#34;#93;#59; click s0 #34;x #96;#96;#96;<br/>5% · bake 30m<br/>pending"]:::pending');
  });

  it('caps the findings table at 50 rows with "+N more"', () => {
    const md = renderMarkdown(manyFindings(120, 3), { maxLength: 10_000_000 });
    expect(md.split('\n').filter((l) => /^\| (⛔|🚦|⚠️|ℹ️) /.test(l))).toHaveLength(50);
    expect(md).toContain('_+70 more findings (this table shows 50 of 120; the JSON report has them all)_');
    expect(md).not.toContain('Truncated');
  });

  it('lists waivers in every state', () => {
    const md = renderMarkdown(warnResult);
    for (const state of ['✅ applied', '⏳ expiring soon', '⌛ expired', '💤 unused']) expect(md).toContain(`| ${state} |`);
    expect(md).toContain('2026-06-20 (5 days left)');
  });

  describe('truncation', () => {
    const big = manyFindings(2000);

    it('stays under the default limit for 2,000 findings, keeping the marker and the verdict', () => {
      const md = renderMarkdown(big, { summaryUrl: 'https://github.com/o/r/actions/runs/1' });
      expect(md.length).toBeLessThanOrEqual(65_000);
      expect(md.startsWith('<!-- configgate:default -->\n### ⛔ configgate: block — 500 blocking, 500 needs rollout, 500 warnings, 500 notices')).toBe(true);
      expect(md).toMatch(/> \*\*Truncated:\*\* 1,950 more findings and changes of \d+ files — see \[the job summary\]\(https:\/\/github\.com\/o\/r\/actions\/runs\/1\)/);
      expect(md.split('\n').filter((l) => l.startsWith('| ⛔ block'))).not.toHaveLength(0);
      expect(md.trimEnd().endsWith('</sub>')).toBe(true);
    });

    it.each([60_000, 20_000, 5_000, 1_000, 400])('stays ≤ %i and keeps whole rows and sections', (maxLength) => {
      const md = renderMarkdown(big, { maxLength });
      expect(md.length).toBeLessThanOrEqual(maxLength);
      expect(md.startsWith(`${commentMarker()}\n### ⛔ configgate: block`)).toBe(true);
      expect(md).toContain('Truncated:');
      expect(md.split('<details>').length).toBe(md.split('</details>').length);
      for (const line of md.split('\n').filter((l) => l.startsWith('|'))) expect(line.endsWith('|')).toBe(true);
    });

    it('cuts the details before the table', () => {
      const md = renderMarkdown(big, { maxLength: 20_000 });
      expect(md).not.toContain('<details>');
      expect(md.split('\n').filter((l) => /^\| (⛔|🚦|⚠️|ℹ️) /.test(l)).length).toBeGreaterThan(0);
    });

    it('never exceeds even an absurdly small limit', () => {
      expect(renderMarkdown(big, { maxLength: 30 }).length).toBeLessThanOrEqual(30);
    });
  });
});

describe('selectAnnotations', () => {
  const findings = [
    ...Array.from({ length: 4 }, (_, i) => finding({ policy: 'r', level: 'rollout', file: 'a.yaml', line: i + 1 })),
    ...Array.from({ length: 3 }, (_, i) => finding({ policy: 'b', level: 'block', file: `z${i}.yaml`, line: 9 - i })),
    finding({ policy: 'b', level: 'block', file: 'a.yaml', line: 50 }),
    ...Array.from({ length: 5 }, (_, i) => finding({ policy: 'w', level: 'warn', file: 'w.yaml', line: 5 - i })),
    finding({ policy: 'n', level: 'notice', file: 'n.yaml', line: 0 }),
    finding({ policy: 'b', level: 'block', file: 'a.yaml', line: 1, waivedBy: 'W-1' }),
  ];
  const result: GateResult = { ...passResult, verdict: 'block', findings, counts: countsOf(findings) };

  it('takes the most severe of each kind, block before rollout, then by file and line', () => {
    const { annotations, omitted } = selectAnnotations(result, 3);
    expect(annotations.map((a) => `${a.kind} ${a.file}:${a.line}`)).toEqual([
      'error a.yaml:50',
      'error z0.yaml:9',
      'error z1.yaml:8',
      'warning w.yaml:1',
      'warning w.yaml:2',
      'warning w.yaml:3',
      'notice n.yaml:1',
    ]);
    expect(omitted).toBe(4 + 1 + 2);
  });

  it('excludes waived findings and counts nothing omitted under the cap', () => {
    const { annotations, omitted } = selectAnnotations(result);
    expect(annotations).toHaveLength(14);
    expect(omitted).toBe(0);
    expect(annotations.filter((a) => a.kind === 'error' && a.file === 'a.yaml' && a.line === 1)).toEqual([
      { kind: 'error', file: 'a.yaml', line: 1, title: 'configgate rollout: r', message: 'r at a.yaml:1' },
    ]);
  });

  it('gives each annotation a title and the path and values in the message', () => {
    const [first] = selectAnnotations(blockResult).annotations;
    expect(first).toEqual({
      kind: 'error',
      file: 'config/billing.json',
      line: 4,
      column: 7,
      title: 'configgate block: entitlement.internal-denied',
      message: 'first-party callers (web, ios, android) lose access to img-api\nrules[id=img-api].plans: ["free","pro","internal"] → ["pro"]',
    });
  });

  it('returns nothing for a pass', () => {
    expect(selectAnnotations(passResult)).toEqual({ annotations: [], omitted: 0 });
  });
});

describe('render', () => {
  it('dispatches on the format', () => {
    expect(render(blockResult, 'text')).toBe(renderText(blockResult));
    expect(render(blockResult, 'json')).toBe(renderJson(blockResult));
    expect(render(blockResult, 'markdown', { instance: 'x' })).toBe(renderMarkdown(blockResult, { instance: 'x' }));
    expect(render(blockResult, 'sarif', { toolVersion: '1' })).toBe(renderSarif(blockResult, { toolVersion: '1' }));
    expect(() => render(blockResult, 'xml' as never)).toThrow(/unknown report format/);
  });

  it('renders the same string twice (pure; inputs are frozen above)', () => {
    for (const result of Object.values(fixtures)) {
      for (const format of ['text', 'json', 'markdown', 'sarif'] as const) expect(render(result, format)).toBe(render(result, format));
    }
  });
});

describe('missing inventory facts', () => {
  it('are listed once, from risky signals only, in text and markdown', () => {
    const base = blockResult;
    const risky = { ...base.signals[0], direction: 'risky' as const, missing: ['inventory.traffic.region'] };
    const safe = { ...base.signals[0], direction: 'safe' as const, missing: ['inventory.pools.never-shown'] };
    const result: GateResult = { ...base, signals: [risky, { ...risky }, safe] };
    const text = renderText(result);
    expect(text.match(/inventory\.traffic\.region/g)).toHaveLength(1);
    expect(text).not.toMatch(/never-shown/);
    expect(renderMarkdown(result)).toMatch(/#### What would sharpen this verdict\n\n- inventory\.traffic\.region\n/);
  });
});
