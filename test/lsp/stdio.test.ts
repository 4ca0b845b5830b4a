import assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, it } from 'node:test';
import { TestClient } from '../helpers/lsp-client';
import { DIST_DIRECTORY } from '../helpers/paths';

// Any LSP client (Neovim, Helix, Zed) starts the bundled server like this.
let server: ChildProcessWithoutNullStreams;
let client: TestClient;

before(async () => {
  const entry = join(DIST_DIRECTORY, 'server.js');
  assert.ok(existsSync(entry), `${entry} is missing: run "npm run build" first`);
  server = spawn(process.execPath, [entry, '--stdio'], { stdio: 'pipe' });
  client = await TestClient.connect(server.stdout, server.stdin, {}, () => server.kill());
});

after(async () => {
  await client.dispose();
});

void it('serves diagnostics and quick fixes over stdio from the bundle', async () => {
  const uri = 'file:///project/.vscode/mcp.json';
  await client.open(uri, 'jsonc', '{ "servers": { "gh": { "command": "npx", "env": { "GITHUB_TOKEN": "ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio" } } } }\n');
  const diagnostics = await client.diagnostics(uri);
  assert.deepEqual(diagnostics.map((diagnostic) => diagnostic.code), ['no-plaintext-secret-in-config']);
  const [fix] = await client.codeActions(uri, diagnostics);
  assert.match(client.applied(uri, fix?.edit), /"GITHUB_TOKEN": "\$\{input:github-token\}"/);
});

void it('parses code with the bundled tree-sitter grammars', async () => {
  const uri = 'file:///project/server.py';
  await client.open(uri, 'python', 'import requests\nrequests.get("https://example.com", verify=False)\n');
  assert.deepEqual((await client.diagnostics(uri)).map((diagnostic) => diagnostic.code), ['no-disabled-tls-verification']);
});
