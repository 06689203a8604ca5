// The vocabulary progressive mode reads scopes with, as data: names that mark a narrower copy of
// a setting (a canary file, a staging folder, an override section), and the order of environments.

/** Environments in rollout order, narrowest first; one rank per row. Production and its synonyms last. */
export const ENVIRONMENT_RANKS: ReadonlyArray<readonly string[]> = [
  ['dev', 'development', 'local', 'sandbox'],
  ['test', 'testing', 'qa', 'int', 'integration'],
  ['staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat'],
  ['canary', 'pilot', 'beta', 'early', 'ring0', 'ring1'],
  ['prod', 'production', 'live', 'prd', 'global', 'default', 'all'],
];

/** Path tokens that scope a copy of a setting without naming a thing of their own: `overrides/`, `app.override.yaml`. */
export const SCOPE_MARKER_TOKENS: readonly string[] = [
  'override', 'overrides', 'patch', 'patches', 'env', 'envs', 'environments', 'environment', 'regions', 'region', 'clusters',
  'cluster', 'hosts', 'host', 'cohorts', 'cohort', 'rings', 'ring',
];

const RANK = new Map(ENVIRONMENT_RANKS.flatMap((names, rank) => names.map((n) => [n, rank] as const)));

/** Rank of an environment / ring name (0 narrowest), or undefined when the name is not one. */
export function environmentRank(name: string): number | undefined {
  return RANK.get(name.toLowerCase());
}

/** The last rank: production and its synonyms. */
export const PRODUCTION_RANK = ENVIRONMENT_RANKS.length - 1;
