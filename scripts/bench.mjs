// Measures how long the analyzer takes per file after warm-up, on generated 1,000-line TypeScript
// and Python MCP servers: the parse (tree-sitter plus the JavaScript tree copy the rules read) on its own, then the rules on top of it (all rules,
// and the source rules alone). Target (issue 3): the rules' own work under 10 ms per file.
//   npm run bench   (or: npx tsc -b && node scripts/bench.mjs [--json bench/results/analyzer.json])
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pythonServer, typescriptServer } from './bench-corpus.mjs';
import { option, percentiles, writeResult } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const out = join(import.meta.dirname, '..', 'out');
const { Analyzer } = require(join(out, 'server/src/analyzer/analyze.js'));
const { nodeTreeSitterAssets } = require(join(out, 'server/src/host/tree-sitter-assets.js'));
const { CodeParser } = require(join(out, 'server/src/analyzer/syntax/code-parser.js'));
const { allRules } = require(join(out, 'server/src/rules/index.js'));

const TARGET_MS = 10;
const jsonOut = option('--json', undefined);
const rows = [];
const ITERATIONS = 60;

async function sample(run) {
  for (let i = 0; i < 10; i++) await run();
  const samples = [];
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  const { p50, p95, max } = percentiles(samples);
  return { median: p50, p95, max };
}

const format = (ms) => `${ms.toFixed(2).padStart(6)} ms`;

async function measureParse(label, parser, language, text) {
  const { median, p95 } = await sample(async () => parser.parse(language, text, 5000));
  console.log(`${label.padEnd(44)} median ${format(median)}  p95 ${format(p95)}`);
  rows.push({ label, median, p95 });
  return median;
}

/** Whole analysis time, and the rules' share of it (the analysis minus the parse). */
async function measure(label, analyzer, path, text, parseMedian) {
  let findings = 0;
  const { median, p95 } = await sample(async () => {
    findings = (await analyzer.analyze({ path, text })).findings.length;
  });
  const rules = Math.max(0, median - parseMedian);
  const verdict = rules < TARGET_MS ? 'ok' : 'OVER TARGET';
  console.log(`${label.padEnd(44)} median ${format(median)}  p95 ${format(p95)}  rules ${format(rules)}  findings ${String(findings).padStart(3)}  ${verdict}`);
  rows.push({ label, median, p95, rulesMedian: rules, target: TARGET_MS, meets: rules < TARGET_MS });
}

const assets = nodeTreeSitterAssets(dirname(require.resolve('@vscode/tree-sitter-wasm')));
const everything = await Analyzer.create(assets, allRules);
const taintRules = allRules.filter((rule) => rule.meta.group === 'source');
const sourceOnly = await Analyzer.create(assets, taintRules);
const parser = await CodeParser.create(assets);
const ts = typescriptServer(1000);
const py = pythonServer(1000);
console.log(`time per file after warm-up (${ITERATIONS} runs; target: the rules' median < ${TARGET_MS} ms); Node ${process.version}`);
const tsParse = await measureParse('TypeScript, 1,000 lines, parse + tree copy', parser, 'typescript', ts);
await measure('TypeScript, 1,000 lines, all rules', everything, 'bench/server.ts', ts, tsParse);
await measure(`TypeScript, 1,000 lines, ${taintRules.length} source rules`, sourceOnly, 'bench/server.ts', ts, tsParse);
const pyParse = await measureParse('Python, 1,000 lines, parse + tree copy', parser, 'python', py);
await measure('Python, 1,000 lines, all rules', everything, 'bench/server.py', py, pyParse);
await measure(`Python, 1,000 lines, ${taintRules.length} source rules`, sourceOnly, 'bench/server.py', py, pyParse);
const memory = process.memoryUsage();
console.log(`memory: rss ${(memory.rss / 1048576).toFixed(0)} MiB, heap used ${(memory.heapUsed / 1048576).toFixed(0)} MiB`);
writeResult(jsonOut, { rows });

