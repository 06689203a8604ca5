import picomatch from 'picomatch';
import type { ChangeSet, ConfigFile, FailOn, FileDiff, FileDelta, Finding, GateResult } from './model.js';
import { InputError } from './errors.js';
import { parseConfigFile, type LoadLimits } from './load/index.js';
import { diffFile, type DiffOptions } from './diff/index.js';
import { analyze, analyzerOptionsOf, analyzersWith, type AnalyzerDefinition } from './analyze/index.js';
import { evaluatePolicies } from './evaluate/index.js';
import { decide } from './decide.js';
import { builtinCheckLevel, type GateSetup } from './config/index.js';

export interface GateInput {
  changeSet: ChangeSet;
  setup: GateSetup;
  failOn?: FailOn;
  now?: Date;
  /** User analyzers (the library's `analyzers` run option), run after the built-in ones. */
  analyzers?: readonly AnalyzerDefinition[];
}

/** The whole data path, top to bottom: load → diff → analyze → evaluate → decide. No I/O. */
export function runPipeline({ changeSet, setup, failOn, now = new Date(), analyzers = [] }: GateInput): GateResult {
  const configFile = setup.configPath ? setup.ownFiles[0]! : '.configgate.yml';
  const analyzerOptions = analyzerOptionsOf(setup.data, analyzersWith(analyzers), configFile);
  const notices: Finding[] = [];
  const limits = setup.data.limits ?? {};
  const diffOptions: DiffOptions = { identityKeys: setup.data.identity?.keys, identityByPath: setup.data.identity?.paths };
  const files = changeSet.files.map((delta) => diffDelta(delta, limits, diffOptions, notices));
  const signals = analyze(
    files,
    { inventory: setup.inventory, options: { analyzers: setup.data.analyzers, headroom: setup.data.headroom, schemas: setup.schemas }, analyzerOptions },
    analyzers,
  );
  const findings = [
    ...evaluatePolicies(setup.policies, files, signals, setup.resolve, setup.inventory),
    ...ownFilesChanged(changeSet, setup),
    ...notices,
  ];
  const effectiveFailOn = failOn ?? setup.data.failOn ?? 'rollout';
  const decision = decide(findings, {
    waivers: setup.waivers,
    failOn: effectiveFailOn,
    now,
    stages: setup.stages,
    expiredWaiverLevel: levelOf(builtinCheckLevel(setup.data, 'waiver.expired', 'warn')),
    configFile,
  });
  const policyFilesChanged = changedOwnFiles(changeSet, setup);
  return {
    verdict: decision.verdict,
    counts: decision.counts,
    findings: decision.findings,
    signals,
    files: files.map(({ path, oldPath, status, changes }) => ({ path, ...(oldPath ? { oldPath } : {}), status, changes })),
    skipped: changeSet.skipped,
    waivers: decision.waivers,
    baseLabel: changeSet.baseLabel,
    headLabel: changeSet.headLabel,
    failed: decision.failed,
    failOn: effectiveFailOn,
    ...(decision.rollout ? { rollout: decision.rollout } : {}),
    ...(policyFilesChanged.length ? { policyFilesChanged } : {}),
  };
}

function diffDelta(delta: FileDelta, limits: Partial<LoadLimits>, opts: DiffOptions, notices: Finding[]): FileDiff {
  // The after side must parse: a file that no longer parses never passes (InputError → exit 2).
  const after = delta.after?.text !== undefined ? parse(delta.after.path, delta.after.text, delta.after.bytes, limits) : undefined;
  let before: ConfigFile | undefined;
  if (delta.before?.text !== undefined) {
    try {
      before = parse(delta.before.path, delta.before.text, delta.before.bytes, limits);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A file that was broken before and is being fixed is not a reason to stop the fix.
      notices.push({
        policy: 'gate.unparseable-before',
        level: 'notice',
        messageId: 'unparseable-before',
        file: delta.path,
        path: '',
        line: 1,
        message: `the previous version did not parse (${error.message}); compared as a new file`,
      });
    }
  }
  return diffFile(delta.status, delta.path, { before, after, oldPath: delta.oldPath }, opts);
}

function parse(path: string, text: string, bytes: number, limits: Partial<LoadLimits>): ConfigFile {
  return parseConfigFile({ path, text, bytes }, limits);
}

function changedOwnFiles(changeSet: ChangeSet, setup: GateSetup): string[] {
  const own = new Set(setup.ownFiles);
  return changeSet.files.flatMap((f) => [f.path, ...(f.oldPath ? [f.oldPath] : [])]).filter((p) => own.has(p) || isGateFile(p));
}

const isGateFile = picomatch(['**/.configgate.{yml,yaml}', '.configgate.{yml,yaml}'], { dot: true });

/** A change to the gate's own files is reported as such: it takes effect only once merged. */
function ownFilesChanged(changeSet: ChangeSet, setup: GateSetup): Finding[] {
  const level = levelOf(builtinCheckLevel(setup.data, 'gate.policy-change', 'warn'));
  if (level === 'off') return [];
  return changedOwnFiles(changeSet, setup).map((file) => ({
    policy: 'gate.policy-change',
    level,
    messageId: 'policy-change',
    file,
    path: '',
    line: 1,
    message: `this change edits the gate's own configuration (${file}); it is judged by the ${setup.readerLabel} version and takes effect once merged`,
  }));
}

function levelOf(level: string): Finding['level'] | 'off' {
  return level as Finding['level'] | 'off';
}
