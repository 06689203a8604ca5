import picomatch from 'picomatch';
import type { ChangeSet, ConfigFile, FailOn, FileDiff, FileDelta, Finding, GateResult } from './model.js';
import { InputError } from './errors.js';
import { parseConfigFile, type LoadLimits } from './load/index.js';
import { diffFile, type DiffOptions } from './diff/index.js';
import { analyze } from './analyze/index.js';
import { evaluatePolicies } from './evaluate/index.js';
import { decide } from './decide.js';
import { builtinCheckLevel, type GateSetup } from './config/index.js';

export interface GateInput {
  changeSet: ChangeSet;
  setup: GateSetup;
  failOn?: FailOn;
  now?: Date;
}

/** The whole data path, top to bottom: load → diff → analyze → evaluate → decide. No I/O. */
export function runPipeline({ changeSet, setup, failOn, now = new Date() }: GateInput): GateResult {
  const notices: Finding[] = [];
  const parsing: ParseSettings = {
    limits: setup.data.limits ?? {},
    diff: { identityKeys: setup.data.identity?.keys, identityByPath: setup.data.identity?.paths },
    unparseableLevel: levelOf(builtinCheckLevel(setup.data, 'gate.unparseable', 'block')),
  };
  const files = changeSet.files.map((delta) => diffDelta(delta, parsing, notices));
  const signals = analyze(files, {
    inventory: setup.inventory,
    options: { analyzers: setup.data.analyzers, headroom: setup.data.headroom, schemas: setup.schemas },
  });
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
    configFile: setup.configPath ? setup.ownFiles[0] : '.configgate.yml',
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

interface ParseSettings {
  limits: Partial<LoadLimits>;
  diff: DiffOptions;
  unparseableLevel: Finding['level'] | 'off';
}

function diffDelta(delta: FileDelta, settings: ParseSettings, notices: Finding[]): FileDiff {
  let after: ConfigFile | undefined;
  if (delta.after?.text !== undefined) {
    try {
      after = parse(delta.after.path, delta.after.text, delta.after.bytes, settings.limits);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // As ESLint reports a fatal parse error: the file is a finding of its own and the rest of
      // the change is still judged. A file of the change that does not parse never passes.
      if (settings.unparseableLevel !== 'off') notices.push(unparseable(delta.path, error, settings.unparseableLevel));
      return { path: delta.path, ...(delta.oldPath ? { oldPath: delta.oldPath } : {}), status: delta.status, changes: [] };
    }
  }
  let before: ConfigFile | undefined;
  if (delta.before?.text !== undefined) {
    try {
      before = parse(delta.before.path, delta.before.text, delta.before.bytes, settings.limits);
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
  return diffFile(delta.status, delta.path, { before, after, oldPath: delta.oldPath }, settings.diff);
}

function unparseable(file: string, error: InputError, level: Finding['level']): Finding {
  const prefix = error.file === undefined ? '' : error.line === undefined ? `${error.file}: ` : `${error.file}:${error.line}: `;
  const problem = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return {
    policy: 'gate.unparseable',
    level,
    messageId: 'unparseable',
    file,
    path: '',
    line: error.line ?? 1,
    message: `${file} cannot be judged: ${problem}`,
  };
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
