// The documentation page of a built-in policy, generated from its policy file (`npm run docs`
// writes docs/policies/<id>.md; a test fails when a page drifts from its policy). Pure.
import { dump } from 'js-yaml';

/** A policy file as written (schemas/policy.schema.json), the parts a page shows. */
export interface PolicyFileDoc {
  id: string;
  description: string;
  rationale?: string;
  docs?: string;
  fallback?: boolean;
  level?: string;
  failurePolicy?: string;
  options?: Record<string, unknown>;
  optionsSchema?: { properties?: Record<string, { type?: string | string[]; description?: string; minimum?: number; maximum?: number }> };
  threshold?: { kinds?: string[]; when?: string | string[] };
  match?: { files?: string[]; paths?: string[]; kinds?: string[]; signals?: string[] };
  when?: string | string[];
  message?: string;
  messageId?: string;
  rules?: Array<{ messageId: string; when: string | string[]; message: string }>;
  examples?: { valid?: PageExample[]; invalid?: PageExample[] };
}

interface PageExample {
  name?: string;
  file?: string;
  before?: unknown;
  after?: unknown;
  options?: unknown;
  inventory?: unknown;
  expect?: string[];
}

const GENERATED = (file: string) => `<!-- Generated from policies/${file} by \`npm run docs\`: edit the policy file, not this page. -->`;

/** The page of one policy; `file` is its name in policies/. */
export function policyPage(doc: PolicyFileDoc, file: string): string {
  const level = doc.level ?? 'block';
  const out = [
    GENERATED(file),
    '',
    `# ${doc.id}`,
    '',
    doc.description,
    '',
    `**Default level:** \`${level}\` · **Source:** [\`policies/${file}\`](../../policies/${file})${doc.fallback ? ' · **Catch-all:** runs last, on what no other policy reported' : ''}`,
  ];
  const section = (title: string, body: string[]) => {
    if (body.length) out.push('', `## ${title}`, '', ...body);
  };
  section('Why', doc.rationale ? [oneParagraph(doc.rationale)] : []);
  section('Options', optionRows(doc));
  section('Threshold', thresholdLines(doc));
  section('Where it looks', matchLines(doc));
  section('When it reports', conditionLines(doc));
  section('Examples it reports', exampleBlocks(doc.examples?.invalid ?? []));
  section('Examples it lets through', exampleBlocks(doc.examples?.valid ?? []));
  section('Set its level and options', configureLines(doc, level));
  if (doc.docs) section('More', [doc.docs]);
  return `${out.join('\n')}\n`;
}

