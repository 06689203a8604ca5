// YAML 1.1 vs 1.2 (issue 10, item 16): values readers disagree on are a notice naming both
// readings, integers past 2^53 keep their digits, non-finite numbers are findings. Through the
// whole gate (check on files in memory), asserting policy ids, lines and messages.
import { describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { parseConfigFile } from '../../src/load/index.js';

const NOW = new Date('2026-12-01T00:00:00Z');
const judge = (before: string | undefined, after: string, path = 'app.yaml') =>
  check({ before: before === undefined ? {} : { [path]: before }, after: { [path]: after } }, { now: NOW });
const spoken = async (before: string | undefined, after: string, path?: string) =>
  (await judge(before, after, path)).findings.filter((f) => f.policy.startsWith('gate.')).map((f) => `${f.policy} ${f.level} ${f.file}:${f.line} ${f.message}`);

describe('values YAML 1.1 and 1.2 read differently are a notice naming both readings', () => {
  it.each([
    ['yes', 'gate.yaml-1.1 notice app.yaml:2 yes is read as "yes" by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as true by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
    ['on', 'gate.yaml-1.1 notice app.yaml:2 on is read as "on" by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as true by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
    ['NO', 'gate.yaml-1.1 notice app.yaml:2 NO is read as "NO" by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as false by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
    ['010', 'gate.yaml-1.1 notice app.yaml:2 010 is read as 10 by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as 8 by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
    ['0x1F', 'gate.yaml-1.1 notice app.yaml:2 0x1F is read as 31 by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as "0x1F" by YAML 1.2 JSON-schema readers; quote it or write the value you mean'],
    ['1_000', 'gate.yaml-1.1 notice app.yaml:2 1_000 is read as "1_000" by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as 1000 by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
    ['1:30', 'gate.yaml-1.1 notice app.yaml:2 1:30 is read as "1:30" by YAML 1.2 readers (configgate, Go yaml.v3, js-yaml) and as 90 by YAML 1.1 readers (PyYAML, Go yaml.v2, SnakeYAML); quote it or write the value you mean'],
  ])('yaml 1.1 reading of %s', async (value, expected) => {
    expect(await spoken('name: a\nflag: "x"\n', `name: a\nflag: ${value}\n`)).toEqual([expected]);
  });

  it.each([
    ['a quoted value', 'name: a\nflag: "yes"\n'],
    ['a key (GitHub workflows write `on:`)', 'name: a\non: 1\n'],
    ['an ordinary number', 'name: a\nflag: 10\n'],
    ['an ordinary word', 'name: a\nflag: yesterday\n'],
  ])('no notice for %s', async (_name, after) => {
    expect(await spoken('name: a\n', after)).toEqual([]);
  });

  it('only the lines a change writes are reported: an untouched `yes` elsewhere is not', async () => {
    expect(await spoken('enabled: yes\nreplicas: 3\n', 'enabled: yes\nreplicas: 4\n')).toEqual([]);
  });

  it('a JSON file has no YAML 1.1 readers', async () => {
    expect(await spoken('{"a": 1}\n', '{"a": 10}\n', 'app.json')).toEqual([]);
  });
});

describe('numbers that are not finite are findings', () => {
  it.each([
    ['.nan', 'gate.not-finite warn app.yaml:2 .nan is not a finite number (NaN); consumers read it as an error, zero or nothing'],
    ['-.inf', 'gate.not-finite warn app.yaml:2 -.inf is not a finite number (-Infinity); consumers read it as an error, zero or nothing'],
  ])('replicas: %s', async (value, expected) => {
    const result = await judge('kind: Deployment\nreplicas: 3\n', `kind: Deployment\nreplicas: ${value}\n`);
    expect(result.findings.filter((f) => f.policy === 'gate.not-finite').map((f) => `${f.policy} ${f.level} ${f.file}:${f.line} ${f.message}`)).toEqual([expected]);
    expect(result.verdict).not.toBe('pass');
  });
});

describe('integers above 2^53 keep their digits', () => {
  it.each([
    ['yaml', 'a.yaml', 'id: 9007199254740993\nneg: -12345678901234567890\nhex: 0x20000000000001\nsmall: 42\n', { id: '9007199254740993', neg: '-12345678901234567890', hex: '9007199254740993', small: 42 }],
    ['json', 'a.json', '{"id": 9007199254740993, "small": 42}\n', { id: '9007199254740993', small: 42 }],
  ])('%s', (_format, path, text, expected) => {
    expect(parseConfigFile({ path, text, bytes: text.length }).documents[0]).toEqual(expected);
  });

  it('a change in the last digit of a large id is a change', async () => {
    const result = await judge('id: 9007199254740993\n', 'id: 9007199254740992\n');
    expect(result.files[0].changes.map((c) => [c.kind, c.pathText, c.before, c.after])).toEqual([['modified', 'id', '9007199254740993', '9007199254740992']]);
  });
});
