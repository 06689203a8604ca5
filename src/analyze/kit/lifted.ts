// Where a setting came from: a chart (or any templated configuration) that lifts a value it
// hard-coded in a template into its values. An added values key's previous effective value is
// the literal the same change removes from a template of the same chart, at the place where an
// added template line now references the key (`- --v=10` → `- --v={{ .Values.log.level }}`).
// Template code is never executed: its changed lines are only read.
import type { EditedLine, JsonPath, TemplateEdit } from '../../model.js';

/** How a template refers to a values key: its actions' delimiters, and the roots a dotted key path follows. */
export interface ValueReference {
  language: string;
  open: string;
  close: string;
  roots: readonly string[];
  /** A context prefix a root may carry (`$` in `$.Values.a`). */
  scopes: readonly string[];
  /**
   * Functions that hand the value through as it is (formatting it, or giving a default for when it
   * is unset). An action that does anything else with it (`not`, `eq`, `include`, a second key) holds
   * an expression, and the literal it replaces is that expression's value, not the key's.
   */
  transparent: readonly string[];
  /** Words of an action that are neither functions nor values (Go templates' trim markers). */
  markers: readonly string[];
}

/** `.Values.a.b`, `$.Values.a.b`, with `| default 10`, `| quote`, `toYaml … | nindent 8` around it. */
export const VALUE_REFERENCES: readonly ValueReference[] = [
  {
    language: 'Helm (Go template)',
    open: '{{',
    close: '}}',
    roots: ['.Values.'],
    scopes: ['$'],
    transparent: ['default', 'quote', 'squote', 'toYaml', 'toJson', 'toString', 'int', 'int64', 'float64', 'nindent', 'indent', 'trim'],
    markers: ['-'],
  },
];

/** Folders holding other charts inside a chart (Helm subcharts): their templates read their own values. */
export const NESTED_CHART_FOLDERS: readonly string[] = ['charts'];

/** A values key whose setting a template of the same chart hard-coded until this change. */
export interface LiftedSetting {
  /** The template the literal was removed from. */
  template: string;
  /** The template's line (after side) that now references the key. */
  line: number;
  /** The value the template held there, its quotes removed: the setting's previous effective value. */
  literal: string;
  /** The flag or key the template wrote it under (`--v`, `--log-level`, `value`), when the line names one. */
  setting?: string;
}

/** A Go template field name: what can follow `.Values.` in a dotted path. */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;
const FIELD_CHAR = /[A-Za-z0-9_.]/;

/**
 * The literal a template of the chart of `valuesFile` hard-coded for the key at `path`, lifted
 * into values by this change; undefined when no edited template line references the key in
 * place of a removed literal, or when the removed literals disagree.
 */
export function liftedSetting(valuesFile: string, path: JsonPath, templates: readonly TemplateEdit[] | undefined): LiftedSetting | undefined {
  if (!templates?.length || path.length === 0 || !path.every((s) => typeof s === 'string' && FIELD.test(s))) return undefined;
  const dotted = path.join('.');
  if (!referencedPaths(templates).has(dotted)) return undefined;
  const chart = valuesFile.slice(0, valuesFile.lastIndexOf('/') + 1);
  const found: LiftedSetting[] = [];
  for (const edit of templates) {
    if (!inChart(edit.path, chart)) continue;
    for (const added of edit.added) {
      const around = referenceAround(added.text, dotted);
      if (!around) continue;
      for (const removed of edit.removed) {
        const literal = removed.anchor === added.anchor ? literalIn(removed, around) : undefined;
        if (literal === undefined) continue;
        const setting = settingOf(around.prefix);
        found.push({ template: edit.path, line: added.line, literal, ...(setting ? { setting } : {}) });
      }
    }
  }
  return new Set(found.map((f) => f.literal)).size === 1 ? found[0] : undefined;
}

/** Whether a template lies in the chart at folder `chart` (with a trailing `/`, or '' for the top), not in a chart nested in it. */
function inChart(template: string, chart: string): boolean {
  if (!template.startsWith(chart)) return false;
  const folders = template.slice(chart.length).split('/').slice(0, -1);
  return !folders.some((f) => NESTED_CHART_FOLDERS.includes(f));
}

const referenced = new WeakMap<readonly TemplateEdit[], ReadonlySet<string>>();