/** docs/policies/README.md: one row per policy, linking its page. */
export function policyIndex(docs: readonly PolicyFileDoc[]): string {
  const rows = [...docs]
    .sort((a, b) => a.id.localeCompare(b.id))
    .map((d) => `| [\`${d.id}\`](${d.id}.md) | ${d.level ?? 'block'} | ${cell(d.description)} |`);
  return [
    '<!-- Generated from policies/*.yaml by `npm run docs`. -->',
    '',
    '# Built-in policies',
    '',
    'One page per policy of the built-in pack, generated from its file in [`policies/`](../../policies/).',
    '`configgate explain <id>` prints the same in a terminal, with the level and options in effect under your config.',
    'To write your own, see [Write your first policy](../writing-policies.md).',
    '',
    '| policy | default level | what it stops |',
    '|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function optionRows(doc: PolicyFileDoc): string[] {
  const properties = doc.optionsSchema?.properties ?? {};
  const names = [...new Set([...Object.keys(doc.options ?? {}), ...Object.keys(properties)])];
  if (!names.length) return [];
  return [
    '| option | default | type | meaning |',
    '|---|---|---|---|',
    ...names.map((name) => {
      const p = properties[name] ?? {};
      const type = [Array.isArray(p.type) ? p.type.join(' \\| ') : p.type, range(p)].filter(Boolean).join(', ');
      const value = doc.options && name in doc.options ? `\`${JSON.stringify(doc.options[name])}\`` : '—';
      return `| \`${name}\` | ${value} | ${type || '—'} | ${cell(p.description ?? '')} |`;
    }),
  ];
}

function range(p: { minimum?: number; maximum?: number }): string {
  if (p.minimum !== undefined && p.maximum !== undefined) return `${p.minimum}–${p.maximum}`;
  if (p.minimum !== undefined) return `≥ ${p.minimum}`;
  return p.maximum !== undefined ? `≤ ${p.maximum}` : '';
}

function thresholdLines(doc: PolicyFileDoc): string[] {
  if (!doc.threshold) return [];
  return [
    'The signals this policy claims, and how large one must be to count. `blast-radius.limit` counts no smaller one of these kinds either.',
    '',
    fence('yaml', ['threshold:', ...(doc.threshold.kinds ? [`  kinds: [${doc.threshold.kinds.join(', ')}]`] : []), ...whenLines(doc.threshold.when)].join('\n')),
  ];
}

function whenLines(when: string | string[] | undefined): string[] {
  if (when === undefined) return [];
  return ['  when:', ...[when].flat().map((w) => `    - ${JSON.stringify(w)}`)];
}

function matchLines(doc: PolicyFileDoc): string[] {
  const m = doc.match;
  if (!m) return [];
  const rows: Array<[string, string[] | undefined]> = [
    ['files', m.files],
    ['paths', m.paths],
    ['kinds of change', m.kinds],
    ['signals', m.signals],
  ];
  return rows.filter(([, v]) => v?.length).map(([k, v]) => `- ${k}: ${v!.map((x) => `\`${x}\``).join(', ')}`);
}

function conditionLines(doc: PolicyFileDoc): string[] {
  const rules = doc.rules ?? (doc.when !== undefined ? [{ messageId: doc.messageId ?? doc.id, when: doc.when, message: doc.message ?? '' }] : []);
  const failure = doc.failurePolicy ? [`A condition that cannot be evaluated is ${doc.failurePolicy === 'ignore' ? 'ignored' : 'a finding'} (\`failurePolicy: ${doc.failurePolicy}\`).`, ''] : [];
  return [
    ...failure,
    ...rules.flatMap((r) => [
      `Message id \`${r.messageId}\`, when all of these CEL conditions hold:`,
      '',
      fence('cel', [r.when].flat().join('\n')),
      '',
      `> ${r.message}`,
      '',
    ]),
  ].slice(0, -1);
}

function exampleBlocks(examples: readonly PageExample[]): string[] {
  return examples.flatMap((x, i) => {
    const shown: Record<string, unknown> = {};
    for (const key of ['file', 'options', 'inventory', 'before', 'after'] as const) if (x[key] !== undefined) shown[key] = x[key];
    const title = `${i + 1}. ${x.name ?? 'example'}${x.expect ? ` → ${x.expect.map((m) => `\`${m}\``).join(', ')}` : ''}`;
    return [title, '', fence('yaml', dump(shown, { flowLevel: 1, lineWidth: 160 })), ''];
  }).slice(0, -1);
}

function configureLines(doc: PolicyFileDoc, level: string): string[] {
  const setting = doc.options && Object.keys(doc.options).length ? [level, doc.options] : level;
  return [
    'In `.configgate.yml` (levels: `off`, `warn`, `rollout`, `block`; `overrides` set them per file glob):',
    '',
    fence('yaml', dump({ rules: { [doc.id]: setting } }, { flowLevel: 2 })),
    '',
    `\`configgate explain ${doc.id}\` shows the level and options in effect here; \`configgate print-config FILE\`, for one file.`,
  ];
}

function fence(lang: string, body: string): string {
  return `\`\`\`${lang}\n${body.trimEnd()}\n\`\`\``;
}

function oneParagraph(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function cell(text: string): string {
  return oneParagraph(text).replace(/\|/g, '\\|');
}
