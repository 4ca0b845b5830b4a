// Editor latency: drives the bundled language server (dist/server.js) over stdio like an editor
// does. For TypeScript and Python servers of 100, 1,000 and 5,000 lines it applies 200
// single-character edits and times didChange → publishDiagnostics for that version (debounce off,
// so the time is the server's own). Issue 9 targets: p95 ≤ 15 ms at 1,000 lines, ≤ 40 ms at 5,000.
//   npm run build && node scripts/bench-editor.mjs [--edits N] [--json bench/results/editor.json]
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { typescriptServer, pythonServer } from './bench-corpus.mjs';
import { connectToServer, option, percentiles, pseudoRandom, writeResult } from './bench-support.mjs';

const root = join(import.meta.dirname, '..');
const EDITS = Number(option('--edits', '200'));
const jsonOut = option('--json', undefined);
const TARGETS = { 1000: 15, 5000: 40 };

const server = spawn(process.execPath, [join(root, 'dist', 'server.js'), '--stdio', '--debounce-ms=0'], { stdio: ['pipe', 'pipe', 'inherit'] });
const { connection, published } = connectToServer(server);
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } });
await connection.sendNotification('initialized', {});

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
    const where = pseudoRandom();
    for (let edit = 0; edit < EDITS + 10; edit++) {
      const offset = where.next().value % text.length;
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
    const { p50, p95, max } = percentiles(samples);
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
writeResult(jsonOut, { rows });
await connection.sendRequest('shutdown');
connection.sendNotification('exit');
connection.dispose();
server.kill();
