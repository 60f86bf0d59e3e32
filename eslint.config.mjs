// Where code may run is enforced here, not by good intentions (STYLE: the Signal Desktop rule):
// electron/core and electron/ipc are plain Node (never 'electron'); shared/ and renderer/ run in
// both worlds or the browser (neither 'electron' nor Node built-ins).
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.filter((m) => !m.startsWith('_'));
const electronBan = {
  name: 'electron',
  message: 'electron/core and electron/ipc are plain Node: take Electron through an adapter in electron/platform or electron/app.',
};
const nodeBan = [
  ...nodeBuiltins.map((name) => ({ name, message: 'shared/ and renderer/ must not import Node built-ins.' })),
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'shared/text/variants.generated.ts', 'shared/text/simplified.generated.ts'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mjs}'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-eval': 'error',
      'no-new-func': 'error',
    },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/ipc/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [electronBan], patterns: [{ group: ['electron/*'], message: electronBan.message }] }],
    },
  },
  {
    files: ['shared/**/*.ts', 'renderer/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'electron', message: 'shared/ and renderer/ never import electron.' }, ...nodeBan],
          patterns: [{ group: ['node:*'], message: 'shared/ and renderer/ must not import Node built-ins.' }, { group: ['electron/*'] }],
        },
      ],
    },
  },
);
