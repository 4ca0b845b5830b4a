// CLI throughput: scans a generated corpus (default 2,000 files: TypeScript and Python servers of
// 50–400 lines, VS Code and Cursor configurations, tools.json results) with the bundled CLI and
// reports files/s and MB/s, the time in parsing vs in the rules (the CLI's --timing; issue 9's
// target: rules cost no more than parsing), and the resident memory of the scanning process. A real folder can be
// given instead: node scripts/bench-throughput.mjs [--files N] [--path DIR] [--json FILE]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pythonServer, typescriptServer } from './bench-corpus.mjs';
import { option, writeResult } from './bench-support.mjs';

const root = join(import.meta.dirname, '..');
const count = Number(option('--files', '2000'));
const given = option('--path', undefined);
const jsonOut = option('--json', undefined);

function corpus(directory) {
  for (let i = 0; i < count; i++) {
    const folder = join(directory, `project-${Math.floor(i / 20)}`);
    mkdirSync(join(folder, '.vscode'), { recursive: true });
    const lines = 50 + ((i * 37) % 350);
    switch (i % 5) {
      case 0:
      case 1:
        writeFileSync(join(folder, `server-${i}.ts`), typescriptServer(lines));
        break;
      case 2:
        writeFileSync(join(folder, `server-${i}.py`), pythonServer(lines));
        break;
      case 3:
        writeFileSync(join(folder, '.vscode', 'mcp.json'), JSON.stringify({ servers: { [`s${i}`]: { type: 'stdio', command: 'npx', args: ['-y', `@acme/mcp-${i}@1.0.${i % 9}`], env: { API_KEY: '${input:key}' } } }, inputs: [{ type: 'promptString', id: 'key', password: true }] }, null, 2));
        break;
      default:
        writeFileSync(join(folder, `tools-${i}.json`), JSON.stringify({ tools: [{ name: `tool_${i}`, description: 'Returns the weather forecast for a city. Never reads local files.', inputSchema: { type: 'object', properties: { city: { type: 'string', description: 'City name' } } } }] }));
    }
  }
}

function sizeOf(directory) {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
  }
  return { files, bytes };
}

const directory = given ?? mkdtempSync(join(tmpdir(), 'mcp-warden-throughput-'));
try {
  if (!given) corpus(directory);
  const { files, bytes } = sizeOf(directory);
  const started = performance.now();
  // /usr/bin/time is not everywhere; the CLI's own peak RSS comes from a --require'd reporter.
  const reporter = join(tmpdir(), `mcp-warden-rss-${process.pid}.cjs`);
  writeFileSync(reporter, "process.on('exit', () => process.stderr.write(`\\nRSS_PEAK ${process.resourceUsage().maxRSS}\\n`));\n");
  const run = spawnSync(process.execPath, ['--require', reporter, join(root, 'dist', 'cli.js'), 'scan', directory, '--format', 'json', '--fail-on', 'never', '--timing'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  rmSync(reporter, { force: true });
  if (run.status !== 0) throw new Error(`the CLI failed (${run.status}): ${run.stderr.slice(-2000)}`);
  const report = JSON.parse(run.stdout);
  const peakMiB = Number(/RSS_PEAK (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
  // The CLI's --timing line: time in parsers (syntax trees included) and in the rules' own code.
  const timing = /^Parsing: ([\d.]+) ms; rules: ([\d.]+) ms/m.exec(run.stderr);
  if (!timing) throw new Error(`no --timing line in the CLI's output: ${run.stderr.slice(-500)}`);
  const parseSeconds = Number(timing[1]) / 1000;
  const ruleSeconds = Number(timing[2]) / 1000;
  const row = { files, scanned: report.files ?? report.summary?.files, megabytes: bytes / 1048576, seconds, filesPerSecond: files / seconds, megabytesPerSecond: bytes / 1048576 / seconds, findings: report.findings.length, peakRssMiB: peakMiB, parseSeconds, ruleSeconds, rulesPerParse: ruleSeconds / parseSeconds, meetsTarget: ruleSeconds <= parseSeconds };
  console.log(`CLI throughput (Node ${process.version})\n`);
  console.log('| Files | MB | Time | Files/s | MB/s | Parsing | Rules | Rules ÷ parsing (target ≤ 1) | Findings | Peak RSS |');
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  console.log(`| ${files} | ${row.megabytes.toFixed(1)} | ${seconds.toFixed(1)} s | ${row.filesPerSecond.toFixed(0)} | ${row.megabytesPerSecond.toFixed(2)} | ${parseSeconds.toFixed(1)} s | ${ruleSeconds.toFixed(1)} s | ${row.rulesPerParse.toFixed(2)}: ${row.meetsTarget ? 'met' : '**not met**'} | ${row.findings} | ${peakMiB.toFixed(0)} MiB |`);
  writeResult(jsonOut, row);
} finally {
  if (!given) rmSync(directory, { recursive: true, force: true });
}
