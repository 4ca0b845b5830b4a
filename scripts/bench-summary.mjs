// The table the README quotes: reads the latest results in bench/results/*.json (written by the
// other bench scripts) and prints one markdown table with the machine it ran on, each measure
// against issue 9's and issue 3's targets. Missing results are left out, not invented.
//   node scripts/bench-summary.mjs
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const results = join(import.meta.dirname, '..', 'bench', 'results');
const load = (name) => {
  const path = join(results, `${name}.json`);
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
};
const ms = (value) => `${Math.round(value)} ms`;
const verdict = (meets) => (meets ? 'met' : '**not met**');
const rows = [];

const editor = load('editor');
if (editor) {
  for (const language of ['typescript', 'python']) {
    const byLines = new Map(editor.rows.filter((row) => row.language === language).map((row) => [row.lines, row]));
    const p95s = [100, 1000, 5000].map((lines) => (byLines.has(lines) ? ms(byLines.get(lines).p95) : '—'));
    const targets = [1000, 5000].map((lines) => byLines.get(lines)).filter((row) => row?.target !== undefined);
    const name = language === 'typescript' ? 'TypeScript' : 'Python';
    rows.push([`Editor latency p95, ${name} 100 / 1,000 / 5,000 lines (didChange → diagnostics)`, p95s.join(' / '), `— / 15 / 40 ms: ${verdict(targets.every((row) => row.meets))}`]);
  }
}

const analyzer = load('analyzer');
if (analyzer) {
  for (const language of ['TypeScript', 'Python']) {
    const parse = analyzer.rows.find((row) => row.label.startsWith(`${language}, 1,000 lines, parse`));
    const all = analyzer.rows.find((row) => row.label === `${language}, 1,000 lines, all rules`);
    const source = analyzer.rows.find((row) => row.label.startsWith(`${language}, 1,000 lines,`) && row.label.endsWith('source rules'));
    if (!parse || !all || !source) continue;
    rows.push([`Analyzer, 1,000-line ${language} file: parse / all rules / source (issue 3) rules (median)`, `${ms(parse.median)} / ${ms(all.rulesMedian)} / ${ms(source.rulesMedian)}`, `source rules < 10 ms: ${verdict(source.meets)}`]);
  }
}

const throughput = load('throughput');
if (throughput) {
  const share = throughput.rulesPerParse === undefined ? '' : `; rules ${throughput.rulesPerParse.toFixed(2)} × parsing`;
  const target = throughput.meetsTarget === undefined ? '—' : `rules ≤ parsing: ${verdict(throughput.meetsTarget)}`;
  rows.push([`CLI throughput, ${throughput.files.toLocaleString('en')} generated files (${throughput.megabytes.toFixed(1)} MB)`, `${throughput.filesPerSecond.toFixed(0)} files/s, ${throughput.megabytesPerSecond.toFixed(2)} MB/s${share}, peak RSS ${throughput.peakRssMiB.toFixed(0)} MiB`, target]);
}

const memory = load('memory');
if (memory) {
  const rss = (stage) => memory.rows.find((row) => row.stage.startsWith(stage))?.rssMiB;
  const last = memory.rows.at(-1);
  rows.push([
    `Server memory (RSS): start / after ${memory.files.toLocaleString('en')} files / after ${memory.edits.toLocaleString('en')} edits`,
    `${rss('start')?.toFixed(0)} / ${rss('after scanning')?.toFixed(0)} / ${last.rssMiB.toFixed(0)} MiB`,
    `flat (≤ +${memory.verdict.allowedGrowthMiB} MiB ${memory.verdict.from} → ${memory.verdict.to}): ${memory.verdict.flat ? `met (${memory.verdict.growthMiB >= 0 ? '+' : ''}${memory.verdict.growthMiB.toFixed(0)} MiB)` : '**not met**'}`,
  ]);
}

const peer = load('peer');
if (peer) {
  rows.push([
    `Peer: ${peer.files} TypeScript servers, ESLint ${peer.eslint.version} + eslint-plugin-security ${peer.eslint.securityPluginVersion} vs MCP Warden`,
    `${peer.eslint.filesPerSecond.toFixed(0)} vs ${peer.mcpWarden.filesPerSecond.toFixed(0)} files/s (time ratio ${peer.ratio.toFixed(2)}); findings ${peer.eslint.findings.toLocaleString('en')} vs ${peer.mcpWarden.findings.toLocaleString('en')}`,
    '—',
  ]);
}

const cpu = cpus();
const dates = [editor, analyzer, throughput, memory, peer].filter(Boolean).map((result) => result.date.slice(0, 10));
console.log(`Benchmarks of ${[...new Set(dates)].join(', ') || 'nothing yet'}; this machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}\n`);
console.log('| Measure | Result | Target |');
console.log('|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
