// Type-aware lint at zero warnings. The dependency rules live here too:
// libs/domain imports no framework, database, broker or Node built-in; apps never import each other.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbiddenInDomain = [
  { group: ['@nestjs/*', '@prisma/*', 'kafkajs', 'pg', 'nodemailer', '@talkwatch/*'], message: 'libs/domain is pure: no framework, database, broker or app imports.' },
  { group: ['node:*'], message: 'libs/domain is pure: pass IO results in as arguments.' },
];
const nodeBuiltins = ['fs', 'path', 'crypto', 'http', 'https', 'net', 'os', 'child_process', 'url', 'util', 'stream', 'events', 'buffer', 'zlib', 'dns', 'tls'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', 'libs/infra/src/generated/**', '.cache/**', '.kafka/**', 'data/**', '.dependency-cruiser.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself awaits.
          allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after', 'beforeEach', 'afterEach'] }],
        },
      ],
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-extraneous-class': ['error', { allowWithDecorator: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Nest declares its option bags (NestApplicationOptions) as classes; its docs pass literals.
      '@typescript-eslint/no-unsafe-class-instance-assignment': 'off',
    },
  },
  {
    files: ['libs/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@talkwatch/ingestor', '@talkwatch/notifier', '@talkwatch/talkwatch'], message: 'libraries never import apps' }] }] },
  },
  {
    // Later blocks override earlier ones for the same rule: the domain's list includes @talkwatch/*.
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: forbiddenInDomain, paths: nodeBuiltins.map((name) => ({ name, message: 'libs/domain is pure.' })) }],
    },
  },
  {
    files: ['apps/ingestor/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@talkwatch/notifier', '@talkwatch/talkwatch', '**/apps/notifier/**', '**/apps/talkwatch/**'], message: 'the ingestor and notifier never import each other; only apps/talkwatch composes them' }] }] },
  },
  {
    files: ['apps/notifier/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@talkwatch/ingestor', '@talkwatch/talkwatch', '**/apps/ingestor/**', '**/apps/talkwatch/**'], message: 'the ingestor and notifier never import each other; only apps/talkwatch composes them' }] }] },
  },
  {
    // The dashboard runs in the browser and knows the API only through its OpenAPI types.
    files: ['apps/dashboard/src/**/*.{ts,tsx}'],
    ignores: ['apps/dashboard/src/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@talkwatch/*', 'node:*', '**/apps/notifier/**', '**/libs/**'], message: 'the dashboard talks to the API over HTTP; its types come from src/api/schema.d.ts' }] },
      ],
    },
  },
  {
    // The dashboard's unit specs run in Node, compiled by their own tsconfig (not the browser one).
    files: ['apps/dashboard/src/**/*.spec.ts'],
    languageOptions: { parserOptions: { projectService: false, project: './apps/dashboard/tsconfig.spec.json', tsconfigRootDir: import.meta.dirname } },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: {
      parserOptions: { projectService: false },
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly' },
    },
  },
);
