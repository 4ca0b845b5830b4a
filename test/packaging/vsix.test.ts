import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { allRules } from '../../server/src/rules';
import { REPOSITORY_ROOT } from '../helpers/paths';
import { zipEntries } from '../helpers/zip-entries';

const VSIX = join(REPOSITORY_ROOT, 'mcp-warden.vsix');

void describe('the .vsix package', () => {
  const entries = () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: "npm test" packages it first (npm run package)`);
    return zipEntries(VSIX).filter((name) => name.startsWith('extension/')).map((name) => name.slice('extension/'.length));
  };

  void it('ships the three bundles, the wasm grammars, rule docs, schemas and snippets', () => {
    const files = entries();
    // vsce stores the README and CHANGELOG lower-cased and the licence as LICENSE.txt.
    for (const required of ['package.json', 'readme.md', 'changelog.md', 'LICENSE.txt', 'dist/client.js', 'dist/server.js', 'dist/cli.js', 'dist/wasm/tree-sitter.wasm', 'dist/wasm/tree-sitter-python.wasm', 'dist/wasm/tree-sitter-typescript.wasm', 'dist/wasm/tree-sitter-tsx.wasm', 'dist/wasm/tree-sitter-javascript.wasm']) {
      assert.ok(files.includes(required), `missing ${required}`);
    }
    for (const rule of allRules) assert.ok(files.includes(`dist/docs/rules/${rule.meta.group}/${rule.meta.id}.md`), `missing docs of ${rule.meta.id}`);
    assert.ok(files.some((file) => file.startsWith('schemas/') && file.endsWith('.json')), 'no schemas/');
    assert.ok(files.some((file) => file.startsWith('snippets/') && file.endsWith('.code-snippets')), 'no snippets/');
  });

  void it('ships no sources, tests, fixtures, maps or node_modules', () => {
    const offenders = entries().filter(
      (file) => /(^|\/)node_modules\//.test(file) || /\.(?:ts|map|tsbuildinfo)$/.test(file) || /^(?:server|client|test|examples|out|scripts)\//.test(file) || /fixture|\.fixed\./.test(file),
    );
    assert.deepEqual(offenders, []);
  });

  void it('points every file the manifest references at a shipped file', () => {
    const files = entries();
    const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
      main: string;
      bin: Record<string, string>;
      contributes: { jsonValidation: Array<{ url: string }>; snippets: Array<{ path: string }> };
    };
    const referenced = [manifest.main, ...Object.values(manifest.bin), ...manifest.contributes.jsonValidation.map((entry) => entry.url), ...manifest.contributes.snippets.map((entry) => entry.path)];
    for (const reference of referenced) assert.ok(files.includes(reference.replace(/^\.\//, '')), `${reference} is referenced but not packaged`);
  });
});
