import type { ChangeSet, ConfigFile, FailOn, FileDiff, FileDelta, Finding, GateResult } from './model.js';
import { InputError } from './errors.js';
import { parseConfigFile, type LoadLimits } from './load/index.js';
import { diffFile, type DiffOptions } from './diff/index.js';
import { analyze } from './analyze/index.js';
import { evaluatePolicies, GATE_CHECKS, gateFinding, type GateCheckId } from './evaluate/index.js';
import { decide } from './decide.js';
import type { GateSetup } from './config/index.js';
import { globMatcher } from './match.js';

export interface GateInput {
  changeSet: ChangeSet;
  setup: GateSetup;
  failOn?: FailOn;
  now?: Date;
}

/** The whole data path, top to bottom: load → diff → analyze → evaluate → decide. No I/O. */
export function runPipeline({ changeSet, setup, failOn, now = new Date() }: GateInput): GateResult {
  const notices: Finding[] = [];
  const limits = setup.data.limits ?? {};
  const diffOptions: DiffOptions = { identityKeys: setup.data.identity?.keys, identityByPath: setup.data.identity?.paths };
  const levelOn = (id: GateCheckId, file: string) => setup.resolve(GATE_CHECKS[id], file).level;
  const files = changeSet.files.map((delta) => diffDelta(delta, limits, diffOptions, notices, levelOn));
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
  const configFile = setup.configPath ? setup.ownFiles[0] : '.configgate.yml';
  const decision = decide(findings, {
    waivers: setup.waivers,
    failOn: effectiveFailOn,
    now,
    stages: setup.stages,
    levelOf: (id) => levelOn(id, configFile),
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

function diffDelta(
  delta: FileDelta,
  limits: Partial<LoadLimits>,
  opts: DiffOptions,
  notices: Finding[],
  levelOn: (id: GateCheckId, file: string) => Finding['level'] | 'off',
): FileDiff {
  // The after side must parse: a file that no longer parses never passes (InputError → exit 2).
  const after = delta.after?.text !== undefined ? parse(delta.after.path, delta.after.text, delta.after.bytes, limits) : undefined;
  let before: ConfigFile | undefined;
  if (delta.before?.text !== undefined) {
    try {
      before = parse(delta.before.path, delta.before.text, delta.before.bytes, limits);
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // A file that was broken before and is being fixed is not a reason to stop the fix.
      const level = levelOn('gate.unparseable-before', delta.path);
      if (level !== 'off') notices.push(gateFinding('gate.unparseable-before', level, { file: delta.path, path: '', line: 1 }, { reason: error.message }));
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

const isGateFile = globMatcher(['**/.configgate.{yml,yaml}', '.configgate.{yml,yaml}']);

/** A change to the gate's own files is reported as such: it takes effect only once merged. */
function ownFilesChanged(changeSet: ChangeSet, setup: GateSetup): Finding[] {
  return changedOwnFiles(changeSet, setup).flatMap((file) => {
    const level = setup.resolve(GATE_CHECKS['gate.policy-change'], file).level;
    if (level === 'off') return [];
    return [gateFinding('gate.policy-change', level, { file, path: '', line: 1 }, { file, reader: setup.readerLabel })];
  });
}
