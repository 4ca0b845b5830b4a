// Editor latency: drives the bundled language server (dist/server.js) over stdio like an editor
// does. For TypeScript and Python servers of 100, 1,000 and 5,000 lines it applies 200
// single-character edits and times didChange → publishDiagnostics for that version (debounce off,
// so the time is the server's own). Issue 9 targets: p95 ≤ 15 ms at 1,000 lines, ≤ 40 ms at 5,000.
//   npm run build && node scripts/bench-editor.mjs [--edits N] [--json bench/results/editor.json]
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createRequire } from 'node:module';
import { typescriptServer, pythonServer } from './bench-corpus.mjs';

const root = join(import.meta.dirname, '..');
// vscode-jsonrpc is CommonJS without an ESM export map for its node entry.
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = createRequire(import.meta.url)('vscode-jsonrpc/node');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const EDITS = Number(option('--edits', '200'));
const jsonOut = option('--json', undefined);
const TARGETS = { 1000: 15, 5000: 40 };

const server = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio', '--debounce-ms=0'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createMessageConnection(new StreamMessageReader(server.stdout), new StreamMessageWriter(server.stdin));
const waiting = new Map();
connection.onNotification('textDocument/publishDiagnostics', (params) => {
  const key = `${params.uri}@${params.version}`;
  waiting.get(key)?.(params);
  waiting.delete(key);
});
connection.onRequest('workspace/configuration', (params) => params.items.map(() => ({})));
connection.onRequest('client/registerCapability', () => null);
connection.onNotification('window/logMessage', () => undefined);
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await connection.sendNotification('initialized', {});

function published(uri, version) {
  return new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve));
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** A deterministic stream of edit positions, so runs are comparable. */
function* positions(length, seed = 7) {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2147483648;
    yield state % length;
  }
}

const rows = [];
for (const [language, make, extension] of [
  ['typescript', typescriptServer, 'ts'],
  ['python', pythonServer, 'py'],
]) {
  for (const lines of [100, 1000, 5000]) {
    const uri = `file:///bench/server-${lines}.${extension}`;
    let text = make(lines);
    let version = 1;
    const first = published(uri, version);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: language, version, text } });
    await first;
    // Warm-up edits are not counted.
    const samples = [];
    const where = positions(text.length);
    for (let edit = 0; edit < EDITS + 10; edit++) {
      const offset = where.next().value;
      // A comment character at the end of a line keeps the code valid, like most real keystrokes.
      const lineEnd = text.indexOf('\n', offset);
      const at = lineEnd < 0 ? text.length : lineEnd;
      const inserted = language === 'python' ? ' #' : ' //';
      text = `${text.slice(0, at)}${inserted}${text.slice(at)}`;
      version++;
      const done = published(uri, version);
      const started = performance.now();
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      await done;
      if (edit >= 10) samples.push(performance.now() - started);
    }
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    const { p50, p95, max } = stats(samples);
    const target = TARGETS[lines];
    rows.push({ language, lines, edits: EDITS, p50, p95, max, target, meets: target === undefined ? undefined : p95 <= target });
  }
}

const ms = (value) => `${value.toFixed(1)} ms`;
console.log(`Editor latency, didChange → diagnostics, ${EDITS} edits per file (Node ${process.version})\n`);
console.log('| File | p50 | p95 | max | target (p95) |');
console.log('|---|---|---|---|---|');
for (const row of rows) {
  const target = row.target === undefined ? '—' : `${row.target} ms: ${row.meets ? 'met' : '**not met**'}`;
  console.log(`| ${row.language}, ${row.lines.toLocaleString('en')} lines | ${ms(row.p50)} | ${ms(row.p95)} | ${ms(row.max)} | ${target} |`);
}
if (jsonOut) {
  mkdirSync(dirname(jsonOut), { recursive: true });
  writeFileSync(jsonOut, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
}
await connection.sendRequest('shutdown');
connection.sendNotification('exit');
connection.dispose();
server.kill();
