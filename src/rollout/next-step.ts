// The next step of a staged rollout, specific to the change: the percentage or weight to set, the
// override to add, the capacity step to take — never "scope replicas to the canary".
import type { Signal } from '../model.js';
import type { PlanStage } from './types.js';
import { scopeParts } from './state.js';

export interface NextStepOptions {
  /** Largest capacity / quota drop one change may take, percent (capacity.drop-limit's option). */
  capacityStepPercent: number;
}

type Suggest = (signal: Signal, stage: PlanStage, opts: NextStepOptions, first: boolean) => string | undefined;

/** Suggestions per signal type, tried in order; the scopable-setting one is the fallback. */
const BY_TYPE: Partial<Record<Signal['type'], Suggest>> = {
  flag: flagStep,
  routing: weightStep,
  capacity: stepDown,
  quota: stepDown,
};

/** One clause saying what to change to reach `stage`, e.g. `set flags.search.rollout.percentage: 10`. */
export function specificStep(signal: Signal | undefined, stage: PlanStage, opts: NextStepOptions, first = true): string {
  const stageText = [stage.name, ...scopeParts(stage.scope)].join(', ');
  if (!signal) return `ship it to stage ${stageText} ${first ? 'first' : 'next'}`;
  return BY_TYPE[signal.type]?.(signal, stage, opts, first) ?? scopeStep(signal, stage, opts, first);
}

function flagStep(signal: Signal, stage: PlanStage): string | undefined {
  const share = stage.scope.share;
  if (share === undefined) return undefined;
  const to = signal.data.to;
  const percentChange = signal.changes.find((c) => typeof c.after === 'number' && c.after === to);
  if (percentChange) return `set ${percentChange.pathText}: ${share} (stage ${stage.name})${to === share ? '' : `, not ${to}`}`;
  return `give flag ${String(signal.data.flag)} a rollout percentage of ${share} (stage ${stage.name}) instead of switching it on for everyone`;
}

function weightStep(signal: Signal, stage: PlanStage): string | undefined {
  const before = signal.data.before as Record<string, number> | undefined;
  const after = signal.data.after as Record<string, number> | undefined;
  const share = stage.scope.share;
  if (!before || !after || share === undefined || signal.kind !== 'traffic-shifted') return undefined;
  const names = Object.keys(after);
  const gain = (n: string) => (after[n] ?? 0) - (before[n] ?? 0);
  const receiver = names.reduce((a, b) => (gain(b) > gain(a) ? b : a));
  const target = Math.max(before[receiver] ?? 0, Math.min(share, after[receiver] ?? 0));
  const others = names.filter((n) => n !== receiver);
  const rest = others.reduce((s, n) => s + (before[n] ?? 0), 0);
  const weights = names.map((n) => `${n} ${n === receiver ? fmt(target) : fmt(rest > 0 ? ((before[n] ?? 0) / rest) * (100 - target) : (100 - target) / others.length)}`);
  return `set the weights to ${weights.join(' / ')} (stage ${stage.name}: ${receiver} at ${fmt(target)}%)`;
}

function stepDown(signal: Signal, _stage: PlanStage, opts: NextStepOptions): string | undefined {
  const from = signal.data.from;
  const to = signal.data.to;
  if (typeof from !== 'number' || typeof to !== 'number' || to >= from) return undefined;
  const next = Math.max(to, Math.ceil(from * (1 - opts.capacityStepPercent / 100)));
  return `lower ${signal.pathText} ${fmt(from)} → ${fmt(next)} in this change (−${opts.capacityStepPercent}% at most a change), then on toward ${fmt(to)} after each bake`;
}

/** A scopable setting: the override to add for the stage's scope, in the same file. */
function scopeStep(signal: Signal, stage: PlanStage, _opts: NextStepOptions, first: boolean): string {
  const change = signal.changes.find((c) => c.kind !== 'removed') ?? signal.changes[0];
  const key = signal.pathText.split('.').at(-1) ?? signal.pathText;
  const value = change && change.after !== undefined && typeof change.after !== 'object' ? `: ${String(change.after)}` : '';
  const setting = `\`${key}${value}\``;
  const { regions, hosts, environments, cohort, share } = stage.scope;
  const when = first ? 'first' : 'next';
  if (regions?.length) return `set ${setting} for region ${regions[0]} only ${when} (e.g. \`regions.${regions[0]}.${key}\` in ${signal.file}), stage ${stage.name}`;
  if (hosts?.length) return `set ${setting} on host ${hosts[0]} only ${when} (e.g. \`overrides.hosts.${hosts[0]}.${key}\` in ${signal.file}), stage ${stage.name}`;
  if (environments?.length) return `set ${setting} in the ${environments[0]} copy of ${signal.file} ${when}, stage ${stage.name}`;
  if (cohort !== undefined) return `set ${setting} for cohort ${cohort} only ${when} (e.g. \`cohorts.${cohort}.${key}\` in ${signal.file}), stage ${stage.name}`;
  if (!first && share !== undefined) {
    return `set ${setting} for a scope reaching at most ${fmt(share)}% next (a region, cohort or host group: e.g. \`regions.<name>.${key}\` in ${signal.file}), stage ${stage.name}`;
  }
  return `set ${setting} on the canary only first (e.g. \`canary.${key}\` in ${signal.file}, or a ${canaryCopy(signal.file)} copy), stage ${stage.name}${share !== undefined ? ` (${fmt(share)}%)` : ''}`;
}

function canaryCopy(file: string): string {
  const dot = file.lastIndexOf('.');
  return dot > file.lastIndexOf('/') ? `${file.slice(0, dot)}.canary${file.slice(dot)}` : `${file}.canary`;
}

function fmt(n: number): string {
  return String(Math.round(n * 100) / 100);
}