/** Every dotted key path an added template line references, read once per change: most added keys are referenced by none. */
function referencedPaths(templates: readonly TemplateEdit[]): ReadonlySet<string> {
  let paths = referenced.get(templates);
  if (paths) return paths;
  const found = new Set<string>();
  for (const edit of templates) {
    for (const { text } of edit.added) {
      for (const root of VALUE_REFERENCES.flatMap((r) => r.roots)) {
        for (let at = text.indexOf(root); at >= 0; at = text.indexOf(root, at + 1)) {
          let end = at + root.length;
          while (end < text.length && FIELD_CHAR.test(text[end]!)) end++;
          found.add(text.slice(at + root.length, end));
        }
      }
    }
  }
  paths = found;
  referenced.set(templates, paths);
  return paths;
}

/** The text around the one template action of `text` that references `dotted`, trimmed; undefined if there is none or more. */
function referenceAround(text: string, dotted: string): { prefix: string; suffix: string; open: string } | undefined {
  for (const ref of VALUE_REFERENCES) {
    for (const root of ref.roots) {
      const at = referenceAt(text, root + dotted);
      if (at < 0) continue;
      const open = text.lastIndexOf(ref.open, at);
      const close = text.indexOf(ref.close, at);
      if (open < 0 || close < 0 || text.lastIndexOf(ref.close, at) > open) continue;
      if (!passesThrough(ref, text.slice(open + ref.open.length, at), text.slice(at + root.length + dotted.length, close))) continue;
      const prefix = text.slice(0, open).trim();
      const suffix = withoutComment(text.slice(close + ref.close.length)).trim();
      // A line that is only the action (`{{ toYaml .Values.args }}`) names nothing to pair with; a second action is ambiguous.
      if (!/[A-Za-z0-9]/.test(prefix) || prefix.includes(ref.open) || suffix.includes(ref.open)) continue;
      return { prefix, suffix, open: ref.open };
    }
  }
  return undefined;
}

/** Whether an action's words around the reference only hand its value through: transparent functions, literals, markers. */
function passesThrough(ref: ValueReference, before: string, after: string): boolean {
  const scoped = ref.scopes.find((p) => before.endsWith(p));
  const words = `${scoped ? before.slice(0, -scoped.length) : before} ${after}`.split(/[\s|()]+/).filter(Boolean);
  return words.every((w) => ref.transparent.includes(w) || ref.markers.includes(w) || isLiteral(w));
}

/** A number, a quoted string without spaces, or a boolean, as a template writes them. */
function isLiteral(word: string): boolean {
  return /^-?\d+(\.\d+)?$/.test(word) || /^(["'`]).*\1$/.test(word) || word === 'true' || word === 'false';
}

/** Where `reference` occurs whole in `text` (not as the start of a longer path), or -1. */
function referenceAt(text: string, reference: string): number {
  for (let at = text.indexOf(reference); at >= 0; at = text.indexOf(reference, at + 1)) {
    const next = text[at + reference.length];
    if (next === undefined || !FIELD_CHAR.test(next)) return at;
  }
  return -1;
}

/** The literal a removed line holds where the added line has its action: the same text before and after it. */
function literalIn(removed: EditedLine, around: { prefix: string; suffix: string; open: string }): string | undefined {
  const text = withoutComment(removed.text).trim();
  if (!text.startsWith(around.prefix) || !text.endsWith(around.suffix) || text.length <= around.prefix.length + around.suffix.length) return undefined;
  const middle = text.slice(around.prefix.length, text.length - around.suffix.length).trim();
  if (middle === '' || middle.includes(around.open)) return undefined;
  const quoted = /^(["'])(.*)\1$/.exec(middle);
  return quoted ? quoted[2] : middle;
}

/** A line without its trailing YAML comment (` # 1 year`); a `#` inside quotes is text. */
function withoutComment(text: string): string {
  for (let at = text.indexOf(' #'); at >= 0; at = text.indexOf(' #', at + 1)) {
    const before = text.slice(0, at);
    if ((before.split('"').length - 1) % 2 === 0 && (before.split("'").length - 1) % 2 === 0) return before;
  }
  return text;
}

/** The flag or key a line's text before the value names: `- --v=` → `--v`, `"--log-level=` → `--log-level`, `value:` → `value`. */
function settingOf(prefix: string): string | undefined {
  const m = /(--?[A-Za-z][\w.-]*)\s*=?$|([A-Za-z_][\w.-]*)\s*[:=]$/.exec(prefix.replace(/^(-\s+)?["']?/, ''));
  return m ? (m[1] ?? m[2]) : undefined;
}
