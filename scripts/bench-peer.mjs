// Peer comparison: lints the same generated MCP servers (default 500 files, TypeScript and
// JavaScript of up to 50–400 lines; ESLint does not read Python) with ESLint + eslint-plugin-security
// (typescript-eslint's parser, no type information) and with MCP Warden's analyzer, both through
// their Node APIs in this one process, so neither side pays a process start the other does not.
// Both read the files from disk and both are warmed up on a few files first (ESLint loads its
// parser and plugin lazily, MCP Warden compiles its WebAssembly grammars), so the timed run is the
// steady state an editor or a CI job sees. Needs `npx tsc -b` (the analyzer is loaded from out/).
//   npx tsc -b && node scripts/bench-peer.mjs [--files N] [--json bench/results/peer.json]
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { ESLint } from 'eslint';
import security from 'eslint-plugin-security';
import tseslint from 'typescript-eslint';
import { typescriptServer } from './bench-corpus.mjs';
import { option, writeResult } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const root = join(import.meta.dirname, '..');
const out = join(root, 'out');
const { Analyzer } = require(join(out, 'server/src/analyzer/analyze.js'));
const { nodeTreeSitterAssets } = require(join(out, 'server/src/host/tree-sitter-assets.js'));
const { allRules } = require(join(out, 'server/src/rules/index.js'));

const count = Number(option('--files', '500'));
const jsonOut = option('--json', undefined);
const WARM_UP_FILES = 20;

/**
 * The generated server cut after its last whole tool: the generator stops at a line count, often
 * inside a handler, which tree-sitter recovers from but ESLint rejects as a parse error.
 */
function wholeTypescriptServer(lines) {
  const text = typescriptServer(lines);
  return text.slice(0, text.lastIndexOf('\n});\n') + '\n});\n'.length);
}

/** The TypeScript server with its type annotations dropped: the same code as plain JavaScript. */
function javascriptServer(lines) {
  return wholeTypescriptServer(lines).replace(/\(value: string\): string/g, '(value)');
}

/** Writes the corpus: three TypeScript servers for every JavaScript one, 20 files a folder. */
function corpus(directory, size, prefix) {
  const paths = [];
  for (let i = 0; i < size; i++) {
    const folder = join(directory, `${prefix}-${Math.floor(i / 20)}`);
    mkdirSync(folder, { recursive: true });
    const lines = 50 + ((i * 37) % 350);
    const path = i % 4 === 3 ? join(folder, `server-${i}.js`) : join(folder, `server-${i}.ts`);
    writeFileSync(path, i % 4 === 3 ? javascriptServer(lines) : wholeTypescriptServer(lines));
    paths.push(path);
  }
  return paths;
}

const directory = mkdtempSync(join(tmpdir(), 'mcp-warden-peer-'));
try {
  const warmUp = corpus(directory, WARM_UP_FILES, 'warm-up');
  const files = corpus(directory, count, 'project');
  const bytes = files.reduce((sum, path) => sum + readFileSync(path).length, 0);

  const eslint = new ESLint({
    cwd: directory,
    // One thread, like MCP Warden's analyzer: the ratio then compares the linters, not the cores.
    concurrency: 'off',
    overrideConfigFile: true,
    overrideConfig: [
      // The parser alone: without parserOptions.project there is no type information to build.
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser, sourceType: 'module' } },
      { files: ['**/*.js'], languageOptions: { sourceType: 'module' } },
      security.configs.recommended,
    ],
  });
  const lintWithEslint = async (paths) => {
    const results = await eslint.lintFiles(paths);
    const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal).map((message) => `${result.filePath}: ${message.message}`));
    // A file ESLint cannot parse would be linted for free; the comparison would be meaningless.
    if (fatal.length > 0) throw new Error(`ESLint could not parse ${fatal.length} files, e.g. ${fatal[0]}`);
    if (results.length !== paths.length) throw new Error(`ESLint linted ${results.length} of ${paths.length} files`);
    return results.flatMap((result) => result.messages.map((message) => message.ruleId));
  };

  const analyzer = await Analyzer.create(nodeTreeSitterAssets(dirname(require.resolve('@vscode/tree-sitter-wasm'))), allRules);
  const lintWithWarden = async (paths) => {
    const ruleIds = [];
    for (const path of paths) {
      const text = await readFile(path, 'utf8');
      for (const finding of (await analyzer.analyze({ path, text })).findings) ruleIds.push(finding.ruleId);
    }
    return ruleIds;
  };

  async function timed(run) {
    const started = performance.now();
    const ruleIds = await run();
    const seconds = (performance.now() - started) / 1000;
    const byRule = {};
    for (const ruleId of ruleIds.sort()) byRule[ruleId] = (byRule[ruleId] ?? 0) + 1;
    return { seconds, findings: ruleIds.length, byRule };
  }

  try {
    await lintWithEslint(warmUp);
    await lintWithWarden(warmUp);
    const eslintRun = await timed(() => lintWithEslint(files));
    const wardenRun = await timed(() => lintWithWarden(files));
    const row = {
      files: count,
      megabytes: bytes / 1048576,
      eslint: { seconds: eslintRun.seconds, filesPerSecond: count / eslintRun.seconds, findings: eslintRun.findings, findingsByRule: eslintRun.byRule, version: ESLint.version, securityPluginVersion: security.meta.version },
      mcpWarden: { seconds: wardenRun.seconds, filesPerSecond: count / wardenRun.seconds, findings: wardenRun.findings, findingsByRule: wardenRun.byRule, rules: allRules.length },
      ratio: wardenRun.seconds / eslintRun.seconds,
    };
    console.log(`Peer comparison on ${count} generated TypeScript/JavaScript MCP servers, ${row.megabytes.toFixed(1)} MB, in-process after warm-up (Node ${process.version})\n`);
    console.log('| Linter | Files | Time | Files/s | Findings |');
    console.log('|---|---|---|---|---|');
    console.log(`| ESLint ${ESLint.version} + eslint-plugin-security ${security.meta.version} | ${count} | ${row.eslint.seconds.toFixed(2)} s | ${row.eslint.filesPerSecond.toFixed(0)} | ${row.eslint.findings} |`);
    console.log(`| MCP Warden (${allRules.length} rules) | ${count} | ${row.mcpWarden.seconds.toFixed(2)} s | ${row.mcpWarden.filesPerSecond.toFixed(0)} | ${row.mcpWarden.findings} |`);
    console.log(`\nMCP Warden time / ESLint time: ${row.ratio.toFixed(2)}`);
    writeResult(jsonOut, row);
  } finally {
    analyzer.dispose();
  }
} finally {
  rmSync(directory, { recursive: true, force: true });
}
