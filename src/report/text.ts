// The terminal report. Colour only when asked for (the CLI passes whether stdout is a TTY).
import type { Finding, GateResult, RolloutReport, RolloutStageReport, Signal, Verdict } from '../model.js';
import {
  VERDICT_SYMBOL,
  beforeAfter,
  clean,
  clusterByRemoval,
  countsText,
  plural,
  failText,
  findingsByFile,
  location,
  missingFacts,
  scopeText,
  skippedText,
  sortedWaivers,
  currentStage,
  evidenceText,
  rolloutHeadline,
  rolloutScopeText,
  stageStateText,
  waiverStateText,
} from './format.js';

export interface TextOptions {
  /** ANSI colour; off unless true. */
  color?: boolean;
  /** Wrap lines to this many columns; undefined (a pipe, a file) never wraps. */
  width?: number;
}

/** Narrower than this, wrapping helps nobody: lines are left whole. */
const MIN_WIDTH = 40;
/** Continuation lines of a finding or a signal are indented this far. */
const HANG = '      ';

/**
 * The width to wrap text reports to: the terminal's columns, else a positive `COLUMNS`; undefined
 * when the report is not going to a terminal (a pipe, `-o FILE`), so scripts get whole lines.
 */
export function textWidth(io: { isTTY: boolean; columns?: number; env: NodeJS.ProcessEnv; output?: string }): number | undefined {
  if (!io.isTTY || io.output) return undefined;
  const fromEnv = Number(io.env.COLUMNS);
  const columns = io.columns && io.columns > 0 ? io.columns : Number.isInteger(fromEnv) && fromEnv > 0 ? fromEnv : undefined;
  return columns !== undefined && columns >= MIN_WIDTH ? columns : undefined;
}

