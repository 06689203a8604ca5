// The terminal report. Colour only when asked for (the CLI passes whether stdout is a TTY).
import type { Finding, GateResult, RolloutReport, RolloutStageReport, Signal, Verdict } from '../model.js';
import {
  VERDICT_SYMBOL,
  beforeAfter,
  clean,
  countsText,
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
}

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
    location: Math.min(48, Math.max(0, ...result.findings.map((f) => clean(location(f.file, f.line)).length))),
    level: Math.max(0, ...result.findings.map((f) => levelLabel(f).length)),
    policy: Math.min(40, Math.max(0, ...result.findings.map((f) => clean(f.policy).length))),
  };
  for (const group of findingsByFile(result)) {
    lines.push('');
    for (const finding of group.findings) lines.push(findingLine(finding, widths, c));
  }

  section(
    'What this change means',
    result.signals.map((s) => `  ${c.direction[s.direction](DIRECTION_MARK[s.direction])} ${clean(s.summary)}  ${c.dim(`(${clean(scopeText(s.scope))})`)}`),
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
  return `${lines.join('\n')}\n`;
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

/** `file:line  level  policy  path  before → after  message`, empty fields left out. */
function findingLine(finding: Finding, widths: Widths, c: Palette): string {
  const label = levelLabel(finding);
  const paint = c.level[finding.waivedBy ? 'waived' : finding.level];
  const fields = [
    clean(location(finding.file, finding.line)).padEnd(widths.location),
    pad(paint(label), label.length, widths.level),
    clean(finding.policy).padEnd(widths.policy),
    finding.path ? c.dim(clean(finding.path)) : '',
    clean(beforeAfter(finding)),
    clean(finding.message) + (finding.waivedBy ? c.dim(` (waived by ${clean(finding.waivedBy)})`) : ''),
  ];
  return `  ${fields.filter((f) => f.trim() !== '').join('  ')}`;
}
