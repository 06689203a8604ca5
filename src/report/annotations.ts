// Line annotations for the GitHub Action: GitHub shows only 10 of each kind per step.
import { compareLevel } from '../severity.js';
import type { Finding, GateResult } from '../model.js';
import { beforeAfter, compareText } from './format.js';

export type AnnotationKind = 'error' | 'warning' | 'notice';

export interface Annotation {
  kind: AnnotationKind;
  file: string;
  /** 1-based; file-level findings point at line 1. */
  line: number;
  /** 1-based, when known. */
  column?: number;
  title: string;
  message: string;
}

export interface AnnotationSelection {
  annotations: Annotation[];
  /** Unwaived findings left out by the per-kind cap; the caller points at the summary for them. */
  omitted: number;
}

const KIND: Record<Finding['level'], AnnotationKind> = { block: 'error', rollout: 'error', warn: 'warning', notice: 'notice' };
const KINDS: AnnotationKind[] = ['error', 'warning', 'notice'];

/**
 * The `perKind` most severe unwaived findings of each kind (block before rollout, then by file
 * and line), errors first; `omitted` counts the unwaived findings left out.
 */
export function selectAnnotations(result: GateResult, perKind = 10): AnnotationSelection {
  const limit = Math.max(0, Math.floor(perKind));
  const open = result.findings
    .filter((f) => f.waivedBy === undefined)
    .sort((a, b) => compareLevel(a.level, b.level) || compareText(a.file, b.file) || a.line - b.line || compareText(a.policy, b.policy));
  const annotations: Annotation[] = [];
  let omitted = 0;
  for (const kind of KINDS) {
    const ofKind = open.filter((f) => KIND[f.level] === kind);
    for (const f of ofKind.slice(0, limit)) annotations.push(toAnnotation(f));
    omitted += Math.max(0, ofKind.length - limit);
  }
  return { annotations, omitted };
}

function toAnnotation(f: Finding): Annotation {
  const change = beforeAfter(f);
  const detail = [f.path, change].filter(Boolean).join(': ');
  return {
    kind: KIND[f.level],
    file: f.file,
    line: Math.max(1, f.line),
    ...(f.line > 0 && f.column ? { column: f.column } : {}),
    title: `configgate ${f.level}: ${f.policy}`,
    message: detail ? `${f.message}\n${detail}` : f.message,
  };
}
