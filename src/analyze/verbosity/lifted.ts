// An added values key that lifts a level a template of the chart hard-coded (kit/lifted.ts) is
// judged from that literal, not from the default level: `--v=10` lifted into `level: 10` raises
// nothing; `--v=2` lifted into `level: 10` is the raise 2 → 10.
import type { JsonPath, TemplateEdit } from '../../model.js';
import { liftedSetting, type LiftedSetting } from '../kit/lifted.js';
import { classify, isLevelFlag, type ClassifyOptions, type Reading } from './classify.js';

export interface LiftedReading {
  lifted: LiftedSetting;
  /** The change from the literal to the added value; undefined when it says no more or less than before. */
  reading?: Reading;
}

/**
 * The reading of a key added at `path` of `file` when the change lifts it out of a template,
 * or undefined when it does not (then it is judged from the default, as any added key). The
 * literal is read as the flag the template wrote it under when that is a level flag (`--v`),
 * else as the key itself.
 */
export function liftedReading(
  file: string,
  leaf: { key: string; path: JsonPath; to: unknown },
  context: readonly string[],
  opts: ClassifyOptions,
  templates: readonly TemplateEdit[] | undefined,
): LiftedReading | undefined {
  const lifted = liftedSetting(file, leaf.path, templates);
  if (!lifted) return undefined;
  const flag = lifted.setting?.startsWith('-') && isLevelFlag(lifted.setting) ? lifted.setting.replace(/^--?/, '') : undefined;
  const asFlag = flag === undefined ? undefined : classify(flag, [...context, flag], lifted.literal, leaf.to, { ...opts, flag: true });
  const reading = asFlag ?? classify(leaf.key, context, lifted.literal, leaf.to, opts);
  return { lifted, ...(reading ? { reading } : {}) };
}
