import { setupFor } from '../../run.js';
import { distance } from '../../suggest.js';
import type { GateSetup } from '../../config/index.js';
import type { CommonOptions } from '../args.js';
import type { CliIO } from '../run.js';
import { wrapWords } from '../../report/text.js';

/** The setup a command reads: the config found from the working directory (or named), its policies. */
export function setupHere(common: CommonOptions, io: Pick<CliIO, 'cwd'>): Promise<GateSetup> {
  return setupFor({ cwd: io.cwd, source: { kind: 'git', base: 'HEAD' }, configPath: common.config, trustedRef: common.trustedRef });
}

/** A value on one line, YAML flow style: `{ logLevel: debug, hosts: [a, b] }`. */
export function inline(value: unknown): string {
  if (value === undefined) return '∅';
  if (Array.isArray(value)) return `[${value.map(inline).join(', ')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${scalar(k)}: ${inline(v)}`);
    return entries.length ? `{ ${entries.join(', ')} }` : '{}';
  }
  return typeof value === 'string' ? scalar(value) : String(value);
}

/** A string bare when YAML would read it back as the same string, else quoted. */
function scalar(text: string): string {
  const plain = /^[A-Za-z_/.][\w./*@-]*( [\w./*@-]+)*$/.test(text) && !/^(true|false|null|yes|no|on|off|~)$/i.test(text);
  return plain ? text : JSON.stringify(text);
}

/** The known name nearest to `input`: one it ends with or contains, else the closest by a few edits. */
export function nearest(input: string, known: readonly string[]): string | undefined {
  const lower = input.toLowerCase();
  const containing = known.filter((k) => k.toLowerCase().endsWith(`.${lower}`) || k.toLowerCase().includes(lower));
  if (containing.length === 1) return containing[0];
  const ranked = known.map((k) => ({ k, d: distance(lower, k.toLowerCase()) })).sort((x, y) => x.d - y.d || x.k.localeCompare(y.k));
  const best = ranked[0];
  return best && best.d <= Math.max(2, Math.floor(input.length / 4)) ? best.k : containing[0];
}

/** Wraps prose to `width` columns after an indent. */
export function wrapText(text: string, indent: string, width = 96): string[] {
  return wrapWords(text.replace(/\s+/g, ' ').trim(), width, indent);
}
