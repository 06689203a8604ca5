// The Markdown report: the sticky PR comment and the job summary (same body, different limits).
import type { Change, FileSummary, Finding, GateResult, RolloutStageReport, Signal, Verdict, WaiverStatus } from '../model.js';
import {
  beforeAfter,
  clean,
  currentStage,
  rolloutHeadline,
  rolloutScopeText,
  stageStateText,
  countsText,
  duration,
  failText,
  location,
  missingFacts,
  plural,
  scopeText,
  skippedText,
  sortedWaivers,
  truncate,
} from './format.js';
import { EVERYWHERE_LEGEND } from './text.js';

export interface MarkdownOptions {
  /** Gate instance, for the hidden marker that finds the sticky comment (default `default`). */
  instance?: string;
  /** Upper bound of the body in characters (default 65,000; GitHub comments hold 65,536). */
  maxLength?: number;
  /** Link to the job summary, for the truncation note. */
  summaryUrl?: string;
  /** Notes the front end adds under the verdict (defaults used, an input ignored, how much a surface shows); plain text. */
  notes?: string[];
}

export const DEFAULT_MAX_LENGTH = 65_000;
export const MAX_TABLE_ROWS = 50;
export const MAX_SIGNALS = 50;
export const MAX_FILES = 100;
export const MAX_CHANGES_PER_FILE = 30;
export const MAX_WAIVERS = 50;
const MESSAGE_WIDTH = 300;

const VERDICT_EMOJI: Record<Verdict, string> = { pass: '✅', warn: '⚠️', 'needs-rollout': '🚦', block: '⛔' };
const LEVEL_EMOJI: Record<Finding['level'], string> = { block: '⛔', rollout: '🚦', warn: '⚠️', notice: 'ℹ️' };
const DIRECTION_EMOJI: Record<Signal['direction'], string> = { risky: '🔺', safe: '🟢', neutral: '⚪' };
const WAIVER_STATE: Record<WaiverStatus['state'], string> = {
  applied: '✅ applied',
  expiring: '⏳ expiring soon',
  expired: '⌛ expired',
  unused: '💤 unused',
};

/** The hidden marker by which the Action finds its own sticky comment. */
export function commentMarker(instance = 'default'): string {
  return `<!-- configgate:${instance.replace(/--+/g, '-').replace(/[<>\r\n]/g, '')} -->`;
}

/**
 * Markdown-safe text: control characters and newlines neutralised, Markdown punctuation
 * backslash-escaped, `<`, `>` and `&` as entities (no HTML from config values). Safe in table cells.
 */
export function escapeMarkdown(text: string): string {
  return unmention(
    clean(text)
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
      .replace(/[&<>]/g, (c) => ENTITY[c]),
  );
}

/** `@name` quoted from a file must not notify a person or a team: a zero-width space after the `@`. */
function unmention(text: string): string {
  return text.replace(/(^|[^\w`])@(?=[\w-])/g, '$1@\u200b');
}

/** Text inside an HTML element (`<summary>`): entities only, since Markdown escapes are not read there. */
export function escapeHtml(text: string): string {
  return unmention(clean(text).replace(/[&<>"'`|*_[\]\\~]/g, (c) => ENTITY[c] ?? `&#${c.charCodeAt(0)};`));
}

const ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

/** A Mermaid label: anything but plain characters as Mermaid's `#code;` entities. */
function escapeMermaid(text: string): string {
  return clean(text).replace(/[^A-Za-z0-9 .,:%+=@/_-]/gu, (c) => `#${c.codePointAt(0)};`);
}

/**
 * One block of the body. Items end in a newline; truncation drops them from the end, and a block
 * left with no item is dropped whole (its heading too).
 */
interface Block {
  open: string;
  items: string[];
  /** Items rendered (lowered by truncation). */
  shown: number;
  /** Items left out by a fixed cap, before any truncation. */
  capped: number;
  /** The line saying how many items are not shown. */
  more?: (omitted: number) => string;
  close: string;
  /** Never dropped (the marker and the verdict line). */
  fixed?: boolean;
  /** Running lengths of the items: `sums[i]` is the length of the first i items. */
  sums: number[];
}

function block(parts: Pick<Block, 'open' | 'items'> & Partial<Pick<Block, 'close' | 'capped' | 'more' | 'fixed'>>): Block {
  const sums = [0];
  for (const item of parts.items) sums.push(sums[sums.length - 1] + item.length);
  return { close: '', capped: 0, ...parts, shown: parts.items.length, sums };
}

function blockLength(b: Block): number {
  if (b.shown === 0 && !b.fixed) return 0;
  const omitted = b.capped + b.items.length - b.shown;
  return b.open.length + b.sums[b.shown] + (b.more && omitted > 0 ? b.more(omitted).length : 0) + b.close.length;
}

