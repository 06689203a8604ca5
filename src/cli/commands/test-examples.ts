// `configgate test [dir]`: the examples embedded in policy files, run as the test suite runs them.
import { readFileSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Policy } from '../../evaluate/types.js';
import { loadDataPolicy } from '../../evaluate/data-policy.js';
import { GATE_CHECK_SOURCE } from '../../evaluate/gate-checks.js';
import { runPolicyExamples, type ExampleOutcome } from '../../evaluate/tester.js';
import { fsReader } from '../../config/index.js';
import { parseConfigFile } from '../../load/index.js';
import { builtinPolicyDir } from '../../assets.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { colorFor, paint } from './color.js';
import { setupHere } from './shared.js';

export interface FailedExample {
  kind: 'valid' | 'invalid';
  /** 1-based, as a person counts. */
  number: number;
  name?: string;
  file?: string;
  line?: number;
  problems: string[];
}

export interface PolicyExamples {
  id: string;
  source: string;
  examples: number;
  failed: FailedExample[];
}

export interface ExamplesReport {
  policies: PolicyExamples[];
  examples: number;
  passed: number;
  failed: number;
  withoutExamples: string[];
}

export async function runTestCommand(args: string[], common: CommonOptions, io: CliIO): Promise<number> {
  const policies = args[0] ? await loadFolder(resolve(io.cwd, args[0]), io.cwd) : (await setupHere(common, io)).policies;
  const report = testPolicies(policies, io.cwd);
  const failing = report.failed > 0;
  if (common.format === 'json') {
    if (!common.quiet || failing) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const text = renderExamples(report, colorFor(common, io), common.quiet === true);
    if (text) io.stdout(text);
  }
  return failing ? 1 : 0;
}

async function loadFolder(dir: string, cwd: string): Promise<Policy[]> {
  const reader = fsReader(cwd);
  const files = (await reader.list(dir)).filter((p) => /\.ya?ml$/.test(p));
  const policies: Policy[] = [];
  for (const path of files) policies.push(loadDataPolicy(reader.display(path), (await reader.read(path))!));
  return policies;
}

/** Every policy's examples, with the file and line of each failing one where the policy came from a file. */
export function testPolicies(policies: readonly Policy[], cwd: string): ExamplesReport {
  const results = policies.filter((p) => p.source !== GATE_CHECK_SOURCE).map((policy) => {
    const outcomes = runPolicyExamples(policy);
    const failed = outcomes.filter((o) => o.problems.length > 0).map((o) => located(policy, o, cwd));
    return { id: policy.id, source: policy.source, examples: outcomes.length, failed };
  });
  const examples = results.reduce((n, r) => n + r.examples, 0);
  const failed = results.reduce((n, r) => n + r.failed.length, 0);
  return {
    policies: results,
    examples,
    passed: examples - failed,
    failed,
    withoutExamples: results.filter((r) => r.examples === 0).map((r) => r.id),
  };
}

function located(policy: Policy, outcome: ExampleOutcome, cwd: string): FailedExample {
  const failed: FailedExample = {
    kind: outcome.kind,
    number: outcome.index + 1,
    ...(outcome.example.name ? { name: outcome.example.name } : {}),
    problems: outcome.problems,
  };
  const path = sourcePath(policy.source, cwd);
  if (!path) return failed;
  try {
    const text = readFileSync(path.abs, 'utf8');
    const file = parseConfigFile({ path: path.shown, text, bytes: Buffer.byteLength(text) });
    return { ...failed, file: path.shown, line: file.locate(0, ['examples', outcome.kind, outcome.index]).line };
  } catch {
    return { ...failed, file: path.shown };
  }
}

function sourcePath(source: string, cwd: string): { abs: string; shown: string } | undefined {
  if (source.startsWith('builtin:')) {
    const name = basename(source.slice('builtin:'.length));
    return { abs: resolve(builtinPolicyDir(), name), shown: `policies/${name} (built-in)` };
  }
  if (source === 'api') return undefined;
  return { abs: resolve(cwd, source), shown: source };
}

export function renderExamples(report: ExamplesReport, color: boolean, quiet: boolean): string {
  const c = paint(color);
  const lines: string[] = [];
  for (const policy of report.policies) {
    for (const f of policy.failed) {
      const where = f.file ? ` (${f.file}${f.line ? `:${f.line}` : ''})` : '';
      lines.push(`${c.red('✖')} ${policy.id}  ${f.kind} example ${f.number}${f.name ? ` "${f.name}"` : ''}${where}`);
      for (const problem of f.problems) lines.push(`    ${problem}`);
    }
    if (quiet) continue;
    if (policy.examples === 0) lines.push(`${c.yellow('⚠')} ${policy.id}  has no examples (${policy.source}): add examples.valid and examples.invalid`);
    else if (policy.failed.length === 0) lines.push(`${c.green('✓')} ${policy.id}  ${policy.examples} example${policy.examples === 1 ? '' : 's'}`);
  }
  if (!quiet || report.failed > 0) {
    const without = report.withoutExamples.length;
    lines.push(
      '',
      `${report.policies.length} policies, ${report.examples} examples: ${report.passed} passed, ${report.failed} failed` +
        (without ? `; ${without} ${without === 1 ? 'policy' : 'policies'} without examples` : ''),
    );
  }
  return lines.length ? `${lines.join('\n')}\n` : '';
}
