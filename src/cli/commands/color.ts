import type { CommonOptions } from '../args.js';

export interface ColorIO {
  isTTY: boolean;
  env: NodeJS.ProcessEnv;
}

/**
 * Whether to paint: `--color` / `--no-color` first, then `FORCE_COLOR` (as Node reads it: set
 * and not `0` or `false` forces colour, and wins over `NO_COLOR`), then `NO_COLOR` (any
 * non-empty value, no-color.org), else a terminal that is not being written to a file.
 */
export function colorFor(common: Pick<CommonOptions, 'color' | 'output'>, io: ColorIO): boolean {
  if (common.color !== undefined) return common.color;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined) return !['0', 'false'].includes(force.toLowerCase());
  if (io.env.NO_COLOR) return false;
  return io.isTTY && !common.output;
}

export interface Paint {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
}

const wrap = (open: number, close: number) => (text: string) => `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function paint(color: boolean): Paint {
  if (!color) return { bold: plain, dim: plain, red: plain, green: plain, yellow: plain };
  return { bold: wrap(1, 22), dim: wrap(2, 22), red: wrap(31, 39), green: wrap(32, 39), yellow: wrap(33, 39) };
}
