import type { ChangeSet, ConfigFile, FailOn, FileDiff, FileDelta, Finding, GateResult, Signal, SkippedFile } from './model.js';
import { changedReadings, shown } from './load/readings.js';
import { InputError } from './errors.js';
import type { LoadLimits } from './load/index.js';
import { analyzedChanges, judgedChanges, judgedSignals, loadDelta, templateEdit } from './load/delta.js';
import { generatorSourceIn, type GeneratorSource } from './load/role.js';
import { diffFile, type DiffOptions } from './diff/index.js';
import { analyze } from './analyze/index.js';
import { unchangedDocuments } from './load/unchanged-base.js';
import { evaluatePolicies, GATE_CHECKS, gateFinding, type GateCheckId } from './evaluate/index.js';
import { decide } from './decide.js';
import { withColumns } from './evaluate/column.js';
import type { GateSetup } from './config/index.js';
import { globMatcher } from './match.js';
import { CONFIG_NAMES } from './config/reader.js';
import type { RolloutInput } from './rollout/decision.js';

export interface GateInput {
  changeSet: ChangeSet;
  setup: GateSetup;
  failOn?: FailOn;
  now?: Date;
  /** The plan, evidence and base-branch facts a needs-rollout is judged against (see rollout/input.ts). */
  rollout?: RolloutInput;
}

/** What the change means and what the policies say of it, before the verdict. */
export interface Evaluated {
  files: FileDiff[];
  signals: Signal[];
  findings: Finding[];
  /** The change set's skipped files and the templates found while loading. */
  skipped?: SkippedFile[];
}

/** The whole data path, top to bottom: load → diff → analyze → evaluate → decide. No I/O. */
export function runPipeline(input: GateInput): GateResult {
  return decideChange(evaluateChange(input), input);
}

/** load → diff → analyze → evaluate. */
export function evaluateChange({ changeSet, setup }: Pick<GateInput, 'changeSet' | 'setup'>): Evaluated {
  const notices: Finding[] = [];
  const levelOn = (id: GateCheckId, file: string) => setup.resolve(GATE_CHECKS[id], file).level;
  const parsing: ParseSettings = {
    limits: setup.data.limits ?? {},
    renderedFrom: generatorSourceIn([...changeSet.skipped.map((s) => s.path), ...changeSet.files.map((f) => f.path)]),
    diff: { identityKeys: setup.data.identity?.keys, identityByPath: setup.data.identity?.paths },
    levelOn,
  };
  const loaded = changeSet.files.map((delta) => diffDelta(delta, parsing, notices));
  const files = loaded.filter((f): f is FileDiff => 'changes' in f);
  const skipped = [...changeSet.skipped, ...loaded.filter((f): f is SkippedFile => !('changes' in f))];
  const templates = changeSet.files.flatMap((delta, i) => (isTemplate(loaded[i]!) ? (templateEdit(delta) ?? []) : []));
  const analyzed = analyze(
    files.map(analyzedChanges),
    {
      inventory: setup.inventory,
      options: { analyzers: setup.data.analyzers, headroom: setup.data.headroom, schemas: setup.schemas },
      analyzerOptions: setup.analyzerOptions,
      repository: { baseConfigFiles: changeSet.baseConfigFiles, ...(changeSet.placement ? { placement: changeSet.placement } : {}) },
      ...(changeSet.unchangedBase ? { unchangedBase: unchangedDocuments(changeSet.unchangedBase, parsing.limits) } : {}),
      ...(templates.length > 0 ? { templates } : {}),
    },
    setup.analyzers,
  );
  const signals = judgedSignals(analyzed, files);
  // A generated or describing file's own changes are not put to the change policies.
  const judgedFiles = files.map(judgedChanges);
  const findings = withColumns(
    [
      ...evaluatePolicies(setup.policies, judgedFiles, signals, setup.resolve, setup.inventory),
      ...ownFilesChanged(changeSet, setup),
      ...movedOut(changeSet, setup),
      ...notices,
    ],
    textOf(changeSet),
  );
  return { files, signals, findings, skipped };
}

/** decide: the verdict, waivers and the rollout, folded into the result every report renders. */
export function decideChange({ files, signals, findings, skipped }: Evaluated, { changeSet, setup, failOn, now = new Date(), rollout }: GateInput): GateResult {
  const effectiveFailOn = failOn ?? setup.data.failOn ?? 'rollout';
  const configFile = setup.configPath ? setup.ownFiles[0] : '.configgate.yml';
  const decision = decide(findings, {
    waivers: setup.waivers,
    failOn: effectiveFailOn,
    now,
    stages: setup.stages,
    levelOf: (id) => setup.resolve(GATE_CHECKS[id], configFile).level,
    configFile,
    ...(rollout ? { rollout } : {}),
  });
  const policyFilesChanged = changedOwnFiles(changeSet, setup);
  return {
    verdict: decision.verdict,
    counts: decision.counts,
    findings: decision.findings,
    signals,
    files: files.map(({ path, oldPath, status, changes }) => ({ path, ...(oldPath ? { oldPath } : {}), status, changes })),
    skipped: skipped ?? changeSet.skipped,
    waivers: decision.waivers,
    baseLabel: changeSet.baseLabel,
    headLabel: changeSet.headLabel,
    failed: decision.failed,
    failOn: effectiveFailOn,
    ...(decision.rollout ? { rollout: decision.rollout } : {}),
    ...(policyFilesChanged.length ? { policyFilesChanged } : {}),
  };
}

