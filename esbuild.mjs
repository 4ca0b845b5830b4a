// Bundles the extension client, the language server and the CLI into dist/, with the tree-sitter
// wasm files and the rule docs the server opens. `--production` minifies, `--watch` rebuilds.
import * as esbuild from 'esbuild';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const require = createRequire(import.meta.url);
const manifest = JSON.parse(readFileSync('package.json', 'utf8'));

const GRAMMARS = ['tree-sitter.wasm', 'tree-sitter-typescript.wasm', 'tree-sitter-tsx.wasm', 'tree-sitter-javascript.wasm', 'tree-sitter-python.wasm'];

function copyAssets() {
  const wasmSource = dirname(require.resolve('@vscode/tree-sitter-wasm'));
  mkdirSync('dist/wasm', { recursive: true });
  for (const file of GRAMMARS) cpSync(join(wasmSource, file), join('dist/wasm', file));
  rmSync('dist/docs', { recursive: true, force: true });
  for (const group of readdirSync('server/src/rules')) {
    const folder = join('server/src/rules', group);
    if (!statSync(folder).isDirectory()) continue;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.md'))) {
      mkdirSync(join('dist/docs/rules', group), { recursive: true });
      cpSync(join(folder, file), join('dist/docs/rules', group, file));
    }
  }
}

/** Prints errors in the shape the `$esbuild-watch` problem matcher understands. */
const problemMatcher = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => console.log('[watch] build started'));
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (result.errors.length === 0) copyAssets();
      console.log('[watch] build finished');
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // jsonc-parser's UMD build requires files by computed paths a bundle cannot see; its ESM build is fine.
  mainFields: ['module', 'main'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  logLevel: 'warning',
  define: { __MCP_WARDEN_VERSION__: JSON.stringify(manifest.version) },
  plugins: [problemMatcher],
};

const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  // The CycloneDX library requires its optional XML peer only when XML output is asked for; we write JSON.
  { ...common, entryPoints: ['server/src/server.ts'], outfile: 'dist/server.js', external: ['xmlbuilder2'] },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' }, external: ['xmlbuilder2'] },
];

if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
} else {
  await Promise.all(builds.map((options) => esbuild.build(options)));
}
