// One verdict, many renderings. Reporters are pure functions of the GateResult: they never decide.
import type { GateResult } from '../model.js';
import { renderJson } from './json.js';
import { renderMarkdown, renderRolloutMarkdown, type MarkdownOptions } from './markdown.js';
import { renderSarif, type SarifOptions } from './sarif.js';
import { renderRolloutText, renderText, type TextOptions } from './text.js';
import { toJsonReport } from './json.js';
import { renderGithub, renderGitlab, renderJunit } from './ci.js';

export { renderText, renderRolloutText, textWidth, wrapWords, EVERYWHERE_LEGEND, type TextOptions } from './text.js';
export { renderJson, toJsonReport, type JsonReport, type JsonFinding, type JsonSignal } from './json.js';
export { renderMarkdown, renderRolloutMarkdown, renderNotJudged, commentMarker, escapeMarkdown, DEFAULT_MAX_LENGTH, type MarkdownOptions, type NotJudgedOptions } from './markdown.js';
export { renderSarif, fingerprint, type SarifOptions, type SarifRuleInfo } from './sarif.js';
export { renderJunit, renderGithub, renderGitlab } from './ci.js';
export { builtinPolicyDocs, docsUri, DOCS_BASE, type PolicyDoc } from './rules.js';
export { toolVersion } from './version.js';
export { selectAnnotations, type Annotation, type AnnotationKind, type AnnotationSelection } from './annotations.js';

/** The report formats: text, json, markdown, sarif, and for CI systems junit, github (workflow commands) and gitlab (code quality). */
export type ReportFormat = 'text' | 'json' | 'markdown' | 'sarif' | 'junit' | 'github' | 'gitlab';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'sarif', 'junit', 'github', 'gitlab'];

/** The options of every format; each renderer reads its own. */
export type RenderOptions = TextOptions & MarkdownOptions & SarifOptions;

/** Renders a result in one format. Pure: reporters never decide, they render. */
export function render(result: GateResult, format: ReportFormat, opts: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(result, opts);
    case 'json':
      return renderJson(result, opts);
    case 'markdown':
      return renderMarkdown(result, opts);
    case 'sarif':
      return renderSarif(result, opts);
    case 'junit':
      return renderJunit(result, opts);
    case 'github':
      return renderGithub(result);
    case 'gitlab':
      return renderGitlab(result);
    default:
      throw new TypeError(`unknown report format: ${String(format satisfies never)}`);
  }
}

/** `configgate rollout status`: the rollout alone (JSON: `{ verdict, rollout, base, head }`, rollout null when none is needed). */
export function renderRolloutStatus(result: GateResult, format: ReportFormat, opts: TextOptions = {}): string {
  switch (format) {
    case 'json': {
      const json = toJsonReport(result);
      return `${JSON.stringify({ verdict: json.verdict, failed: json.failed, rollout: json.rollout ?? null, base: json.base, head: json.head }, null, 2)}\n`;
    }
    case 'markdown':
      return renderRolloutMarkdown(result);
    default:
      return renderRolloutText(result, opts);
  }
}
