// The Action's inputs (action.yml), read and checked once.
import * as core from '@actions/core';
import type { FailOn } from '../model.js';
import { InputError } from '../errors.js';

export interface ActionInputs {
  config?: string;
  /** Undefined: the config's `failOn`, else `rollout`. */
  failOn?: FailOn;
  comment: boolean;
  /** Create a check run on the pull request's head commit. */
  checkRun: boolean;
  /** Path of the SARIF file to write; undefined writes none. */
  sarif?: string;
  token: string;
  instance: string;
  workingDirectory: string;
  /** Rollout evidence: `github`, or an evidence file (workspace-relative); undefined reads none. */
  evidence?: string;
}

const FAIL_ON: readonly FailOn[] = ['warn', 'rollout', 'block', 'never'];
const TRUE = ['true', 'True', 'TRUE', 'yes', 'on', '1'];
const FALSE = ['false', 'False', 'FALSE', 'no', 'off', '0'];

export function readInputs(read: (name: string) => string = (name) => core.getInput(name)): ActionInputs {
  const failOn = read('fail-on').trim();
  if (failOn && !FAIL_ON.includes(failOn as FailOn)) {
    throw new InputError(`input fail-on must be one of ${FAIL_ON.join(', ')}, not "${failOn}"`);
  }
  const instance = read('instance').trim() || 'default';
  if (!/^[A-Za-z0-9._-]{1,64}$/.test(instance)) {
    throw new InputError(`input instance must be 1-64 letters, digits, ".", "_" or "-", not "${instance}"`);
  }
  return {
    config: read('config').trim() || undefined,
    failOn: (failOn || undefined) as FailOn | undefined,
    comment: bool(read('comment'), 'comment', true),
    checkRun: bool(read('check-run'), 'check-run', true),
    sarif: read('sarif').trim() || undefined,
    token: read('github-token').trim(),
    instance,
    workingDirectory: read('working-directory').trim() || '.',
    evidence: read('evidence').trim() || undefined,
  };
}

function bool(raw: string, name: string, fallback: boolean): boolean {
  const value = raw.trim();
  if (value === '') return fallback;
  if (TRUE.includes(value)) return true;
  if (FALSE.includes(value)) return false;
  throw new InputError(`input ${name} must be true or false, not "${value}"`);
}
