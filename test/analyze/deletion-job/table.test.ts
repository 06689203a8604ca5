import { describe, expect, test } from 'vitest';
import deletionJob from '../../../src/analyze/deletion-job/index.js';
import { run, table, type Case } from '../kit/table.js';

const JOB = (o: { mode?: string; dry?: string; type?: string; ids?: number } = {}) => `job: retire-legacy-app
action: delete
mode: ${o.mode ?? 'mark-for-deletion'}
dry_run: ${o.dry ?? 'true'}
target:
  type: ${o.type ?? 'app-install'}
ids: [${Array.from({ length: o.ids ?? 3 }, (_, i) => `id-${i}`).join(', ')}]
`;

const CRONJOB = (args: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: tenant-purge
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          containers:
            - name: purge
              image: ops/purge:1.4
              args: [${args}]
              env:
                - name: DRY_RUN
                  value: "true"
`;

const cases: Case[] = [
  { name: 'soft → permanent mode', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ mode: 'permanent' }), expect: ['job-permanent@3'] },
  { name: 'dry_run true → false', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ dry: 'false' }), expect: ['dry-run-dropped@4'] },
  { name: 'target type app-install → site', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ type: 'site' }), expect: ['job-target-widened@6'] },
  { name: 'target type site → app-install narrows', file: 'jobs/cleanup.yaml', before: JOB({ type: 'site' }), after: JOB(), expect: [] },
  { name: 'target ids 3 → 12', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ ids: 12 }), expect: ['job-targets-grew@7'] },
  { name: 'target ids 3 → 2', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ ids: 2 }), expect: [] },
  { name: 'the --dry-run flag removed from a purge CronJob', file: 'k8s/purge.yaml', before: CRONJOB('"--older-than=30d", "--dry-run"'), after: CRONJOB('"--older-than=30d"'), expect: ['dry-run-dropped@14'] },
  { name: 'DRY_RUN env "true" → "false"', file: 'k8s/purge.yaml', before: CRONJOB('"--older-than=30d"'), after: CRONJOB('"--older-than=30d"').replace('value: "true"', 'value: "false"'), expect: ['dry-run-dropped@17'] },
  { name: 'a purge CronJob schedule change', file: 'k8s/purge.yaml', before: CRONJOB('"--older-than=30d"'), after: CRONJOB('"--older-than=30d"').replace('0 3', '0 4'), expect: [] },
  {
    name: 'app_ids renamed site_ids (JSON)',
    file: 'ops/deletion-request.json',
    before: '{"request": "deactivate-legacy-app", "action": "delete", "app_ids": ["a1", "a2", "a3"]}',
    after: '{"request": "deactivate-legacy-app", "action": "delete", "site_ids": ["s1", "s2", "s3"]}',
    expect: ['job-target-widened@1'],
  },
  { name: 'per-run limit raised', file: 'jobs/gc.yaml', before: 'gc:\n  schedule: hourly\n  max_deletions: 100\n', after: 'gc:\n  schedule: hourly\n  max_deletions: 5000\n', expect: ['job-targets-grew@3'] },
  {
    name: 'outside a deletion context: a dry_run flag of a deploy job is not read',
    file: 'deploy/release.yaml',
    before: 'release:\n  dry_run: true\n  mode: preview\n',
    after: 'release:\n  dry_run: false\n  mode: apply\n',
    expect: [],
  },
  {
    name: 'outside a deletion context: a list of ids grows',
    file: 'teams.yaml',
    before: 'team:\n  member_ids: [a, b]\n',
    after: 'team:\n  member_ids: [a, b, c, d, e, f]\n',
    expect: [],
  },
];

table(deletionJob, 'deletion jobs', cases);

describe('deletion-job: data', () => {
  test('growth carries before, after and the factor', () => {
    const [s] = run(deletionJob, { name: 'x', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ ids: 12 }), expect: [] });
    expect(s!.data).toEqual({ list: 'ids', before: 3, after: 12, factor: 4 });
  });
  test('a widened target carries both ranks', () => {
    const [s] = run(deletionJob, { name: 'x', file: 'jobs/cleanup.yaml', before: JOB(), after: JOB({ type: 'site' }), expect: [] });
    expect(s!.data).toMatchObject({ from: 'app-install', to: 'site', fromRank: 1, toRank: 3 });
  });
});
