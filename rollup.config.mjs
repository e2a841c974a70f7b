// Bundles src/index.ts into the single dist/Code.js that `clasp push` ships.
// Apps Script only sees top-level `function` declarations, and every one of them is a
// global anyone with the editor can run. So the whole program lives inside one IIFE
// (`var LeadRouting`), and the bundle declares exactly one top-level function per
// entry point exported by src/index.ts, each delegating to it. The Connect Slack
// sidebar's page is copied beside it as dist/Sidebar.html.
import { copyFileSync, mkdirSync } from 'node:fs';
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from 'rollup-plugin-typescript2';

const NAMESPACE = 'LeadRouting';

/** Adds the global entry-point functions, checks the result, copies the manifest. */
function appsScript() {
  return {
    name: 'apps-script',
    renderChunk(code, chunk) {
      const entries = chunk.exports.map(
        (name) =>
          `/** Entry point: see src/index.ts. */\nfunction ${name}(e) {\n  return ${NAMESPACE}.${name}(e);\n}\n`,
      );
      const out = `${code}\n${entries.join('\n')}`;
      if (/^\s*(export|import)\s/m.test(out) || /\brequire\(/.test(out)) {
        this.error('dist/Code.js contains module syntax; Apps Script cannot load it');
      }
      return { code: out, map: null };
    },
    writeBundle() {
      mkdirSync('dist', { recursive: true });
      copyFileSync('appsscript.json', 'dist/appsscript.json');
      // The Connect Slack sidebar: an HTML file clasp pushes beside Code.js.
      copyFileSync('src/sidebar/Sidebar.html', 'dist/Sidebar.html');
    },
  };
}

export default {
  input: 'src/index.ts',
  output: { file: 'dist/Code.js', format: 'iife', name: NAMESPACE },
  treeshake: { moduleSideEffects: false },
  plugins: [
    nodeResolve({ browser: true, preferBuiltins: false }),
    commonjs(),
    json({ preferConst: true }),
    typescript({ tsconfig: 'tsconfig.json', clean: true }),
    appsScript(),
  ],
};
