// @ts-check
import js from '@eslint/js'
import jest from 'eslint-plugin-jest'
import { defineConfig } from 'eslint/config'
import globals from 'globals'
import tseslint from 'typescript-eslint'

export default defineConfig(
  { ignores: ['dist/', 'coverage/', 'node_modules/', '.tmp/', 'examples/.work/'] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      globals: globals.node,
      parserOptions: { projectService: { allowDefaultProject: ['*.js', '*.mjs', 'scripts/*.mjs'] }, tsconfigRootDir: import.meta.dirname }
    },
    // `string | 'missing'` documents the special values even though the type system folds them.
    rules: { '@typescript-eslint/no-redundant-type-constituents': 'off' }
  },
  { files: ['**/*.{js,mjs}'], extends: [tseslint.configs.disableTypeChecked] },
  { files: ['__tests__/**/*.test.ts'], ...jest.configs['flat/recommended'] }
)