function blockText(b: Block): string {
  if (b.shown === 0 && !b.fixed) return '';
  const omitted = b.capped + b.items.length - b.shown;
  return b.open + b.items.slice(0, b.shown).join('') + (b.more && omitted > 0 ? b.more(omitted) : '') + b.close;
}

/** Blocks are separated by one blank line (each ends in a newline). */
function totalLength(blocks: Block[]): number {
  let sum = 0;
  let count = 0;
  for (const b of blocks) {
    const length = blockLength(b);
    if (length > 0) {
      sum += length;
      count++;
    }
  }
  return sum + Math.max(0, count - 1);
}

/** The PR comment / job summary. Always ≤ `maxLength`, always with the marker and the verdict line. */
export function renderMarkdown(result: GateResult, opts: MarkdownOptions = {}): string {
  const maxLength = opts.maxLength ?? DEFAULT_MAX_LENGTH;
  const head = block({
    open: `${commentMarker(opts.instance)}\n### ${VERDICT_EMOJI[result.verdict]} configgate: ${result.verdict} — ${countsText(result)}\n`,
    items: [],
    fixed: true,
  });
  const frontNotes = block({ open: '', items: (opts.notes ?? []).map((n) => `> [!NOTE]\n> ${escapeMarkdown(n)}\n`), fixed: (opts.notes ?? []).length > 0 });
  const [policyNote, skippedNote] = noteItems(result).map((item) => block({ open: '', items: item ? [item] : [] }));
  const table = findingsTable(result);
  const meaning = meaningBlock(result);
  const details = detailsBlock(result);
  const missing = missingBlock(result);
  const waivers = waiversBlock(result);
  const rollout = block({ open: '', items: result.rollout ? [rolloutText(result)] : [] });
  const footer = block({
    open: '',
    items: [`<sub>configgate · base ${escapeMarkdown(result.baseLabel)} → head ${escapeMarkdown(result.headLabel)} · ${failText(result)}</sub>\n`],
  });

  const body = [head, frontNotes, policyNote, skippedNote, table, meaning, missing, details, waivers, rollout, footer];
  if (totalLength(body) <= maxLength) return tidy(body.map(blockText).filter(Boolean).join('\n'));

  // Too long: cut from the end of the per-file details, then the table's rows, then whole
  // sections, keeping room for a note that says what was left out.
  const initial = body.map((b) => b.shown);
  const detailsAtFirst = details.shown;
  const note = (): string => truncationNote(result.findings.length - table.shown, detailsAtFirst - details.shown, opts.summaryUrl);
  const fits = (): boolean => totalLength(body) + 1 + note().length <= maxLength;
  for (const b of [details, table, missing, meaning, waivers, skippedNote, policyNote, rollout, footer]) {
    while (b.shown > 0 && !fits()) b.shown--;
    if (fits()) break;
  }
  const parts = body.map(blockText).filter(Boolean);
  if (body.some((b, i) => b.shown < initial[i])) parts.splice(footer.shown > 0 ? parts.length - 1 : parts.length, 0, note());
  const out = tidy(parts.join('\n'));
  // Last resort (a maxLength too small for even the verdict line): cut, never past the limit.
  return out.length <= maxLength ? out : cutAt(out, maxLength);
}

/** At most one blank line in a row (blocks end in their own blank lines); only ever shortens. */
function tidy(text: string): string {
  return text.replace(/\n{3,}/g, '\n\n');
}

function cutAt(text: string, max: number): string {
  let end = Math.max(0, max);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end);
}

function truncationNote(findings: number, files: number, summaryUrl?: string): string {
  const where = summaryUrl ? `[the job summary](${summaryUrl.replace(/[\s()<>]/g, encodeURIComponent)})` : 'the job summary';
  const what = [findings > 0 ? `${findings.toLocaleString('en-US')} more findings` : '', files > 0 ? `changes of ${plural(files, 'file')}` : '']
    .filter(Boolean)
    .join(' and ');
  return `> **Truncated:** ${what || 'sections left out'} — see ${where}\n`;
}

/** The note on changed policy files and the line on skipped files ('' when there is none). */
function noteItems(result: GateResult): [string, string] {
  let policy = '';
  if (result.policyFilesChanged?.length) {
    const names = result.policyFilesChanged.slice(0, 10).map(escapeMarkdown).join(', ');
    const more = result.policyFilesChanged.length > 10 ? ` and ${result.policyFilesChanged.length - 10} more` : '';
    policy = `> [!NOTE]\n> This change edits the gate's own files (${names}${more}). They were not used to judge it: they take effect once merged.\n`;
  }
  const skipped = skippedText(result);
  return [policy, skipped ? `<sub>${escapeMarkdown(skipped)}</sub>\n` : ''];
}