/** The text a finding's line is read from: the after side, the before side of a deleted file. */
function textOf(changeSet: ChangeSet): (file: string) => string | undefined {
  const byPath = new Map(changeSet.files.map((f) => [f.path, f]));
  return (file) => {
    const delta = byPath.get(file);
    return delta?.after?.text ?? delta?.before?.text;
  };
}

interface ParseSettings {
  limits: Partial<LoadLimits>;
  /** A generator source (Jsonnet, CUE…) the change edits: the manifests it changes too are its output. */
  renderedFrom?: GeneratorSource;
  diff: DiffOptions;
  levelOn: (id: GateCheckId, file: string) => Finding['level'] | 'off';
}

/** Both sides loaded and diffed; a template is listed as skipped instead. */
function diffDelta(delta: FileDelta, settings: ParseSettings, notices: Finding[]): FileDiff | SkippedFile {
  let loaded: ReturnType<typeof loadDelta>;
  try {
    loaded = loadDelta(delta, settings.limits, settings.renderedFrom);
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    // As ESLint reports a fatal parse error: the file is a finding of its own and the rest of
    // the change is still judged. A file of the change that does not parse never passes.
    const level = settings.levelOn('gate.unparseable', delta.path);
    if (level !== 'off') notices.push(unparseable(delta.path, error, level));
    return { path: delta.path, ...(delta.oldPath ? { oldPath: delta.oldPath } : {}), status: delta.status, changes: [] };
  }
  if ('skipped' in loaded) return loaded.skipped;
  const at = { file: delta.path, path: '', line: 1 };
  if (loaded.beforeError) {
    // A file that was broken before and is being fixed is not a reason to stop the fix.
    const level = settings.levelOn('gate.unparseable-before', delta.path);
    if (level !== 'off') notices.push(gateFinding('gate.unparseable-before', level, at, { reason: loaded.beforeError.message }));
  }
  if (loaded.role) {
    const id = loaded.role.kind === 'generated' ? 'gate.generated' : 'gate.describes';
    const level = settings.levelOn(id, delta.path);
    if (level !== 'off') notices.push(gateFinding(id, level, at, { reason: loaded.role.reason }));
  }
  if (loaded.after && delta.after?.text !== undefined && !readByConfiggate(delta.path)) notices.push(...disagreements(delta, loaded.after, settings));
  const diff = diffFile(delta.status, delta.path, { before: loaded.before, after: loaded.after, oldPath: delta.oldPath }, settings.diff);
  return loaded.role ? { ...diff, role: loaded.role } : diff;
}

function isTemplate(file: FileDiff | SkippedFile): boolean {
  return !('changes' in file) && file.reason === 'template';
}

/** configgate's own config is read by configgate (YAML 1.2): `off` there is the level, with no second reading. */
function readByConfiggate(path: string): boolean {
  return CONFIG_NAMES.includes(path.slice(path.lastIndexOf('/') + 1));
}

/** Values the change writes that readers disagree on (YAML 1.1 vs 1.2), and numbers that are not finite. */
function disagreements(delta: FileDelta, after: ConfigFile, settings: ParseSettings): Finding[] {
  return changedReadings(after, delta.after!.text!, delta.before?.text).flatMap((r) => {
    const id = r.kind === 'not-finite' ? 'gate.not-finite' : 'gate.yaml-1.1';
    const level = settings.levelOn(id, delta.path);
    if (level === 'off') return [];
    return [gateFinding(id, level, { file: delta.path, path: '', line: r.line }, { text: r.text, yaml12: shown(r.yaml12), yaml11: shown(r.yaml11), readers: r.readers })];
  });
}

function unparseable(file: string, error: InputError, level: Finding['level']): Finding {
  const prefix = error.file === undefined ? '' : error.line === undefined ? `${error.file}: ` : `${error.file}:${error.line}: `;
  const problem = prefix && error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
  return gateFinding('gate.unparseable', level, { file, path: '', line: error.line ?? 1 }, { file, problem });
}

function changedOwnFiles(changeSet: ChangeSet, setup: GateSetup): string[] {
  const own = new Set(setup.ownFiles);
  return changeSet.files.flatMap((f) => [f.path, ...(f.oldPath ? [f.oldPath] : [])]).filter((p) => own.has(p) || isGateFile(p));
}

const isGateFile = globMatcher(['**/.configgate.{yml,yaml}', '.configgate.{yml,yaml}']);

/** A configuration file renamed out of the globs: judged as deleted, and said so. */
function movedOut(changeSet: ChangeSet, setup: GateSetup): Finding[] {
  return changeSet.files.flatMap((f) => {
    if (f.movedTo === undefined) return [];
    const level = setup.resolve(GATE_CHECKS['gate.moved-out'], f.path).level;
    if (level === 'off') return [];
    return [gateFinding('gate.moved-out', level, { file: f.path, path: '', line: 1 }, { file: f.path, to: f.movedTo })];
  });
}

/** A change to the gate's own files is reported as such: it takes effect only once merged. */
function ownFilesChanged(changeSet: ChangeSet, setup: GateSetup): Finding[] {
  return changedOwnFiles(changeSet, setup).flatMap((file) => {
    const level = setup.resolve(GATE_CHECKS['gate.policy-change'], file).level;
    if (level === 'off') return [];
    return [gateFinding('gate.policy-change', level, { file, path: '', line: 1 }, { file, reader: setup.readerLabel })];
  });
}
