// What the benchmark scripts share: their command-line options, their JSON results, and an LSP
// connection to the bundled server that waits for the diagnostics of one document version.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

// vscode-jsonrpc is CommonJS without an ESM export map for its node entry.
const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = createRequire(import.meta.url)('vscode-jsonrpc/node');

/** The value after `name` on the command line, or `fallback`. */
export function option(name, fallback) {
  const args = process.argv.slice(2);
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
}

/** Writes a result file, stamped with the date and Node version so runs can be compared. */
export function writeResult(path, result) {
  if (!path) return;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, ...result }, null, 2)}\n`);
}

/**
 * A client for a spawned `dist/server.js --stdio`: answers the server's configuration and
 * registration requests like an editor with default settings, and `published(uri, version)`
 * resolves with the diagnostics of exactly that version.
 */
export function connectToServer(server) {
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
  return {
    connection,
    published: (uri, version) => new Promise((resolve) => waiting.set(`${uri}@${version}`, resolve)),
  };
}

/** Median (p50), 95th percentile and maximum of timing samples. */
export function percentiles(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1] };
}

/** A deterministic stream of numbers below 2^31, so runs are comparable. */
export function* pseudoRandom(seed = 7) {
  let state = seed;
  for (;;) {
    state = (state * 1103515245 + 12345) % 2147483648;
    yield state;
  }
}