function findingsTable(result: GateResult): Block {
  const rows = result.findings.slice(0, MAX_TABLE_ROWS).map(findingRow);
  const legend = result.findings.some((f) => f.message.includes('(*)')) ? `\n<sub>${escapeMarkdown(EVERYWHERE_LEGEND)}</sub>\n` : '';
  return block({
    close: legend,
    open: '| level | policy | file:line | before → after | message |\n|---|---|---|---|---|\n',
    items: rows,
    capped: Math.max(0, result.findings.length - MAX_TABLE_ROWS),
    more: (n) => `\n_+${n.toLocaleString('en-US')} more ${n === 1 ? 'finding' : 'findings'} (this table shows ${(result.findings.length - n).toLocaleString('en-US')} of ${result.findings.length.toLocaleString('en-US')}; the JSON report has them all)_\n`,
  });
}

export interface NotJudgedOptions {
  instance?: string;
  /** The one line the step failed with. */
  reason: string;
  /** The head that could not be judged, as people read it. */
  head: string;
  summaryUrl?: string;
}

/** The sticky comment when the gate could not judge the head: no verdict stands, whatever an earlier run said. */
export function renderNotJudged(opts: NotJudgedOptions): string {
  const where = opts.summaryUrl ? `[the workflow run](${opts.summaryUrl.replace(/[\s()<>]/g, encodeURIComponent)})` : 'the workflow run';
  return [
    commentMarker(opts.instance),
    '### ❗ configgate: not judged — the change could not be judged',
    '',
    `The gate failed on ${escapeMarkdown(opts.head)} before it reached a verdict, so no earlier verdict on this pull request applies. The step failed with:`,
    '',
    `> ${escapeMarkdown(opts.reason)}`,
    '',
    `Fix the cause and re-run; see ${where}.`,
    '',
  ].join('\n');
}

function findingRow(f: Finding): string {
  const level = f.waivedBy ? `~~${f.level}~~ waived (${escapeMarkdown(f.waivedBy)})` : `${LEVEL_EMOJI[f.level]} ${f.level}`;
  const message = escapeMarkdown(truncate(f.message, MESSAGE_WIDTH)) + (f.path ? `<br><sub>${escapeMarkdown(truncate(f.path, 120))}</sub>` : '');
  return `| ${level} | ${escapeMarkdown(f.policy)} | ${escapeMarkdown(location(f.file, f.line))} | ${escapeMarkdown(beforeAfter(f))} | ${message} |\n`;
}

function meaningBlock(result: GateResult): Block {
  const items = result.signals.slice(0, MAX_SIGNALS).map(
    (s) => `- ${DIRECTION_EMOJI[s.direction]} ${escapeMarkdown(truncate(s.summary, MESSAGE_WIDTH))} — _${escapeMarkdown(scopeText(s.scope))}_\n`,
  );
  return block({
    open: '#### What this change means\n\n',
    items,
    capped: Math.max(0, result.signals.length - MAX_SIGNALS),
    more: (n) => `- _+${n.toLocaleString('en-US')} more_\n`,
  });
}

function missingBlock(result: GateResult): Block {
  const { facts, more } = missingFacts(result);
  return block({
    open: '#### What would sharpen this verdict\n\n',
    items: facts.map((fact) => `- ${escapeMarkdown(truncate(fact, MESSAGE_WIDTH))}\n`),
    capped: more,
    more: (n) => `- _+${n.toLocaleString('en-US')} more in the JSON report_\n`,
  });
}

function detailsBlock(result: GateResult): Block {
  const findings = new Map<string, number>();
  for (const f of result.findings) if (!f.waivedBy) findings.set(f.file, (findings.get(f.file) ?? 0) + 1);
  const files = result.files.filter((f) => f.changes.length > 0 || f.status !== 'modified');
  return block({
    open: '#### Changes by file\n\n',
    items: files.slice(0, MAX_FILES).map((f) => fileDetails(f, findings.get(f.path) ?? 0)),
    capped: Math.max(0, files.length - MAX_FILES),
    more: (n) => `_+${plural(n, 'more file')}_\n`,
  });
}

function fileDetails(file: FileSummary, findings: number): string {
  const name = file.oldPath && file.oldPath !== file.path ? `${escapeHtml(file.oldPath)} → ${escapeHtml(file.path)}` : escapeHtml(file.path);
  const facts = [file.status, plural(file.changes.length, 'change'), findings > 0 ? plural(findings, 'finding') : ''].filter(Boolean).join(', ');
  const lines = [`<details><summary><b>${name}</b> — ${facts}</summary>\n`];
  if (file.changes.length > 0) {
    lines.push('\n| change | path | before → after | line |\n|---|---|---|---|\n');
    for (const change of file.changes.slice(0, MAX_CHANGES_PER_FILE)) lines.push(changeRow(change));
    if (file.changes.length > MAX_CHANGES_PER_FILE) lines.push(`\n_+${plural(file.changes.length - MAX_CHANGES_PER_FILE, 'more change')}_\n`);
  }
  lines.push('\n</details>\n\n');
  return lines.join('');
}

