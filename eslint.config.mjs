// Layering lint (STYLE.md 3): the folder name is the runtime.
import tseslint from 'typescript-eslint';
import pluginVue from 'eslint-plugin-vue';

const nodeBuiltins = ['fs', 'path', 'os', 'child_process', 'dgram', 'net', 'http', 'https', 'crypto', 'url', 'util', 'events', 'stream', 'worker_threads', 'zlib', 'readline', 'process', 'buffer', 'timers', 'perf_hooks', 'assert'];
// Bare names go in `paths` (exact match); patterns are gitignore-style and would also
// catch our own files named like a built-in (shared/events.ts).
const nodePatterns = ['node:*', ...nodeBuiltins.map((m) => `${m}/*`)];
const nodePaths = (message) => nodeBuiltins.map((name) => ({ name, message }));

export default tseslint.config(
  { ignores: ['node_modules/**', 'out/**', 'dist/**', 'docs/**', 'bench/results/**', '**/*.d.ts'] },
  ...tseslint.configs.recommended,
  ...pluginVue.configs['flat/recommended'].map((c) => ({ ...c, files: ['renderer/**/*.vue'] })),
  {
    files: ['renderer/**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] } },
    rules: { 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off', 'vue/html-self-closing': 'off' },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodePaths('shared/ is pure TypeScript: no Node built-ins.'),
        patterns: [
          { group: nodePatterns, message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['electron', 'electron/*', 'vue', 'pinia', 'vue-router', 'better-sqlite3', 'ws', '**/main/**', '**/renderer/**'], message: 'shared/ imports nothing from electron, Vue, native modules, main/ or renderer/.' },
        ],
      }],
      'no-restricted-properties': ['error',
        { object: 'Date', property: 'now', message: 'Time is an input to shared/ code (pass a Clock or now).' },
        { object: 'Math', property: 'random', message: 'Randomness is an input to shared/ code (pass a seeded Rng).' },
        { object: 'performance', property: 'now', message: 'Time is an input to shared/ code.' },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'process', 'require', 'Buffer', 'setTimeout', 'setInterval'],
    },
  },
  {
    files: ['renderer/**/*.ts', 'renderer/**/*.vue'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: nodePaths('renderer/ runs in the browser: no Node built-ins.'),
        patterns: [
          { group: nodePatterns, message: 'renderer/ runs in the browser: no Node built-ins.' },
          { group: ['electron', 'electron/*', 'better-sqlite3', '**/main/**'], message: 'renderer/ reaches main only through LabApi.' },
        ],
      }],
    },
  },
  {
    files: ['main/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'main/ never imports renderer/.' }] }],
    },
  },
);
