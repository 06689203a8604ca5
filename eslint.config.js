// ESLint (flat config): @eslint/js and typescript-eslint's recommended rules over the sources, tests,
// benchmarks and scripts. Formatting is Prettier's (.prettierrc.json), not ESLint's.
// Not type-aware: typescript-eslint's typed rules took 5x the CPU here (TypeScript 6 building the
// program, ~60 s) for findings tsc's strict mode mostly covers.
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'eslint/config';

// typescript-eslint (and ts-api-utils under it) parse with the TypeScript compiler API, which
// TypeScript 7, the project's tsc, no longer has: in this process `typescript` and `typescript/…`
// resolve to TypeScript 6 from tools/eslint-typescript. Nothing else here requires them.
const require = createRequire(import.meta.url);
const typescriptApi = createRequire(require.resolve('eslint-typescript/package.json'));
const typescriptMain = typescriptApi.resolve('typescript');
const typescriptDir = dirname(typescriptApi.resolve('typescript/package.json'));
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  if (request === 'typescript') request = typescriptMain;
  else if (request.startsWith('typescript/')) request = join(typescriptDir, request.slice('typescript/'.length));
  return resolveFilename.call(this, request, ...rest);
};

const { default: js } = await import('@eslint/js');
const { default: tseslint } = await import('typescript-eslint');
const { default: globals } = await import('globals');

export default defineConfig(
  { ignores: ['dist/', 'dist-check/', 'coverage/', 'bench/.data/', 'scratch/', 'tools/*/node_modules/'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2024, sourceType: 'module', globals: globals.node },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // Control characters in patterns are deliberate here: the gate strips them from untrusted text.
      'no-control-regex': 'off',
      // A leading underscore marks a binding kept on purpose: a rest sibling, a parameter of a fixed signature.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
    },
  },
);
