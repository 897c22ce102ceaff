// ESLint flat config for Linesight: `npm run lint` (part of `npm test`).
//
// TypeScript is linted with type information. The two tsconfigs split the sources: tsconfig.json
// covers model/, simulator/, monitor/, engine/, cli/, electron/ and test/ (Node, NodeNext);
// tsconfig.renderer.json covers renderer/ (DOM, Bundler, JSX). Each block below names its own
// project so a file is checked with the settings it is compiled with. Caching (--cache) is left out:
// a file's type-aware result depends on other files, so a cached result can be stale.
import js from '@eslint/js';
import eslintComments from '@eslint-community/eslint-plugin-eslint-comments/configs';
import reactHooks from 'eslint-plugin-react-hooks';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const root = import.meta.dirname;

// Sources that must be deterministic. The simulator and the monitor take a seeded Rng and a
// virtual Clock; a session host reads time only from the injected HostClock.
const SIM_WHY =
  'simulator/ and monitor/ are deterministic: a run is a function of its seed, so time comes from the injected Clock or the events and randomness from the seeded Rng.';
const SESSION_WHY =
  'a session reads time only from the injected HostClock (engine/session/host-clock.ts), so tests can fake it.';

/** `Date.now()`, `new Date()` / `Date()` without an argument and `Math.random()`, explained by `why`. */
function wallClockRules(why, { timers }) {
  const properties = [
    { object: 'Date', property: 'now', message: `No Date.now(): ${why}` },
    { object: 'Math', property: 'random', message: `No Math.random(): ${why}` },
  ];
  const rules = {
    'no-restricted-properties': ['error', ...properties],
    'no-restricted-syntax': [
      'error',
      { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: `No new Date() without an argument: ${why}` },
      { selector: "CallExpression[callee.name='Date']", message: `No Date(): it reads the wall clock; ${why}` },
    ],
  };
  if (timers) {
    // CONVENTIONS.md §3 also keeps UUIDs, performance.now() and timers out of the deterministic core
    rules['no-restricted-properties'].push(
      { object: 'performance', property: 'now', message: `No performance.now(): ${why}` },
      { object: 'crypto', property: 'randomUUID', message: `No crypto.randomUUID(): ids derive from seed + counter; ${why}` },
    );
    rules['no-restricted-globals'] = [
      'error',
      ...['setTimeout', 'setInterval', 'setImmediate'].map((name) => ({
        name,
        message: `No ${name}: the simulator's scheduler orders by simulated time; ${why}`,
      })),
    ];
  }
  return rules;
}

export default defineConfig([
  globalIgnores([
    'dist/',
    'coverage/',
    'test-results/',
    'release/', // electron-builder output
    'exports/',
    'resources/', // plants, scenarios and schemas: data, no code
    'tmp/',
  ]),

  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
  },

  js.configs.recommended,
  eslintComments.recommended,
  {
    rules: {
      // every disable comment says why: `// eslint-disable-next-line rule -- reason`
      '@eslint-community/eslint-comments/require-description': 'error',
      // a `let` that a callback registered earlier reads (an exit handler set up before the child it
      // kills exists) cannot be a const: the callback would throw in the temporal dead zone
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
    },
  },

  // TypeScript with type information
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./tsconfig.json'], tsconfigRootDir: root },
    },
    rules: {
      // the codebase's convention: a leading underscore marks a binding left unused on purpose
      // (a rest-destructuring that drops a key, a parameter an interface requires)
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrorsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: {
      globals: globals.browser,
      parserOptions: { project: ['./tsconfig.renderer.json'], tsconfigRootDir: root },
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    rules: {
      // the recommended set warns on these; a warning does not fail `npm run lint`, so they are errors here
      'react-hooks/exhaustive-deps': 'error',
      'react-hooks/incompatible-library': 'error',
      'react-hooks/unsupported-syntax': 'error',
    },
  },

  {
    files: ['test/**/*.test.ts'],
    rules: {
      // Vitest types its asymmetric matchers (expect.any, expect.stringMatching, objectContaining…) as
      // `any` on purpose (vitest-dev/vitest#1855), and an expected object is full of them. Any other
      // `any` in a test is still caught where it is used: no-unsafe-member-access, -call, -argument, -return.
      '@typescript-eslint/no-unsafe-assignment': 'off',
    },
  },

  {
    files: ['engine/api/*-handlers.ts'],
    rules: {
      // A handler implements a call of the async contract (engine/contract/calls.ts): it must answer
      // with a promise that rejects on bad arguments, never throw at its caller. `async` is how a
      // handler that computes its answer at once (a query of the monitor, of the journal) keeps that
      // promise, so an `async` without `await` is the point here, not a slip.
      '@typescript-eslint/require-await': 'off',
    },
  },

  // Files outside both tsconfigs (bin/, electron/launch.mjs, the root configs): no type information,
  // so the TypeScript build configs get the rules that need none and the JavaScript files the core ones
  {
    files: ['**/*.{js,mjs,cjs}', '*.config.ts'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  // Determinism
  {
    files: ['simulator/**/*.ts', 'monitor/**/*.ts'],
    rules: wallClockRules(SIM_WHY, { timers: true }),
  },
  {
    files: ['engine/session/**/*.ts'],
    // host-clock.ts is the one place that reads the real clock (systemClock)
    ignores: ['engine/session/host-clock.ts'],
    rules: wallClockRules(SESSION_WHY, { timers: false }),
  },
]);
