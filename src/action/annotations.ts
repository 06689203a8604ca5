// Line annotations: GitHub shows 10 of each kind per step, so the 10 most severe of each kind
// are emitted, then one notice that points at the job summary for the rest.
import * as core from '@actions/core';
import type { GateResult } from '../model.js';
import { selectAnnotations, type Annotation } from '../report/index.js';

export const PER_KIND = 10;

export type AnnotationSink = Pick<typeof core, 'error' | 'warning' | 'notice'>;

export interface AnnotationPlan {
  annotations: Annotation[];
  /** Findings not annotated; when above 0, the last notice says so. */
  omitted: number;
}

/** The annotations to emit; a slot is kept free among the notices for the "N more" notice. */
export function planAnnotations(result: GateResult, perKind = PER_KIND): AnnotationPlan {
  const { annotations, omitted } = selectAnnotations(result, perKind);
  if (omitted === 0) return { annotations, omitted };
  const notices = annotations.filter((a) => a.kind === 'notice');
  if (notices.length < perKind) return { annotations, omitted };
  const dropped = notices[notices.length - 1];
  return { annotations: annotations.filter((a) => a !== dropped), omitted: omitted + 1 };
}

export function emitAnnotations(result: GateResult, sink: AnnotationSink = core, perKind = PER_KIND): AnnotationPlan {
  const plan = planAnnotations(result, perKind);
  for (const a of plan.annotations) {
    sink[a.kind](a.message, { title: a.title, file: a.file, startLine: a.line, ...(a.column ? { startColumn: a.column } : {}) });
  }
  if (plan.omitted > 0) {
    sink.notice(
      `${plan.omitted} more finding${plan.omitted === 1 ? ' is' : 's are'} not annotated (GitHub shows ${perKind} of each kind per step); see the job summary for all of them.`,
      { title: 'configgate: more findings' },
    );
  }
  return plan;
}
