// Evidence files: `{ evidence: [{ stage, state, at, url? }] }` or the bare array, validated
// against schemas/evidence.schema.json. Any CI or deploy tool can write one.
import { readFileSync } from 'node:fs';
import { inputError } from '../errors.js';
import { firstError, schemaValidator } from '../ajv.js';
import type { Evidence, EvidenceState } from './types.js';

interface EntryData {
  stage: string;
  state: EvidenceState;
  at: string;
  url?: string;
  kind?: string;
  name?: string;
}

/** Evidence from a parsed JSON document; `source` names it in errors. */
export function parseEvidence(doc: unknown, source: string): Evidence[] {
  const validate = schemaValidator('evidence.schema.json');
  if (!validate(doc)) throw inputError(source, `invalid evidence: ${firstError(validate)}`);
  const entries = (Array.isArray(doc) ? doc : (doc as { evidence: EntryData[] }).evidence) as EntryData[];
  return entries.map((e, i) => {
    if (Number.isNaN(Date.parse(e.at))) throw inputError(source, `invalid evidence: /evidence/${i}/at "${e.at}" is not a time`);
    const out: Evidence = { stage: e.stage, state: e.state, at: e.at, kind: e.kind ?? 'file', name: e.name ?? e.stage };
    if (e.url !== undefined) out.url = e.url;
    return out;
  });
}

/** Evidence from JSON text. */
export function parseEvidenceText(source: string, text: string): Evidence[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw inputError(source, `not valid JSON (${(error as Error).message.split('\n')[0]})`);
  }
  return parseEvidence(doc, source);
}

/** Evidence from a file on disk; a missing or unreadable file is an InputError naming it. */
export function readEvidenceFile(path: string): Evidence[] {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(path, code === 'ENOENT' ? 'evidence file not found' : `cannot read evidence file (${code ?? 'error'})`);
  }
  return parseEvidenceText(path, text);
}
