// Files that are YAML or JSON but describe a build, a package or a tool rather than configure a
// running system. Left out of the default `files` (a config that names its own `files` decides
// for itself); a change to them is listed as skipped (`ignored`), never judged.

/** Never configuration, whatever the config says. */
export const ALWAYS_IGNORED = ['**/node_modules/**', '**/.git/**'];

/** Left out only while `files` is the default. */
export const NOT_CONFIG_BY_DEFAULT: readonly string[] = [
  // CI and repository automation
  '**/.github/**',
  '**/.gitlab/**',
  '**/.circleci/**',
  '**/.buildkite/**',
  '**/.azure-pipelines/**',
  // editors and dev containers
  '**/.vscode/**',
  '**/.idea/**',
  '**/.devcontainer/**',
  '**/.changeset/**',
  // tool configs: dot-named files (`.pre-commit-config.yaml`, `.golangci.yml`, `.eslintrc.json`…),
  // except the gate's own
  '**/.!(configgate).{yml,yaml,json}',
  '**/tsconfig*.json',
  '**/jsconfig*.json',
  '**/{babel,lerna,nx,turbo,renovate,cspell,biome,deno}.json',
  '**/{codecov,mkdocs,netlify,vercel}.{yml,yaml,json}',
  '**/{ct,lintconf,chart-testing,cr}.{yml,yaml}',
  '**/{Cargo,pyproject,netlify,rustfmt,.rustfmt,ruff,.ruff,rust-toolchain,deny,typos,_typos,cliff}.toml',
  '**/{tox,pytest,mypy,.mypy}.ini',
  // test data: inputs to a test, not the system's configuration
  '**/testdata/**',
  '**/fixtures/**',
  '**/__snapshots__/**',
  '**/tests/**',
  // a repository's own test suite at its top (a nested `test/` may be an environment: envs/test)
  'test/**',
  // helm-unittest suites (a chart's tests/*_test.yaml) and Go-style test inputs
  '**/*_test.{yaml,yml,json}',
  // the Kubernetes convention for development scripts and their expected outputs
  '**/hack/**',
  // chart-testing (`ct install`) renders a chart once per ci/*-values.yaml: test inputs, not a release's values
  '**/ci/*-values.{yaml,yml}',
  // package manifests and lockfiles
  '**/package.json',
  '**/package-lock.json',
  '**/npm-shrinkwrap.json',
  '**/pnpm-lock.yaml',
  '**/pnpm-workspace.yaml',
  '**/composer.json',
  '**/bower.json',
  '**/*.lock.{json,yaml,yml}',
];
