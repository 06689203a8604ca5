// SARIF 2.1.0 for code scanning (github/codeql-action/upload-sarif): one run, one rule per policy.
import { createHash } from 'node:crypto';
import type { Finding, GateResult } from '../model.js';
import { beforeAfter, compareText } from './format.js';
import { builtinPolicyDocs, docsUri } from './rules.js';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
/** Where the tool is documented; SARIF viewers link the tool name to it. */
export const INFORMATION_URI = 'https://github.com/configgate/configgate';
/** The key of configgate's fingerprint in `partialFingerprints`; bump the suffix if the hash input changes. */
export const FINGERPRINT_KEY = 'configgate/v1';

export interface SarifRuleInfo {
  id: string;
  description: string;
  /** Why the policy exists; with the description it makes the rule's help. */
  rationale?: string;
  helpUri?: string;
}

export interface SarifOptions {
  toolVersion?: string;
  /**
   * Descriptions of the policies, for the rules; the built-in pack and the gate's checks are known
   * already, a policy known to neither is described by its id.
   */
  rules?: SarifRuleInfo[];
  informationUri?: string;
  /** Base of the policy pages (`<base><id>.md`); default the repository's docs/policies/. */
  docsBase?: string;
}

const SARIF_LEVEL: Record<Finding['level'], 'error' | 'warning' | 'note'> = {
  block: 'error',
  rollout: 'error',
  warn: 'warning',
  notice: 'note',
};

/** A SARIF 2.1.0 log, pretty-printed, ending in a newline. */
export function renderSarif(result: GateResult, opts: SarifOptions = {}): string {
  const known = new Map<string, SarifRuleInfo>([...builtinPolicyDocs().values()].map((d) => [d.id, d]));
  for (const rule of opts.rules ?? []) known.set(rule.id, rule);
  const ruleIds = [...new Set(result.findings.map((f) => f.policy))].sort(compareText);
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  const waivers = new Map(result.waivers.map((s) => [s.waiver.id, s.waiver]));

  const rules = ruleIds.map((id) => sarifRule(id, known.get(id), opts.docsBase));

  const results = result.findings.map((f) => {
    const change = beforeAfter(f);
    const text = [f.message, f.path ? `at ${f.path}` : '', change ? `(${change})` : ''].filter(Boolean).join(' ');
    const waiver = f.waivedBy !== undefined ? waivers.get(f.waivedBy) : undefined;
    return {
      ruleId: f.policy,
      ruleIndex: ruleIndex.get(f.policy) ?? 0,
      level: SARIF_LEVEL[f.level],
      message: { text },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(f.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: Math.max(1, f.line), ...(f.line > 0 && f.column ? { startColumn: f.column } : {}) },
          },
        },
      ],
      partialFingerprints: { [FINGERPRINT_KEY]: fingerprint(f) },
      properties: { level: f.level, messageId: f.messageId, path: f.path },
      ...(f.waivedBy !== undefined
        ? {
            suppressions: [
              {
                kind: 'external',
                justification: waiver
                  ? `waiver ${waiver.id} (owner ${waiver.owner}, expires ${waiver.expires}): ${waiver.reason}`
                  : `waiver ${f.waivedBy}`,
              },
            ],
          }
        : {}),
    };
  });

  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'configgate',
            informationUri: opts.informationUri ?? INFORMATION_URI,
            ...(opts.toolVersion ? { version: opts.toolVersion, semanticVersion: opts.toolVersion } : {}),
            rules,
          },
        },
        originalUriBaseIds: { '%SRCROOT%': { description: { text: 'The root of the repository.' } } },
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** A rule: its short and full description, help (text and Markdown) from description and rationale, and its page. */
function sarifRule(id: string, info: SarifRuleInfo | undefined, docsBase?: string) {
  const description = (info?.description ?? id).trim();
  const rationale = info?.rationale?.trim();
  const helpUri = info?.helpUri ?? docsUri(id, docsBase);
  const text = [description, rationale ? `Why: ${rationale}` : '', `See ${helpUri}`].filter(Boolean).join('\n\n');
  const markdown = [`**${id}**: ${description}`, rationale ? `**Why:** ${rationale}` : '', `[Policy documentation](${helpUri})`]
    .filter(Boolean)
    .join('\n\n');
  return {
    id,
    name: ruleName(id),
    shortDescription: { text: firstSentence(description) },
    fullDescription: { text: description },
    help: { text, markdown },
    helpUri,
  };
}

/** A stable hash of what identifies a finding across commits: policy, file, path, message id (not the line). */
export function fingerprint(finding: Pick<Finding, 'policy' | 'file' | 'path' | 'messageId'>): string {
  return createHash('sha256')
    .update([finding.policy, finding.file, finding.path, finding.messageId].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}

/** Repository-relative URI: each segment percent-encoded, slashes kept. */
export function fileUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.?\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/** `log-verbosity` → `LogVerbosity` (SARIF rule names are PascalCase identifiers by convention). */
function ruleName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}

function firstSentence(text: string): string {
  const match = /^(.+?[.!?])(\s|$)/.exec(text);
  return match ? match[1] : text;
}
