// `--evidence github`: the GitHub evidence reader, configured from the environment as GitHub
// Actions sets it (GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_API_URL for Enterprise).
import { InputError } from '../errors.js';
import { githubEvidence } from '../rollout/github.js';
import type { Evidence, Plan } from '../rollout/types.js';

export function githubEvidenceReader(env: NodeJS.ProcessEnv, sha: string): (plan: Plan) => Promise<Evidence[]> {
  const token = env.GITHUB_TOKEN || env.GH_TOKEN;
  const repository = env.GITHUB_REPOSITORY;
  if (!token) throw new InputError('--evidence github: GITHUB_TOKEN is not set');
  if (!repository || !/^[^/\s]+\/[^/\s]+$/.test(repository)) throw new InputError(`--evidence github: GITHUB_REPOSITORY must be owner/name, not "${repository ?? ''}"`);
  const apiUrl = env.GITHUB_API_URL || 'https://api.github.com';
  return (plan) => githubEvidence(plan, { apiUrl, token, repository, sha });
}
