// The change a run judges, read from the event (see events.ts). Kept apart from the engine and the
// GitHub client, which are loaded only when needed: an event with nothing to judge starts fast.
import { InputError } from '../errors.js';
import { eventTarget, resolveChange, type JudgedChange } from './events.js';
import { readPayload, type RunnerContext } from './context.js';

/** The change this run judges, from the event (see events.ts); `skip` says why there is none. */
export async function changeFromEvent(context: RunnerContext, env: NodeJS.ProcessEnv, token: string, instance: string): Promise<JudgedChange | { skip: string }> {
  const repository = `${context.owner}/${context.repo}`;
  const ownCheckNames = ['configgate', `configgate (${instance})`];
  const target = eventTarget(context.eventName, readPayload(env.GITHUB_EVENT_PATH), { repository, sha: env.GITHUB_SHA, refName: env.GITHUB_REF_NAME, ownCheckNames });
  return resolveChange(target, repository, (sha) => {
    if (!token) throw new InputError(`${context.eventName}: finding the pull request of commit ${sha.slice(0, 12)} needs a github-token (pull-requests: read)`);
    return lookUpPullRequest(token, env, context.apiUrl, repository, sha);
  });
}

async function lookUpPullRequest(token: string, env: NodeJS.ProcessEnv, apiUrl: string, repository: string, sha: string) {
  const [{ clientOptionsFromEnv, createClient }, { pullRequestForCommit }] = await Promise.all([import('./octokit.js'), import('./evidence.js')]);
  return pullRequestForCommit(createClient(token, clientOptionsFromEnv(env, apiUrl)), repository, sha);
}
