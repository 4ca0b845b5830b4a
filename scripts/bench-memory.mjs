// Server memory: drives the bundled language server (dist/server.js) over stdio and reads its
// resident memory (VmRSS in /proc/<pid>/status, so Linux only) after start, after a scan of 5,000
// generated files (open → diagnostics → close, the corpus of bench-throughput), and every 1,000
// single-character edits on one open 1,000-line TypeScript server. Issue 9 target: memory stays
// flat while editing — RSS after the last edit ≤ RSS after the first 1,000 edits + 25 MiB.
// Tree-sitter trees live in WebAssembly memory, which never shrinks, so one leaked tree per edit
// would add hundreds of MiB.
// The full run takes about 12 minutes on the 2-core benchmark machine (~65 ms an edit, 90 s for
// the scan); `--files` and `--edits` shorten it.
// Each sample follows a full garbage collection (the server runs with --expose-gc and a preloaded
// SIGUSR2 handler, no server code involved): without it the number would mostly say when V8 last
// collected, not what the server keeps.
//   npm run build && node scripts/bench-memory.mjs [--files N] [--edits N] [--json bench/results/memory.json]
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { typescriptServer, pythonServer } from './bench-corpus.mjs';
import { connectToServer, option, pseudoRandom, writeResult } from './bench-support.mjs';

if (process.platform !== 'linux' || !existsSync('/proc/self/status')) {
  console.error(`bench-memory reads the server's VmRSS from /proc/<pid>/status, which only Linux has (this is ${process.platform}).`);
  process.exit(1);
}

const root = join(import.meta.dirname, '..');
const FILES = Number(option('--files', '5000'));
const EDITS = Number(option('--edits', '10000'));
const SAMPLE_EVERY = 1000;
const ALLOWED_GROWTH_MIB = 25;
const jsonOut = option('--json', undefined);
const GC_MARKER = 'MCP_WARDEN_BENCH_GC_DONE';

// The marker goes to stderr because stdout carries the protocol. It carries the JS heap in use, so
// growth can be told apart: JS objects kept, or native and WebAssembly memory (the rest of RSS).
const preload = join(tmpdir(), `mcp-warden-gc-${process.pid}.cjs`);
writeFileSync(preload, `process.on('SIGUSR2', () => { globalThis.gc(); process.stderr.write('\\n${GC_MARKER} ' + process.memoryUsage().heapUsed + '\\n'); });\n`);

const server = spawn(process.execPath, ['--expose-gc', '--require', preload, join(root, 'dist', 'server.js'), '--stdio', '--debounce-ms=0'], { stdio: ['pipe', 'pipe', 'pipe'] });
let serverExit;
const exited = new Promise((_resolve, reject) =>
  server.on('exit', (code, signal) => {
    serverExit = { code, signal };
    reject(new Error(`the server exited (${signal ?? code})`));
  }),
);
// Marked handled: the exit at the end of a good run rejects it with nobody left waiting.
exited.catch(() => undefined);
let gcDone;
let stderrTail = '';
server.stderr.setEncoding('utf8');
server.stderr.on('data', (chunk) => {
  stderrTail += chunk;
  let newline;
  while ((newline = stderrTail.indexOf('\n')) >= 0) {
    const line = stderrTail.slice(0, newline);
    stderrTail = stderrTail.slice(newline + 1);
    if (line.startsWith(`${GC_MARKER} `)) gcDone?.(Number(line.slice(GC_MARKER.length + 1)));
    else if (line !== '') process.stderr.write(`${line}\n`);
  }
});

/** Fails the run as soon as the server dies, instead of waiting forever for its diagnostics. */
async function orServerExit(promise, what) {
  try {
    return await Promise.race([promise, exited]);
  } catch (error) {
    throw new Error(`${error.message} while ${what}`, { cause: error });
  }
}

const { connection, published: diagnosticsOf } = connectToServer(server);

function published(uri, version, what) {
  return orServerExit(diagnosticsOf(uri, version), what);
}

/** The server's RSS and JS heap in use, in MiB, after a full collection. */
async function memoryMiB() {
  const collected = new Promise((resolve) => (gcDone = resolve));
  server.kill('SIGUSR2');
  const heapUsed = await orServerExit(collected, 'collecting garbage');
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  const kib = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS in /proc/${server.pid}/status`);
  return { rssMiB: Number(kib) / 1024, heapUsedMiB: heapUsed / 1048576 };
}

function mcpJson(i) {
  return JSON.stringify({ servers: { [`s${i}`]: { type: 'stdio', command: 'npx', args: ['-y', `@acme/mcp-${i}@1.0.${i % 9}`], env: { API_KEY: '${input:key}' } } }, inputs: [{ type: 'promptString', id: 'key', password: true }] }, null, 2);
}

function toolsJson(i) {
  return JSON.stringify({ tools: [{ name: `tool_${i}`, description: 'Returns the weather forecast for a city. Never reads local files.', inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } } }] });
}

/** The i-th file of bench-throughput's corpus, as an editor would open it (never written to disk). */
function corpusFile(i) {
  const folder = `file:///bench/project-${Math.floor(i / 20)}`;
  const lines = 50 + ((i * 37) % 350);
  switch (i % 5) {
    case 0:
    case 1:
      return { uri: `${folder}/server-${i}.ts`, languageId: 'typescript', text: typescriptServer(lines) };
    case 2:
      return { uri: `${folder}/server-${i}.py`, languageId: 'python', text: pythonServer(lines) };
    case 3:
      // One mcp.json per folder in the throughput corpus; here a folder per config keeps every URI distinct.
      return { uri: `${folder}/config-${i}/.vscode/mcp.json`, languageId: 'json', text: mcpJson(i) };
    default:
      return { uri: `${folder}/tools-${i}.json`, languageId: 'json', text: toolsJson(i) };
  }
}

