// Reports for CI systems: JUnit XML, workflow commands (`::error file=…,line=…::`) and GitLab's
// code-quality JSON. Pure renderings of the result; the verdict is decided elsewhere.
import type { Finding, GateResult } from '../model.js';
import { beforeAfter, countsText, failText, findingsByFile, location } from './format.js';
import { fingerprint } from './sarif.js';

const byLevel = (f: Finding) => (f.waivedBy ? 'waived' : f.level);

/** The text a finding reads as outside a table: message, path, and before → after. */
function findingText(f: Finding): string {
  const change = beforeAfter(f);
  return [f.message, f.path ? `at ${f.path}` : '', change ? `(${change})` : ''].filter(Boolean).join(' ');
}

// ── JUnit ────────────────────────────────────────────────────────────────────

const XML_ENTITY: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Text safe in an XML attribute or element: entities, and no characters XML 1.0 forbids. */
function xml(text: string): string {
  // The characters XML 1.0 does not allow are dropped.
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '').replace(/[&<>"']/g, (c) => XML_ENTITY[c]);
}

/**
 * JUnit XML: one test suite per file with findings, one test case per finding. An unwaived block,
 * rollout or warn finding is a `<failure type="level">`; a notice or a waived finding is `<skipped>`.
 * Changed files without findings are one passing case each, so a clean run still lists what it judged.
 */
export function renderJunit(result: GateResult, opts: { toolVersion?: string } = {}): string {
  const groups = findingsByFile(result);
  const withFindings = new Set(groups.map((g) => g.file));
  const clean = result.files.filter((f) => !withFindings.has(f.path));
  const failing = (f: Finding) => !f.waivedBy && f.level !== 'notice';
  const failures = result.findings.filter(failing).length;
  const tests = result.findings.length + clean.length;
  const lines = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="configgate" tests="${tests}" failures="${failures}" errors="0">`,
    `  <!-- configgate${opts.toolVersion ? ` ${xml(opts.toolVersion)}` : ''}: ${xml(`${result.verdict} — ${countsText(result)}; ${failText(result)}`)} -->`,
  ];
  for (const group of groups) {
    const count = group.findings.filter(failing).length;
    const skipped = group.findings.length - count;
    lines.push(
      `  <testsuite name="${xml(group.file)}" tests="${group.findings.length}" failures="${count}" errors="0" skipped="${skipped}">`,
    );
    for (const f of group.findings) {
      const name = xml(`${f.policy}${f.path ? ` ${f.path}` : ''}`);
      lines.push(`    <testcase name="${name}" classname="${xml(f.file)}" file="${xml(f.file)}" line="${f.line}">`);
      const body = xml(`${location(f.file, f.line, f.column)} ${findingText(f)}`);
      if (failing(f)) lines.push(`      <failure type="${f.level}" message="${xml(f.message)}">${body}</failure>`);
      else lines.push(`      <skipped message="${xml(f.waivedBy ? `waived by ${f.waivedBy}: ${f.message}` : `notice: ${f.message}`)}"/>`);
      lines.push('    </testcase>');
    }
    lines.push('  </testsuite>');
  }
  if (clean.length > 0) {
    lines.push(`  <testsuite name="configgate: files without findings" tests="${clean.length}" failures="0" errors="0" skipped="0">`);
    for (const f of clean) lines.push(`    <testcase name="configgate" classname="${xml(f.path)}" file="${xml(f.path)}"/>`);
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}

// ── GitHub workflow commands ────────────────────────────────────────────────

const COMMAND: Record<Finding['level'], 'error' | 'warning' | 'notice'> = {
  block: 'error',
  rollout: 'error',
  warn: 'warning',
  notice: 'notice',
};

/** Escaping of `@actions/core`'s issueCommand: data and properties. */
const commandData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const commandProperty = (text: string) => commandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

/**
 * Workflow commands, one per finding (`::error file=F,line=L,title=T::message`): any runner that
 * reads them (GitHub Actions, Gitea and Forgejo runners) annotates the lines. Waived findings are
 * notices. The last line is the verdict, as plain text.
 */
export function renderGithub(result: GateResult): string {
  const lines = result.findings.map((f) => {
    const kind = f.waivedBy ? 'notice' : COMMAND[f.level];
    const title = `configgate ${f.policy} (${byLevel(f)})`;
    const at = f.line > 0 ? [`line=${f.line}`, ...(f.column ? [`col=${f.column}`] : [])] : [];
    const props = [`file=${commandProperty(f.file)}`, ...at, `title=${commandProperty(title)}`];
    return `::${kind} ${props.join(',')}::${commandData(findingText(f) + (f.waivedBy ? ` [waived by ${f.waivedBy}]` : ''))}`;
  });
  lines.push(`configgate: ${result.verdict} — ${countsText(result)}; ${failText(result)}`);
  return `${lines.join('\n')}\n`;
}

// ── GitLab code quality ─────────────────────────────────────────────────────

/** `lines.begin`, or `positions.begin.{line, column}` when the column is known (both are in GitLab's schema). */
function gitlabLocation(f: Finding) {
  const line = Math.max(1, f.line);
  if (f.line > 0 && f.column) return { path: f.file, positions: { begin: { line, column: f.column } } };
  return { path: f.file, lines: { begin: line } };
}

const SEVERITY: Record<Finding['level'], 'blocker' | 'critical' | 'major' | 'minor' | 'info'> = {
  block: 'blocker',
  rollout: 'critical',
  warn: 'major',
  notice: 'info',
};

/**
 * GitLab's code-quality report (a JSON array of `{ description, check_name, fingerprint, severity,
 * location: { path, lines: { begin } } }`, or `positions: { begin: { line, column } }` where the column
 * is known) for `artifacts: reports: codequality`. Waived findings
 * are left out (the format has no suppressions); fingerprints are stable across commits and
 * unique within the report.
 */
export function renderGitlab(result: GateResult): string {
  const seen = new Map<string, number>();
  const issues = result.findings
    .filter((f) => !f.waivedBy)
    .map((f) => {
      const base = fingerprint(f);
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      return {
        description: findingText(f),
        check_name: f.policy,
        fingerprint: n === 0 ? base : `${base}-${n}`,
        severity: SEVERITY[f.level],
        location: gitlabLocation(f),
      };
    });
  return `${JSON.stringify(issues, null, 2)}\n`;
}
