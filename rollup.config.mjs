// Bundles src/index.ts into the single dist/Code.js that `clasp push` ships.
// Apps Script only sees top-level `function` declarations, so the bundle is an
// ES module whose trailing `export { ... }` is stripped: the entry points stay as
// plain global functions and nothing else leaks (google/aside does the same).
import { copyFileSync, mkdirSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from 'rollup-plugin-typescript2';

/** Removes the module syntax Apps Script cannot parse and copies the manifest. */
function appsScript() {
  return {
    name: 'apps-script',
    renderChunk(code) {
      const stripped = code.replace(/^export\s*\{[^}]*\};?\s*$/m, '');
      if (/^\s*(export|import)\s/m.test(stripped) || /\brequire\(/.test(stripped)) {
        this.error('dist/Code.js still contains module syntax; Apps Script cannot load it');
      }
      return { code: stripped, map: null };
    },
    writeBundle() {
      mkdirSync('dist', { recursive: true });
      copyFileSync('appsscript.json', 'dist/appsscript.json');
    },
  };
}

export default {
  input: 'src/index.ts',
  output: { file: 'dist/Code.js', format: 'es' },
  treeshake: { moduleSideEffects: false },
  plugins: [
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    typescript({ tsconfig: 'tsconfig.json', clean: true }),
    appsScript(),
  ],
};
