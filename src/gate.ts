import picomatch from 'picomatch';
import type { ChangeSet, FailOn, FileDiff, FileDelta, Finding, GateResult, Signal, SkippedFile } from './model.js';
import { InputError } from './errors.js';
import type { LoadLimits } from './load/index.js';
import { JUDGED_SIGNALS, loadDelta } from './load/delta.js';
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
  const { files, skipped, signals, findings: judged } = judgeFiles(changeSet, setup, notices);
  const findings = [...judged, ...ownFilesChanged(changeSet, setup), ...notices];
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
    skipped,
    waivers: decision.waivers,
    baseLabel: changeSet.baseLabel,
    headLabel: changeSet.headLabel,
    failed: decision.failed,
    failOn: effectiveFailOn,
    ...(decision.rollout ? { rollout: decision.rollout } : {}),
    ...(policyFilesChanged.length ? { policyFilesChanged } : {}),
  };
}

/** Every file loaded and diffed, then analyzed and put to the policies by what its role is judged by. */
function judgeFiles(changeSet: ChangeSet, setup: GateSetup, notices: Finding[]) {
  const parsing: ParseSettings = {
    limits: setup.data.limits ?? {},
    diff: { identityKeys: setup.data.identity?.keys, identityByPath: setup.data.identity?.paths },
    unparseableLevel: levelOf(builtinCheckLevel(setup.data, 'gate.unparseable', 'block')),
  };
  const loaded = changeSet.files.map((delta) => diffDelta(delta, parsing, notices));
  const files = loaded.filter((f): f is FileDiff => 'changes' in f);
  const skipped = [...changeSet.skipped, ...loaded.filter((f): f is SkippedFile => !('changes' in f))];
  const analyzed = analyze(
    files.filter((f) => f.role?.kind !== 'describes'),
    {
      inventory: setup.inventory,
      options: { analyzers: setup.data.analyzers, headroom: setup.data.headroom, schemas: setup.schemas },
      repository: { baseConfigFiles: changeSet.baseConfigFiles },
    },
  );
  const signals = judgedSignals(analyzed, files);
  // A generated or describing file's own changes are not put to the change policies.
  const judgedFiles = files.map((f) => (f.role ? { ...f, changes: [] } : f));
  const findings = evaluatePolicies(setup.policies, judgedFiles, signals, setup.resolve, setup.inventory);
  return { files, skipped, signals, findings };
}

interface ParseSettings {
  limits: Partial<LoadLimits>;
  diff: DiffOptions;
  unparseableLevel: Finding['level'] | 'off';
}

/** Both sides loaded and diffed; a template is listed as skipped instead. */
function diffDelta(delta: FileDelta, settings: ParseSettings, notices: Finding[]): FileDiff | SkippedFile {
  let loaded: ReturnType<typeof loadDelta>;
  try {
    loaded = loadDelta(delta, settings.limits);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // As ESLint reports a fatal parse error: the file is a finding of its own and the rest of
    // the change is still judged. A file of the change that does not parse never passes.
    if (settings.unparseableLevel !== 'off') notices.push(unparseable(delta.path, error, settings.unparseableLevel));
    return { path: delta.path, ...(delta.oldPath ? { oldPath: delta.oldPath } : {}), status: delta.status, changes: [] };
  }
  if ('skipped' in loaded) return loaded.skipped;
  notices.push(...loaded.notices);
  const diff = diffFile(delta.status, delta.path, { before: loaded.before, after: loaded.after, oldPath: delta.oldPath }, settings.diff);
  return loaded.role ? { ...diff, role: loaded.role } : diff;
}

/** Only what a file's role is judged by: generated files by size signals, describing ones by none. */
function judgedSignals(signals: Signal[], files: readonly FileDiff[]): Signal[] {
  const roles = new Map(files.filter((f) => f.role).map((f) => [f.path, f.role!.kind]));
  if (roles.size === 0) return signals;
  return signals.filter((s) => {
    const role = roles.get(s.file);
    return role === undefined || JUDGED_SIGNALS[role].includes(s.type);
  });
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