const rows = [];
const started = performance.now();
function record(stage, extra = {}) {
  return memoryMiB().then(({ rssMiB, heapUsedMiB }) => {
    rows.push({ stage, rssMiB, heapUsedMiB, seconds: (performance.now() - started) / 1000, ...extra });
    process.stderr.write(`${stage}: RSS ${rssMiB.toFixed(1)} MiB, JS heap ${heapUsedMiB.toFixed(1)} MiB\n`);
  });
}

let failure;
try {
  await orServerExit(connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { workspace: { configuration: true } } }), 'initializing');
  await connection.sendNotification('initialized', {});
  await record('start');

  for (let i = 0; i < FILES; i++) {
    const { uri, languageId, text } = corpusFile(i);
    const done = published(uri, 1, `analyzing ${uri}`);
    await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version: 1, text } });
    await done;
    await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  await record(`after scanning ${FILES.toLocaleString('en')} files`, { files: FILES });

  // A trailing space is typed at the end of a line, then deleted by the next edit: every version is
  // new text for the parser, yet the file keeps its size, so growth cannot come from the document.
  const uri = 'file:///bench/edited/server-1000.ts';
  const lines = typescriptServer(1000).split('\n');
  let version = 1;
  const opened = published(uri, version, 'analyzing the edited file');
  await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'typescript', version, text: lines.join('\n') } });
  await opened;
  const random = pseudoRandom();
  let typedLine;
  for (let edit = 1; edit <= EDITS; edit++) {
    let change;
    if (typedLine === undefined) {
      typedLine = random.next().value % (lines.length - 1);
      const character = lines[typedLine].length;
      change = { range: { start: { line: typedLine, character }, end: { line: typedLine, character } }, text: ' ' };
      lines[typedLine] += ' ';
    } else {
      const character = lines[typedLine].length;
      change = { range: { start: { line: typedLine, character: character - 1 }, end: { line: typedLine, character } }, text: '' };
      lines[typedLine] = lines[typedLine].slice(0, -1);
      typedLine = undefined;
    }
    version++;
    const done = published(uri, version, `analyzing edit ${edit}`);
    await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [change] });
    await done;
    if (edit % SAMPLE_EVERY === 0 || edit === EDITS) await record(`after ${edit.toLocaleString('en')} edits`, { edits: edit });
  }
  await connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
} catch (error) {
  failure = error;
} finally {
  rmSync(preload, { force: true });
}

const editRows = rows.filter((row) => row.edits !== undefined);
const baseline = editRows[0];
const last = editRows[editRows.length - 1];
const verdict =
  baseline === undefined || last === baseline
    ? { flat: undefined, reason: `needs more than ${SAMPLE_EVERY.toLocaleString('en')} edits to compare` }
    : { flat: last.rssMiB <= baseline.rssMiB + ALLOWED_GROWTH_MIB, growthMiB: last.rssMiB - baseline.rssMiB, allowedGrowthMiB: ALLOWED_GROWTH_MIB, from: baseline.stage, to: last.stage };

console.log(`Language server memory, RSS after a full GC (Node ${process.version}; ${FILES.toLocaleString('en')} files scanned, ${EDITS.toLocaleString('en')} edits on a 1,000-line TypeScript server)\n`);
console.log('| Stage | RSS (MiB) | JS heap used (MiB) |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.stage} | ${row.rssMiB.toFixed(1)} | ${row.heapUsedMiB.toFixed(1)} |`);
console.log('');
if (verdict.flat === undefined) console.log(`Flat: not judged (${verdict.reason}).`);
else console.log(`Flat (${verdict.to} ≤ ${verdict.from} + ${ALLOWED_GROWTH_MIB} MiB): ${verdict.flat ? 'yes' : '**no**'}, ${verdict.growthMiB >= 0 ? '+' : ''}${verdict.growthMiB.toFixed(1)} MiB.`);
if (failure) console.error(`\nThe run stopped early: ${failure.message}`);

if (!failure) writeResult(jsonOut, { files: FILES, edits: EDITS, rows, verdict });
if (serverExit === undefined) {
  await connection.sendRequest('shutdown').catch(() => undefined);
  await connection.sendNotification('exit').catch(() => undefined);
}
connection.dispose();
server.kill();
process.exitCode = failure ? 1 : 0;
