// Flat config: typescript-eslint's recommended rules (syntax-only, so lint stays fast on 2 cores).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  // examples/ are the demo apps' own code (deliberately vulnerable, in their own styles), not ours.
  { ignores: ['node_modules/', 'dist/', 'actions/*/dist/', 'bench/.work/', 'coverage/', '.secloop/', 'examples/'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
);