function changeRow(change: Change): string {
  const value = change.kind === 'moved' ? `[${change.from ?? '?'}] → [${change.to ?? '?'}]` : beforeAfter(change);
  return `| ${change.kind} | ${escapeMarkdown(truncate(change.pathText || '(document)', 120))} | ${escapeMarkdown(value)} | ${change.line > 0 ? change.line : ''} |\n`;
}

function waiversBlock(result: GateResult): Block {
  const statuses = sortedWaivers(result);
  const items = statuses.slice(0, MAX_WAIVERS).map((s) => {
    const w = s.waiver;
    const when = s.state === 'expiring' ? `${w.expires} (${plural(Math.max(0, s.daysLeft), 'day')} left)` : w.expires;
    return `| ${WAIVER_STATE[s.state]} | ${escapeMarkdown(w.id)} | ${escapeMarkdown(w.policy)} | ${escapeMarkdown(w.owner)} | ${escapeMarkdown(when)} | ${s.matched} | ${escapeMarkdown(truncate(w.reason, 200))} |\n`;
  });
  return block({
    open: '#### Waivers\n\n| state | waiver | policy | owner | expires | findings | reason |\n|---|---|---|---|---|---|---|\n',
    items,
    capped: Math.max(0, statuses.length - MAX_WAIVERS),
    more: (n) => `\n_+${plural(n, 'more waiver')}_\n`,
  });
}

/** `configgate rollout status --format markdown`: the verdict heading and the rollout section. */
export function renderRolloutMarkdown(result: GateResult): string {
  const head = `### ${VERDICT_EMOJI[result.verdict]} configgate rollout: ${result.verdict} — ${countsText(result)}\n\n`;
  return head + (result.rollout ? rolloutText(result) : 'No staged rollout: nothing in this change needs one.\n');
}

const STAGE_CLASS: Record<RolloutStageReport['state'], string> = { done: 'done', baking: 'baking', pending: 'pending', failed: 'failed' };

/** The rollout as a Mermaid flowchart (the current stage highlighted), a table of stages with their evidence linked, and the next step. */
function rolloutText(result: GateResult): string {
  const rollout = result.rollout!;
  const current = currentStage(rollout);
  const lines = [`#### Rollout: ${escapeMarkdown(rolloutHeadline(rollout))}\n`, '\n```mermaid\nflowchart LR\n'];
  rollout.stages.forEach((stage, i) => {
    const plan = rollout.plan.stages[i];
    const bake = plan && plan.bakeMinutes > 0 ? `bake ${duration(plan.bakeMinutes)}` : 'no bake';
    const node = `s${i}["${escapeMermaid(stage.name)}<br/>${escapeMermaid(rolloutScopeText(stage.scope))} · ${bake}<br/>${escapeMermaid(stageStateText(stage))}"]:::${STAGE_CLASS[stage.state]}`;
    lines.push(i === 0 ? `  ${node}\n` : `  s${i - 1} --> ${node}\n`);
  });
  lines.push(
    '  classDef done fill:#dafbe1,stroke:#1a7f37\n',
    '  classDef baking fill:#fff8c5,stroke:#9a6700\n',
    '  classDef pending fill:#f6f8fa,stroke:#8c959f\n',
    '  classDef failed fill:#ffebe9,stroke:#cf222e\n',
  );
  if (current >= 0) lines.push(`  style s${current} stroke-width:4px\n`);
  lines.push('```\n', '\n| # | stage | scope | state | evidence |\n|---|---|---|---|---|\n');
  rollout.stages.forEach((s, i) => {
    const evidence = s.evidence.map((e) => `${escapeMarkdown(`${e.kind} ${e.name}: ${e.state} at ${e.at}`)}${e.url ? ` ([link](${encodeURI(e.url)}))` : ''}`).join('<br>') || '—';
    const name = i === current ? `**${escapeMarkdown(s.name)}** ← current` : escapeMarkdown(s.name);
    lines.push(`| ${i + 1} | ${name} | ${escapeMarkdown(rolloutScopeText(s.scope))} | ${escapeMarkdown(stageStateText(s))} | ${evidence} |\n`);
  });
  lines.push(`\n**${rollout.satisfied ? 'Allowed' : 'Next step'}:** ${escapeMarkdown(rollout.next)}\n`);
  return lines.join('');
}