/** Words of `text` on lines of at most `width` columns after `indent`; a word longer than a line stands alone. */
export function wrapWords(text: string, width: number, indent: string): string[] {
  const room = Math.max(1, width - indent.length);
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/ +/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > room) {
      lines.push(indent + line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(indent + line);
  return lines;
}

/** Where "(*)" is used: what it stands for, said once under the findings. */
export const EVERYWHERE_LEGEND = '(*) everywhere: the change is not scoped to a region, pool, host or caller, so it reaches all of them';
const EVERYWHERE = '(*)';

type Paint = (text: string) => string;
interface Palette {
  bold: Paint;
  dim: Paint;
  verdict: Record<Verdict, Paint>;
  level: Record<Finding['level'] | 'waived', Paint>;
  direction: Record<Signal['direction'], Paint>;
}

const sgr = (open: string): Paint => (text) => (text ? `\u001b[${open}m${text}\u001b[0m` : text);
const plain: Paint = (text) => text;

const COLOURS: Palette = {
  bold: sgr('1'),
  dim: sgr('2'),
  verdict: { pass: sgr('1;32'), warn: sgr('1;33'), 'needs-rollout': sgr('1;35'), block: sgr('1;31') },
  level: { block: sgr('31'), rollout: sgr('35'), warn: sgr('33'), notice: sgr('36'), waived: sgr('2') },
  direction: { risky: sgr('31'), safe: sgr('32'), neutral: sgr('2') },
};
const NO_COLOURS: Palette = {
  bold: plain,
  dim: plain,
  verdict: { pass: plain, warn: plain, 'needs-rollout': plain, block: plain },
  level: { block: plain, rollout: plain, warn: plain, notice: plain, waived: plain },
  direction: { risky: plain, safe: plain, neutral: plain },
};

// Direction, not up or down: a capacity drop is risky, a capacity increase safe.
const DIRECTION_MARK: Record<Signal['direction'], string> = { risky: '!', safe: '✓', neutral: '·' };

/** The verdict line, the findings by file, the meaning, waivers, skipped files, the rollout step, a footer. */
export function renderText(result: GateResult, opts: TextOptions = {}): string {
  const c = opts.color === true ? COLOURS : NO_COLOURS;
  const lines: string[] = [];
  const section = (title: string, body: string[]) => {
    if (body.length === 0) return;
    lines.push('', c.bold(title), ...body);
  };

  lines.push(`${c.verdict[result.verdict](`${VERDICT_SYMBOL[result.verdict]} ${result.verdict}`)} — ${countsText(result)}`);

  if (result.policyFilesChanged?.length) {
    lines.push('', `The gate's own files changed (${result.policyFilesChanged.map(clean).join(', ')}); they take effect once merged.`);
  }

  const widths: Widths = {
    location: Math.min(48, Math.max(0, ...result.findings.map((f) => clean(location(f.file, f.line, f.column)).length))),
    level: Math.max(0, ...result.findings.map((f) => levelLabel(f).length)),
    policy: Math.min(40, Math.max(0, ...result.findings.map((f) => clean(f.policy).length))),
  };
  for (const group of findingsByFile(result)) {
    lines.push('');
    const changes = result.files.find((f) => f.path === group.file)?.changes ?? [];
    for (const cluster of clusterByRemoval(group.findings, changes)) {
      if (cluster.root) {
        const where = clean(location(group.file, cluster.root.line));
        lines.push(`  ${where}  ${c.bold(`removed ${clean(cluster.root.path)}`)}: ${plural(cluster.findings.length, 'finding')} under it`);
      }
      const indent = cluster.root ? '  ' : '';
      for (const finding of cluster.findings) lines.push(...findingLines(finding, widths, c, opts.width).map((l) => indent + l));
    }
  }
  if (result.findings.some((f) => f.message.includes(EVERYWHERE)) || result.signals.some((s) => s.summary.includes(EVERYWHERE))) {
    lines.push('', c.dim(EVERYWHERE_LEGEND));
  }

  section(
    'What this change means',
    result.signals.flatMap((s) => signalLines(s, c, opts.width)),
  );

  const waivers = sortedWaivers(result);
  const idWidth = Math.max(0, ...waivers.map((s) => clean(s.waiver.id).length));
  const waiverPolicyWidth = Math.max(0, ...waivers.map((s) => clean(s.waiver.policy).length));
  section(
    'Waivers',
    waivers.map((s) => {
      const state = s.state === 'applied' ? s.state : c.level[s.state === 'expired' ? 'warn' : 'notice'](s.state);
      const fields = [
        pad(state, s.state.length, 8),
        clean(s.waiver.id).padEnd(idWidth),
        clean(s.waiver.policy).padEnd(waiverPolicyWidth),
        waiverStateText(s),
        c.dim(`(owner ${clean(s.waiver.owner)}: ${clean(s.waiver.reason)})`),
      ];
      return `  ${fields.join('  ')}`;
    }),
  );

  const skipped = skippedText(result);
  if (skipped) lines.push('', skipped);

  if (result.rollout) lines.push('', ...rolloutLines(result.rollout, c));

  const missing = missingFacts(result);
  section(
    'What would sharpen this verdict',
    [...missing.facts.map((fact) => `  ? ${clean(fact)}`), ...(missing.more > 0 ? [`  … and ${missing.more} more (see --format json)`] : [])],
  );

  lines.push('', c.dim(`base ${clean(result.baseLabel)} → head ${clean(result.headLabel)} · ${failText(result)}`));
  return `${fitLines(lines, opts.width).join('\n')}\n`;
}

const SGR = /\u001b\[[0-9;]*m/g;

/** Any line still wider than `width` wrapped at its words, under its own indent (its colour dropped). */
function fitLines(lines: string[], width?: number): string[] {
  if (width === undefined) return lines;
  return lines.flatMap((line) => {
    const visible = line.replace(SGR, '');
    if (visible.length <= width) return [line];
    const indent = /^ */.exec(visible)![0];
    const [first, ...rest] = wrapWords(visible.trim(), width, indent);
    return [first, ...wrapWords(rest.map((l) => l.trim()).join(' '), width, `${indent}  `)];
  });
}

/** `configgate rollout status` as text: the verdict line, then the rollout (or why there is none). */
export function renderRolloutText(result: GateResult, opts: TextOptions = {}): string {
  const c = opts.color === true ? COLOURS : NO_COLOURS;
  const head = `${c.verdict[result.verdict](`${VERDICT_SYMBOL[result.verdict]} ${result.verdict}`)} — ${countsText(result)}`;
  const body = result.rollout ? rolloutLines(result.rollout, c) : ['No staged rollout: nothing in this change needs one.'];
  return `${[head, '', ...body].join('\n')}\n`;
}

const STAGE_MARK: Record<RolloutStageReport['state'], string> = { done: '✔', baking: '◐', pending: '·', failed: '✖' };

/** The rollout: its headline, one line per stage with its evidence under it, and the next step. */
function rolloutLines(rollout: RolloutReport, c: Palette): string[] {
  const current = currentStage(rollout);
  const width = Math.max(...rollout.stages.map((s) => clean(s.name).length));
  const lines = [`${c.bold('Rollout:')} ${rolloutHeadline(rollout)}`];
  rollout.stages.forEach((s, i) => {
    const text = `  ${STAGE_MARK[s.state]} ${i + 1}. ${clean(s.name).padEnd(width)}  ${clean(rolloutScopeText(s.scope))}  ${clean(stageStateText(s))}`;
    lines.push(i === current ? c.bold(`${text}  ← current`) : text);
    for (const e of s.evidence) lines.push(c.dim(`       ${clean(evidenceText(e))}`));
  });
  lines.push(`${c.bold(rollout.satisfied ? 'Allowed:' : 'Next:')} ${clean(rollout.next)}`);
  return lines;
}

function levelLabel(finding: Finding): string {
  return finding.waivedBy ? 'waived' : finding.level;
}

/** Pads painted text by its visible width. */
function pad(painted: string, visible: number, width: number): string {
  return painted + ' '.repeat(Math.max(0, width - visible));
}

interface Widths {
  location: number;
  level: number;
  policy: number;
}

/**
 * `file:line  level  policy  path  before → after  message`, empty fields left out. Wider than
 * `width`, the message (and what does not fit of the rest) goes on indented lines below.
 */
function findingLines(finding: Finding, widths: Widths, c: Palette, width?: number): string[] {
  const label = levelLabel(finding);
  const paint = c.level[finding.waivedBy ? 'waived' : finding.level];
  const head = [
    clean(location(finding.file, finding.line, finding.column)).padEnd(widths.location),
    pad(paint(label), label.length, widths.level),
    clean(finding.policy).padEnd(widths.policy),
    finding.path ? c.dim(clean(finding.path)) : '',
    clean(beforeAfter(finding)),
  ].filter((f) => f.trim() !== '');
  const plainHead = [
    clean(location(finding.file, finding.line, finding.column)).padEnd(widths.location),
    label.padEnd(widths.level),
    clean(finding.policy).padEnd(widths.policy),
    finding.path ? clean(finding.path) : '',
    clean(beforeAfter(finding)),
  ].filter((f) => f.trim() !== '');
  const waived = finding.waivedBy ? ` (waived by ${clean(finding.waivedBy)})` : '';
  const message = clean(finding.message);
  const whole = `  ${[...head, message + (waived ? c.dim(waived) : '')].join('  ')}`;
  const plainLength = 2 + [...plainHead, message + waived].join('  ').length;
  if (width === undefined || plainLength <= width) return [whole];
  return [...packFields(head, plainHead, width), ...wrapWords(message, width, HANG), ...(waived ? wrapWords(waived.trim(), width, HANG).map(c.dim) : [])];
}

/** Fields two spaces apart on the first line while they fit, the rest on hanging lines; a field too long for any line wraps at its words. */
function packFields(painted: string[], plain: string[], width: number): string[] {
  const lines: string[] = [];
  let line = '';
  let visible = 0;
  plain.forEach((field, i) => {
    const indent = lines.length === 0 && line === '' ? '  ' : HANG;
    if (line !== '' && visible + 2 + field.trimEnd().length <= width) {
      line += `  ${painted[i]}`;
      visible += 2 + field.length;
      return;
    }
    if (line !== '') lines.push(line.trimEnd());
    if (indent.length + field.trimEnd().length <= width) {
      line = indent + painted[i];
      visible = indent.length + field.length;
      return;
    }
    const wrapped = wrapWords(field, width, indent);
    lines.push(...wrapped.slice(0, -1));
    line = wrapped[wrapped.length - 1] ?? '';
    visible = line.length;
  });
  if (line !== '') lines.push(line.trimEnd());
  return lines;
}

/** `  ! summary  (scope)`; wider than `width`, the summary and scope wrap under it. */
function signalLines(s: Signal, c: Palette, width?: number): string[] {
  const mark = c.direction[s.direction](DIRECTION_MARK[s.direction]);
  const scope = `(${clean(scopeText(s.scope))})`;
  const whole = `  ${mark} ${clean(s.summary)}  ${c.dim(scope)}`;
  if (width === undefined || 4 + clean(s.summary).length + 2 + scope.length <= width) return [whole];
  const [first, ...rest] = wrapWords(`${clean(s.summary)}  ${scope}`, width, '    ');
  return [`  ${mark} ${first.trimStart()}`, ...rest];
}
