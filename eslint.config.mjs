// ESLint (flat config): typescript-eslint's recommended-type-checked rules, plus a few
// strict ones that catch real bugs (a switch missing a case, `==`, comparing a value with
// itself, a promise left floating). Layout is Prettier's job (`prettier --check` in
// `npm run lint`) and the walls between layers are dependency-cruiser's
// (.dependency-cruiser.cjs), so neither is repeated here. Left out on purpose:
// no-unnecessary-condition (without noUncheckedIndexedAccess it calls `map[key] ===
// undefined` unnecessary, and would have us delete real guards) and no-base-to-string
// (it cannot tell a cell value typed `unknown` from an object; String(cell) is intended).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'coverage/', 'node_modules/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        // tsconfig.test.json covers src, test and scripts.
        project: './tsconfig.test.json',
        tsconfigRootDir: import.meta.dirname,
      },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      eqeqeq: ['error', 'always'],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unmodified-loop-condition': 'error',
      'no-constructor-return': 'error',
      'no-promise-executor-return': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': [
        'error',
        { considerDefaultExhaustiveForUnions: true },
      ],
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/no-non-null-asserted-optional-chain': 'error',
      '@typescript-eslint/prefer-reduce-type-parameter': 'error',
      '@typescript-eslint/no-base-to-string': 'off',
      'prefer-const': ['error', { destructuring: 'all' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    // The domain is pure (README "Code map"): time comes in as a value, and no Apps
    // Script service is reachable from it. (Its imports are dependency-cruiser's.)
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        ...[
          'SpreadsheetApp',
          'Sheets',
          'UrlFetchApp',
          'LockService',
          'PropertiesService',
          'CacheService',
          'ScriptApp',
          'Utilities',
          'Session',
          'ContentService',
          'HtmlService',
          'Logger',
          'console',
        ].map((name) => ({ name, message: 'src/domain is pure: use a port in src/app/ports.ts' })),
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/domain takes the time as a value' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/domain takes the time as a value',
        },
      ],
    },
  },
  {
    // The use cases split into read → plan (pure) → commit → send (issue 15) stay split,
    // and so does the workbook's commit (read → plan → write): no function long or
    // branchy enough to do all of them again.
    files: [
      'src/app/intake.ts',
      'src/app/deliver.ts',
      'src/app/sweep.ts',
      'src/app/hand-over.ts',
      'src/app/run-context.ts',
      'src/app/mark-contacted.ts',
      'src/app/pass-lead.ts',
      'src/app/slack-action.ts',
      'src/app/slack-request.ts',
      'src/domain/intake-plan.ts',
      'src/domain/delivery-plan.ts',
      'src/domain/sweep-plan.ts',
      'src/domain/dashboard.ts',
      'src/adapters/sheets-workbook.ts',
      'src/adapters/sheets-commit-plan.ts',
    ],
    rules: {
      complexity: ['error', 12],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      'max-params': ['error', 5],
    },
  },
  {
    // Tests destructure harness objects ({ api, slack } = makeHarness()), which is safe
    // there; jest's asymmetric matchers (expect.any, expect.objectContaining) and parsed
    // Slack payloads are typed `any`, so assigning them is how the tests are written.
    files: ['test/**/*.ts', 'scripts/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // The runtime's own tests drive the emulated Apps Script services untyped, as the
    // bundle does (test/runtime/spreadsheet/test-support.ts `Any`).
    files: ['test/runtime/**/*.test.ts', 'test/runtime/**/test-support.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    // Plain JavaScript config files: no type information.
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      sourceType: 'module',
      globals: { module: 'writable', require: 'readonly', console: 'readonly' },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
  },
);
