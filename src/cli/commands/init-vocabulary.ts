// What `configgate init` recognises, as data: files that configure tools rather than running
// systems, and the names of scopes (regions, environments, pools, callers) worth an inventory.

/** Tooling files: configuration of the build, the editor or CI, not of a running system. */
export const TOOLING_GLOBS: readonly string[] = [
  '**/package.json', '**/package-lock.json', '**/npm-shrinkwrap.json', '**/pnpm-lock.yaml', '**/pnpm-workspace.yaml',
  '**/yarn.lock', '**/.yarnrc.yml', '**/tsconfig*.json', '**/jsconfig*.json', '**/deno.json', '**/bun.lock',
  '**/composer.json', '**/composer.lock', '**/lerna.json', '**/nx.json', '**/turbo.json', '**/biome.json',
  '**/.eslintrc*', '**/.prettierrc*', '**/.babelrc*', '**/.stylelintrc*', '**/.markdownlint*', '**/.swcrc',
  '**/.vscode/**', '**/.idea/**', '**/.devcontainer/**', '.github/**', '.gitlab-ci.yml', '.gitlab/**',
  '.circleci/**', '**/azure-pipelines.yml', '**/.travis.yml', '**/codecov.yml', '**/.codecov.yml',
  '**/renovate.json', '**/.renovaterc*', '.pre-commit-config.yaml', '.pre-commit-hooks.yaml', 'lefthook.yml',
  '**/.golangci.yml', '**/.goreleaser.yml', '**/mkdocs.yml', '**/.readthedocs.yaml', '**/Chart.lock',
  '**/.releaserc*', '**/.changeset/**', '**/.configgate.yml', '**/.configgate.yaml',
];

/** Region names as the big clouds spell them. */
export const REGION_PATTERNS: readonly RegExp[] = [
  /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/,
  /^(us|europe|asia|australia|northamerica|southamerica|me|africa)-(north|south|east|west|central|northeast|southeast|northwest|southwest)\d$/,
];

export const AZURE_REGIONS: ReadonlySet<string> = new Set([
  'eastus', 'eastus2', 'westus', 'westus2', 'westus3', 'centralus', 'northcentralus', 'southcentralus',
  'westcentralus', 'canadacentral', 'canadaeast', 'brazilsouth', 'northeurope', 'westeurope', 'uksouth', 'ukwest',
  'francecentral', 'germanywestcentral', 'swedencentral', 'switzerlandnorth', 'norwayeast', 'polandcentral',
  'italynorth', 'eastasia', 'southeastasia', 'japaneast', 'japanwest', 'koreacentral', 'australiaeast',
  'australiasoutheast', 'centralindia', 'southindia', 'uaenorth', 'southafricanorth',
]);

/** Keys whose string value names a region. */
export const REGION_KEYS: ReadonlySet<string> = new Set(['region', 'regions', 'aws_region', 'awsRegion', 'location']);

/** Environment names, as folder names or the value of an `environment`/`env` key. */
export const ENVIRONMENTS: ReadonlySet<string> = new Set([
  'production', 'prod', 'prd', 'staging', 'stage', 'stg', 'preprod', 'pre-prod', 'uat', 'qa', 'test', 'testing',
  'dev', 'development', 'sandbox', 'canary', 'demo', 'perf', 'integration',
]);

export const ENVIRONMENT_KEYS: ReadonlySet<string> = new Set(['environment', 'env', 'stage', 'tier']);

/** Containers whose entries (map keys, or list items' name/id) are pools of capacity. */
export const POOL_CONTAINERS: ReadonlySet<string> = new Set([
  'pools', 'upstreams', 'backends', 'backendPools', 'backend_pools', 'targetGroups', 'target_groups', 'serverGroups', 'server_groups',
]);

/** Containers whose entries are callers of an API. */
export const CALLER_CONTAINERS: ReadonlySet<string> = new Set([
  'callers', 'clients', 'consumers', 'applications', 'apps', 'apiKeys', 'api_keys', 'subscribers', 'tenants',
]);

/** The fields that name a list item. */
export const NAME_FIELDS: readonly string[] = ['name', 'id', 'key', 'username', 'clientId', 'client_id', 'app'];
