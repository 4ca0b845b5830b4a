import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { runCli } from '../../server/src/cli/run-cli';
import { allRules } from '../../server/src/rules';
import { TEST_ASSETS } from '../helpers/analyzer';
import { DIST_DIRECTORY, REPOSITORY_ROOT } from '../helpers/paths';
import { GITHUB_SARIF_SCHEMA, type SarifLog, type SarifResult } from './sarif-schema';

// ---------------------------------------------------------------------------------------------
// Inputs whose findings the rules' fixtures establish.

const TLS_RULE = 'no-disabled-tls-verification';
const SECRET_RULE = 'no-plaintext-secret-in-config';
const HIDDEN_RULE = 'no-hidden-unicode-in-description';

/** One `no-disabled-tls-verification` warning, on line 5. */
const TLS_TS = ["import https from 'node:https';", '', 'export const agent = new https.Agent({', '  keepAlive: true,', '  rejectUnauthorized: false,', '});', ''].join('\n');
const TLS_NEEDLE = 'rejectUnauthorized: false';

/** One `no-disabled-tls-verification` warning in Python. */
const TLS_PY = ['import requests', '', '', 'def fetch(url):', '    return requests.get(url, verify=False)', ''].join('\n');

const GITHUB_TOKEN = 'ghp_R8uT4bW1qZk9sLx2VnC7mPd3Hy6Ja0Fe5Gio';
/** One `no-plaintext-secret-in-config` error, on the token. */
const SECRET_CONFIG = [
  '{',
  '  "servers": {',
  '    "github": {',
  '      "command": "npx",',
  '      "args": ["-y", "@modelcontextprotocol/server-github@2025.4.8"],',
  `      "env": { "GITHUB_PERSONAL_ACCESS_TOKEN": "${GITHUB_TOKEN}" }`,
  '    }',
  '  }',
  '}',
  '',
].join('\n');

/** "ignore" in Unicode tag characters: invisible, two UTF-16 code units each. */
const HIDDEN_TAGS = [...'ignore'].map((letter) => String.fromCodePoint(0xe0000 + letter.charCodeAt(0))).join('');
/** One `no-hidden-unicode-in-description` error, on the description of line 4 (its tag characters are invisible). */
const HIDDEN_TS = [
  "import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';",
  '',
  "const server = new McpServer({ name: 'calc', version: '1.0.0' });",
  `server.tool('add', 'Adds two numbers.${HIDDEN_TAGS}', async () => ({ content: [] }));`,
  '',
].join('\n');

const CLEAN_TS = "export const agent = { rejectUnauthorized: true };\n";

// ---------------------------------------------------------------------------------------------
// Helpers.

type Files = Record<string, string | Buffer>;

/** Creates a temporary folder with the given files (paths `/`-separated), runs `body`, removes the folder. */
async function withWorkspace<T>(files: Files, body: (root: string) => Promise<T> | T): Promise<T> {
  const root = mkdtempSync(join(tmpdir(), 'mcp-warden-cli-'));
  try {
    for (const [path, content] of Object.entries(files)) {
      const absolute = join(root, ...path.split('/'));
      mkdirSync(dirname(absolute), { recursive: true });
      writeFileSync(absolute, content);
    }
    return await body(root);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(cwd: string, argv: readonly string[], options: { color?: boolean } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    argv,
    { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), cwd, color: options.color ?? false },
    { rules: allRules, assets: TEST_ASSETS },
  );
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  fixes: Array<{ title: string; kind: string }>;
}

interface JsonNotice {
  file: string;
  kind: string;
  message: string;
  line?: number;
}

interface JsonReport {
  tool: { name: string; version: string };
  filesScanned: number;
  findings: JsonFinding[];
  notices: JsonNotice[];
}

function parseJsonReport(text: string): JsonReport {
  assert.ok(text.trim().startsWith('{'), `expected a JSON report, got: ${text.slice(0, 200)}`);
  return JSON.parse(text) as JsonReport;
}

async function scanJson(cwd: string, argv: readonly string[] = []): Promise<CliRun & { report: JsonReport }> {
  const run = await cli(cwd, ['scan', '--format', 'json', ...argv]);
  assert.notEqual(run.code, 2, `usage/internal error: ${run.stderr}`);
  return { ...run, report: parseJsonReport(run.stdout) };
}

/** 1-based position of `needle` in `text`, counted the way the CLI documents: lines split at \n, \r\n or \r; columns in UTF-16 code units. */
function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number; endLine: number; endColumn: number } {
  let index = -1;
  for (let found = 0; found < occurrence; found++) {
    index = text.indexOf(needle, index + 1);
    assert.ok(index >= 0, `test bug: '${needle}' occurs fewer than ${occurrence} times`);
  }
  const at = (offset: number) => {
    const lines = text.slice(0, offset).split(/\r\n|\r|\n/);
    return { line: lines.length, column: lines[lines.length - 1]!.length + 1 };
  };
  const start = at(index);
  const end = at(index + needle.length);
  return { line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
}

function locationOf(finding: JsonFinding) {
  return { line: finding.line, column: finding.column, endLine: finding.endLine, endColumn: finding.endColumn };
}

function filesWithFindings(report: JsonReport): string[] {
  return [...new Set(report.findings.map((finding) => finding.file))].sort();
}

const ESCAPE = '\x1b';

function assertNoAnsi(text: string, what: string): void {
  assert.ok(!text.includes(ESCAPE), `${what} contains ANSI escapes: ${JSON.stringify(text.slice(0, 300))}`);
}

// ---------------------------------------------------------------------------------------------

void describe('mcp-warden CLI: exit codes', () => {
  void it('exits 0 with no findings', async () => {
    await withWorkspace({ 'src/agent.ts': CLEAN_TS }, async (root) => {
      const run = await cli(root, ['scan']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(run.stderr, '');
    });
  });

  void it('exits 1 on an error finding with the default --fail-on (error)', async () => {
    await withWorkspace({ '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      assert.equal((await cli(root, ['scan'])).code, 1);
    });
  });

  void it('exits 0 on a warning with the default --fail-on and with --fail-on error', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const byDefault = await cli(root, ['scan']);
      assert.match(byDefault.stdout, /warning/, 'the warning is reported');
      assert.equal(byDefault.code, 0);
      assert.equal((await cli(root, ['scan', '--fail-on', 'error'])).code, 0);
    });
  });

  void it('exits 1 on a warning with --fail-on warning, info or hint', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      for (const level of ['warning', 'info', 'hint']) {
        assert.equal((await cli(root, ['scan', '--fail-on', level])).code, 1, `--fail-on ${level}`);
      }
      assert.equal((await cli(root, ['scan', '--fail-on=warning'])).code, 1, '--fail-on=warning');
    });
  });

  void it('exits 0 with --fail-on never even on errors, and still reports them', async () => {
    await withWorkspace({ '.vscode/mcp.json': SECRET_CONFIG, 'src/agent.ts': TLS_TS }, async (root) => {
      const run = await cli(root, ['scan', '--fail-on', 'never', '--format', 'json']);
      assert.equal(run.code, 0);
      assert.deepEqual(parseJsonReport(run.stdout).findings.map((finding) => finding.severity).sort(), ['error', 'warning']);
    });
  });

  const usageErrors: Array<{ name: string; argv: string[]; stderr: RegExp }> = [
    { name: 'an unknown flag', argv: ['scan', '--frobnicate'], stderr: /--frobnicate/ },
    { name: 'an unknown command', argv: ['lint', '.'], stderr: /unknown command 'lint'/ },
    { name: 'a missing command', argv: [], stderr: /missing command/ },
    { name: 'options without a command', argv: ['--format', 'json'], stderr: /missing command/ },
    { name: 'a bad --format', argv: ['scan', '--format', 'xml'], stderr: /--format.*'xml'/ },
    { name: '--format without a value', argv: ['scan', '--format'], stderr: /--format/ },
    { name: 'a bad --fail-on', argv: ['scan', '--fail-on', 'fatal'], stderr: /--fail-on.*'fatal'/ },
    { name: '--rule without =', argv: ['scan', '--rule', TLS_RULE], stderr: new RegExp(`--rule.*'${TLS_RULE}'`) },
    { name: '--rule without an id', argv: ['scan', '--rule', '=error'], stderr: /--rule.*'=error'/ },
    { name: '--rule with an unknown level', argv: ['scan', '--rule', `${TLS_RULE}=loud`], stderr: /--rule.*loud/ },
    { name: '--rule with an empty level', argv: ['scan', '--rule', `${TLS_RULE}=`], stderr: /--rule/ },
    { name: 'a non-numeric --max-file-size', argv: ['scan', '--max-file-size', 'big'], stderr: /--max-file-size/ },
    { name: 'a zero --max-file-size', argv: ['scan', '--max-file-size', '0'], stderr: /--max-file-size/ },
    { name: 'a negative --max-file-size', argv: ['scan', '--max-file-size=-5'], stderr: /--max-file-size/ },
    { name: 'an infinite --max-file-size', argv: ['scan', '--max-file-size', 'Infinity'], stderr: /--max-file-size/ },
    { name: 'a --format the rules command does not support', argv: ['rules', '--format', 'sarif'], stderr: /--format.*'sarif'/ },
  ];
  for (const { name, argv, stderr } of usageErrors) {
    void it(`exits 2 on ${name}, with a message on stderr and nothing on stdout`, async () => {
      await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
        const run = await cli(root, argv);
        assert.equal(run.code, 2, `argv ${JSON.stringify(argv)}: stderr ${run.stderr}`);
        assert.match(run.stderr, /^mcp-warden: /);
        assert.match(run.stderr, stderr);
        assert.doesNotMatch(run.stderr, /internal error/);
        assert.equal(run.stdout, '');
      });
    });
  }

  void it('exits 2 on a path that does not exist, naming that path (and only that one)', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const run = await cli(root, ['scan', 'src', 'no-such-folder/server.ts']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^mcp-warden: no such file or directory: no-such-folder\/server\.ts$/m);
      assert.equal(run.stdout, '', 'no report is written when a path is missing');
    });
  });

  void it('prints help and the version with exit 0', async () => {
    await withWorkspace({}, async (root) => {
      const help = await cli(root, ['--help']);
      assert.equal(help.code, 0);
      assert.match(help.stdout, /^Usage: mcp-warden <command>/);
      for (const flag of ['--format', '--fail-on', '--include', '--exclude', '--rule', '--max-file-size', '--ignore-file', '--no-ignore-file', '--output']) {
        assert.ok(help.stdout.includes(flag), `help mentions ${flag}`);
      }
      const version = await cli(root, ['--version']);
      assert.equal(version.code, 0);
      const manifest = JSON.parse(readFileSync(join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as { version: string };
      assert.equal(version.stdout.trim(), manifest.version);
    });
  });
});

void describe('mcp-warden CLI: --timing', () => {
  void it('prints parsing time and the slowest rules to standard error, keeping the report on standard output intact', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, 'src/fetch.py': TLS_PY }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--fail-on', 'never', '--timing']);
      assert.equal(run.code, 0, run.stderr);
      assert.equal(parseJsonReport(run.stdout).findings.filter((finding) => finding.ruleId === TLS_RULE).length, 2);
      const lines = run.stderr.trimEnd().split('\n');
      assert.match(lines[0]!, /^Parsing: \d+\.\d ms; rules: \d+\.\d ms \(\d+\.\d\d × parsing\)$/);
      assert.match(lines[1]!, /^Rule +\| Time \(ms\) \| Relative$/);
      const rows = lines.slice(3).map((line) => line.split('|').map((cell) => cell.trim()));
      assert.equal(rows.length, 10);
      const known = new Set([...allRules.map((rule) => rule.meta.id), 'tool-metadata extraction']);
      for (const [rule, ms, share] of rows) {
        assert.ok(known.has(rule!), `unknown rule ${rule}`);
        assert.match(ms!, /^\d+\.\d$/);
        assert.match(share!, /^\d+\.\d%$/);
      }
      const times = rows.map(([, ms]) => Number(ms));
      assert.deepEqual(times, [...times].sort((a, b) => b - a), 'slowest first');
    });
  });

  void it('prints nothing about timing without the flag', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--fail-on', 'never']);
      assert.equal(run.stderr, '');
    });
  });
});

void describe('mcp-warden CLI: finding files', () => {
  const tree: Files = {
    'src/agent.ts': TLS_TS,
    'tools/fetch.py': TLS_PY,
    '.vscode/mcp.json': SECRET_CONFIG,
    'node_modules/pkg/index.ts': TLS_TS,
    'packages/app/node_modules/dep/index.js': TLS_TS,
    '.git/hooks/post-checkout.ts': TLS_TS,
    'dist/agent.ts': TLS_TS,
    'build/agent.ts': TLS_TS,
    '.venv/lib/site.py': TLS_PY,
    'venv/lib/site.py': TLS_PY,
    'python-env/pyvenv.cfg': 'home = /usr/bin\n',
    'python-env/lib/site.py': TLS_PY,
    'types/agent.d.ts': TLS_TS,
    'notes/agent.txt': TLS_TS,
  };

  void it('finds .ts, .py and .vscode/mcp.json files and skips dependencies, VCS data, build output and virtualenvs', async () => {
    await withWorkspace(tree, async (root) => {
      const { report, code } = await scanJson(root);
      assert.deepEqual(filesWithFindings(report), ['.vscode/mcp.json', 'src/agent.ts', 'tools/fetch.py']);
      assert.equal(report.filesScanned, 3);
      assert.equal(code, 1);
    });
  });

  void it('scans the current folder by default, and a folder given as a path the same way', async () => {
    await withWorkspace(tree, async (root) => {
      const byDefault = await scanJson(root);
      const explicit = await scanJson(root, ['.']);
      const absolute = await scanJson(root, [root]);
      assert.deepEqual(explicit.report, byDefault.report);
      assert.deepEqual(absolute.report, byDefault.report);
    });
  });

  void it('scans only the folders given, with paths still relative to the current folder', async () => {
    await withWorkspace(tree, async (root) => {
      const { report } = await scanJson(root, ['tools']);
      assert.deepEqual(filesWithFindings(report), ['tools/fetch.py']);
      const nested = await scanJson(join(root, 'src'), ['.', '../tools']);
      assert.deepEqual(filesWithFindings(nested.report), ['../tools/fetch.py', 'agent.ts']);
    });
  });

  void it('honours --exclude globs (repeatable), for files and for folders', async () => {
    await withWorkspace(tree, async (root) => {
      const { report } = await scanJson(root, ['--exclude', 'tools/**']);
      assert.deepEqual(filesWithFindings(report), ['.vscode/mcp.json', 'src/agent.ts']);
      const twice = await scanJson(root, ['--exclude', '**/*.py', '--exclude', '**/mcp.json']);
      assert.deepEqual(filesWithFindings(twice.report), ['src/agent.ts']);
      const folder = await scanJson(root, ['--exclude', 'src']);
      assert.deepEqual(filesWithFindings(folder.report), ['.vscode/mcp.json', 'tools/fetch.py']);
    });
  });

  void it('honours --include globs and never includes what the defaults skip', async () => {
    await withWorkspace(tree, async (root) => {
      const { report } = await scanJson(root, ['--include', '**/*.py']);
      assert.deepEqual(filesWithFindings(report), ['tools/fetch.py']);
      assert.equal(report.filesScanned, 1);
      const two = await scanJson(root, ['--include', 'src/**', '--include', '.vscode/*']);
      assert.deepEqual(filesWithFindings(two.report), ['.vscode/mcp.json', 'src/agent.ts']);
      const both = await scanJson(root, ['--include', '**/*.ts', '--exclude', 'src/**']);
      assert.deepEqual(both.report.findings, [], 'exclusion wins over inclusion; node_modules/dist/build stay skipped');
    });
  });

  void it('scans an explicitly named file, once, even when its folder is also given', async () => {
    await withWorkspace(tree, async (root) => {
      const { report, code } = await scanJson(root, ['src/agent.ts']);
      assert.equal(code, 0, 'only a warning');
      assert.equal(report.filesScanned, 1);
      assert.deepEqual(report.findings.map((finding) => [finding.file, finding.ruleId]), [['src/agent.ts', TLS_RULE]]);
      const overlapping = await scanJson(root, ['src', 'src/agent.ts', './src/agent.ts']);
      assert.equal(overlapping.report.filesScanned, 1);
      assert.equal(overlapping.report.findings.length, 1);
    });
  });

  void it('scans an explicitly named file in a folder the walk skips (out/)', async () => {
    await withWorkspace({ 'out/generated.ts': TLS_TS }, async (root) => {
      assert.deepEqual((await scanJson(root)).report.findings, [], 'the walk skips out/');
      const { report } = await scanJson(root, ['out/generated.ts']);
      assert.deepEqual(filesWithFindings(report), ['out/generated.ts']);
    });
  });

  void it('scans a named file inside a folder skipped by default, unless the user excludes it', async () => {
    await withWorkspace({ 'node_modules/x/index.ts': TLS_TS }, async (root) => {
      assert.deepEqual(filesWithFindings((await scanJson(root, ['node_modules/x/index.ts'])).report), ['node_modules/x/index.ts']);
      assert.deepEqual((await scanJson(root, ['node_modules/x/index.ts', '--exclude', 'node_modules/**'])).report.findings, []);
    });
  });

  void it('reports a folder that holds nothing to scan as clean', async () => {
    await withWorkspace({ 'README.md': '# nothing\n', 'node_modules/x/index.ts': TLS_TS }, async (root) => {
      const run = await cli(root, ['scan']);
      assert.equal(run.code, 0);
      assert.match(run.stdout, /No problems found in 0 files\./);
    });
  });

  void it(
    'follows an explicitly named symlink to a folder',
    {
      skip: process.platform === 'win32' ? 'symlinks need privileges on Windows' : false,
    },
    async () => {
      await withWorkspace({ 'real/.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
        symlinkSync(join(root, 'real'), join(root, 'linked'), 'dir');
        const run = await cli(root, ['scan', 'linked', '--format', 'json']);
        assert.equal(run.code, 1, `stderr: ${run.stderr}`);
        assert.deepEqual(filesWithFindings(parseJsonReport(run.stdout)), ['linked/.vscode/mcp.json']);
      });
    },
  );
});

void describe('mcp-warden CLI: JSON output', () => {
  void it('reports a TLS finding with its exact rule, severity, relative file and 1-based range', async () => {
    await withWorkspace({ 'src/net/agent.ts': TLS_TS }, async (root) => {
      const { report } = await scanJson(root);
      assert.equal(report.tool.name, 'mcp-warden');
      assert.equal(report.filesScanned, 1);
      assert.equal(report.findings.length, 1);
      const [finding] = report.findings;
      assert.ok(finding);
      assert.equal(finding.ruleId, TLS_RULE);
      assert.equal(finding.severity, 'warning');
      assert.equal(finding.file, 'src/net/agent.ts');
      assert.ok(finding.message.length > 20 && finding.message.includes('rejectUnauthorized'), finding.message);
      assert.deepEqual(locationOf(finding), positionOf(TLS_TS, TLS_NEEDLE));
      assert.deepEqual(locationOf(finding), { line: 5, column: 3, endLine: 5, endColumn: 28 }, 'sanity check of positionOf');
      assert.deepEqual(report.notices, []);
    });
  });

  void it('reports a plaintext secret at the token, as an error, with exit 1', async () => {
    await withWorkspace({ '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const { report, code } = await scanJson(root);
      assert.equal(code, 1);
      assert.deepEqual(
        report.findings.map((finding) => ({ ruleId: finding.ruleId, severity: finding.severity, file: finding.file, ...locationOf(finding) })),
        [{ ruleId: SECRET_RULE, severity: 'error', file: '.vscode/mcp.json', ...positionOf(SECRET_CONFIG, GITHUB_TOKEN) }],
      );
    });
  });

  void it('reports hidden Unicode tag characters in a tool description, with UTF-16 columns', async () => {
    await withWorkspace({ 'server.ts': HIDDEN_TS }, async (root) => {
      const { report, code } = await scanJson(root);
      assert.equal(code, 1);
      assert.equal(report.findings.length, 1);
      const [finding] = report.findings;
      assert.ok(finding);
      assert.equal(finding.ruleId, HIDDEN_RULE);
      assert.equal(finding.severity, 'error');
      // Raw hidden characters render with no width, so the whole literal is underlined.
      const literal = `'Adds two numbers.${HIDDEN_TAGS}'`;
      assert.deepEqual(locationOf(finding), positionOf(HIDDEN_TS, literal));
      assert.equal(finding.endColumn - finding.column, 'Adds two numbers.'.length + 2 + 12, 'six tag characters are twelve UTF-16 code units');
      assert.ok(finding.message.includes('ignore'), `the message reveals the hidden text: ${finding.message}`);
    });
  });

  void it('counts columns in UTF-16 code units after astral characters on the same line', async () => {
    const text = "const lock = '🔒🔒'; export const agent = { rejectUnauthorized: false };\n";
    await withWorkspace({ 'agent.ts': text }, async (root) => {
      const { report } = await scanJson(root);
      assert.equal(report.findings.length, 1);
      assert.deepEqual(locationOf(report.findings[0]!), positionOf(text, TLS_NEEDLE));
    });
  });

  void it('counts lines correctly in CRLF files', async () => {
    const text = TLS_TS.replace(/\n/g, '\r\n');
    await withWorkspace({ 'agent.ts': text }, async (root) => {
      const { report } = await scanJson(root);
      assert.equal(report.findings.length, 1);
      assert.deepEqual(locationOf(report.findings[0]!), { line: 5, column: 3, endLine: 5, endColumn: 28 });
    });
  });

  void it('lists findings of several files, each with /-separated relative paths', async () => {
    await withWorkspace({ 'a/b/c/agent.ts': TLS_TS, 'tools/fetch.py': TLS_PY, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const { report } = await scanJson(root, ['--fail-on', 'never']);
      assert.deepEqual(
        report.findings.map((finding) => `${finding.file}:${finding.ruleId}`).sort(),
        ['.vscode/mcp.json:no-plaintext-secret-in-config', 'a/b/c/agent.ts:no-disabled-tls-verification', 'tools/fetch.py:no-disabled-tls-verification'],
      );
      for (const finding of report.findings) assert.ok(!finding.file.includes('\\') && !finding.file.startsWith('/'), finding.file);
      const python = report.findings.find((finding) => finding.file === 'tools/fetch.py');
      assert.ok(python);
      assert.deepEqual(locationOf(python), positionOf(TLS_PY, 'verify=False'));
    });
  });
});

void describe('mcp-warden CLI: SARIF output', () => {
  const ajv = new Ajv({ allErrors: true, strict: true });
  const validate = ajv.compile(GITHUB_SARIF_SCHEMA);
  const assertValid = (log: unknown) => {
    const valid = validate(log);
    assert.ok(valid, `SARIF does not match the GitHub subset: ${ajv.errorsText(validate.errors, { separator: '\n' })}`);
  };

  const workspace: Files = { 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG, 'src/server.ts': HIDDEN_TS };

  async function scanSarif(root: string, argv: readonly string[] = []): Promise<CliRun & { log: SarifLog }> {
    const run = await cli(root, ['scan', '--format', 'sarif', ...argv]);
    assert.notEqual(run.code, 2, run.stderr);
    return { ...run, log: JSON.parse(run.stdout) as SarifLog };
  }

  const resultFor = (log: SarifLog, ruleId: string): SarifResult => {
    const found = log.runs[0]!.results.filter((result) => result.ruleId === ruleId);
    assert.equal(found.length, 1, `results for ${ruleId}`);
    return found[0]!;
  };

  void it('validates against the GitHub code scanning subset of SARIF 2.1.0', async () => {
    await withWorkspace(workspace, async (root) => {
      const { log, code } = await scanSarif(root);
      assert.equal(code, 1);
      assertValid(log);
      assert.equal(log.version, '2.1.0');
      assert.equal(log.runs.length, 1);
      assert.equal(log.runs[0]!.results.length, 3);
    });
  });

  void it('the schema is not vacuous: it rejects the defects GitHub rejects', async () => {
    await withWorkspace(workspace, async (root) => {
      const { stdout } = await scanSarif(root);
      assertValid(JSON.parse(stdout));
      const mutations: Array<[string, (log: SarifLog) => void]> = [
        ['wrong version', (log) => (log.version = '2.0.0')],
        ['absolute uri', (log) => (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = '/src/agent.ts')],
        ['file: uri', (log) => (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.artifactLocation.uri = 'file:///src/agent.ts')],
        ['startLine 0', (log) => (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startLine = 0)],
        ['startColumn 0', (log) => (log.runs[0]!.results[0]!.locations[0]!.physicalLocation.region.startColumn = 0)],
        ['level info', (log) => (log.runs[0]!.results[0]!.level = 'info')],
        ['non-numeric security-severity', (log) => (log.runs[0]!.tool.driver.rules[0]!.properties['security-severity'] = 'high')],
        ['no partialFingerprints', (log) => (log.runs[0]!.results[0]!.partialFingerprints = {})],
        ['http helpUri', (log) => ((log.runs[0]!.tool.driver.rules[0] as unknown as { helpUri: string }).helpUri = 'http://example.com')],
      ];
      for (const [name, mutate] of mutations) {
        const log = JSON.parse(stdout) as SarifLog;
        mutate(log);
        assert.equal(validate(log), false, `the schema accepts SARIF with ${name}`);
      }
    });
  });

  void it('lists every rule, and each result points at its rule by ruleIndex', async () => {
    await withWorkspace(workspace, async (root) => {
      const { log } = await scanSarif(root);
      const run = log.runs[0]!;
      assert.deepEqual(
        run.tool.driver.rules.map((rule) => rule.id),
        allRules.map((rule) => rule.meta.id),
      );
      for (const result of run.results) {
        assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId, `ruleIndex of ${result.ruleId}`);
      }
      assert.deepEqual(run.results.map((result) => result.ruleId).sort(), [TLS_RULE, SECRET_RULE, HIDDEN_RULE].sort());
      const levels = Object.fromEntries(run.tool.driver.rules.map((rule) => [rule.id, rule.defaultConfiguration.level]));
      const sarifLevel = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;
      assert.deepEqual(levels, Object.fromEntries(allRules.map((rule) => [rule.meta.id, sarifLevel[rule.meta.defaultSeverity]])));
      assert.deepEqual([levels[TLS_RULE], levels[SECRET_RULE], levels[HIDDEN_RULE]], ['warning', 'error', 'error']);
    });
  });

  void it('places a known finding exactly: level, relative uri, 1-based region', async () => {
    await withWorkspace(workspace, async (root) => {
      const { log } = await scanSarif(root);
      const tls = resultFor(log, TLS_RULE);
      assert.equal(tls.level, 'warning');
      assert.ok(tls.message.text.includes('rejectUnauthorized'));
      const { artifactLocation, region } = tls.locations[0]!.physicalLocation;
      assert.deepEqual(artifactLocation, { uri: 'src/agent.ts', uriBaseId: '%SRCROOT%' });
      const expected = positionOf(TLS_TS, TLS_NEEDLE);
      assert.deepEqual(region, { startLine: expected.line, startColumn: expected.column, endLine: expected.endLine, endColumn: expected.endColumn });

      const secret = resultFor(log, SECRET_RULE);
      assert.equal(secret.level, 'error');
      assert.equal(secret.locations[0]!.physicalLocation.artifactLocation.uri, '.vscode/mcp.json');
      assert.equal(secret.locations[0]!.physicalLocation.region.startLine, positionOf(SECRET_CONFIG, GITHUB_TOKEN).line);
    });
  });

  void it('resolves each result uri against %SRCROOT% to the scanned file', async () => {
    await withWorkspace(workspace, async (root) => {
      const { log } = await scanSarif(root);
      const base = log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri;
      assert.ok(base, 'originalUriBaseIds declares %SRCROOT%');
      for (const result of log.runs[0]!.results) {
        const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
        const path = fileURLToPath(new URL(uri, base));
        assert.ok(existsSync(path), `${uri} resolves to ${path}, which does not exist`);
      }
    });
  });

  void it(
    'keeps uris resolvable for file names with spaces and #',
    async () => {
      await withWorkspace({ 'src/weird #1.ts': TLS_TS }, async (root) => {
        const { log } = await scanSarif(root);
        const result = resultFor(log, TLS_RULE);
        const base = log.runs[0]!.originalUriBaseIds?.['%SRCROOT%']?.uri ?? '';
        const uri = result.locations[0]!.physicalLocation.artifactLocation.uri;
        assert.equal(fileURLToPath(new URL(uri, base)), join(root, 'src', 'weird #1.ts'), `uri ${uri}`);
        assertValid(log);
      });
    },
  );

  void it('gives each result a fingerprint that is unique and survives lines moving', async () => {
    const twice = `${TLS_TS}export const other = new https.Agent({\n  rejectUnauthorized: false,\n});\n`;
    await withWorkspace({ 'src/agent.ts': twice }, async (root) => {
      const before = (await scanSarif(root)).log.runs[0]!.results;
      assert.equal(before.length, 2);
      const fingerprints = before.map((result) => JSON.stringify(result.partialFingerprints));
      assert.notEqual(fingerprints[0], fingerprints[1], 'two findings on identical lines get different fingerprints');

      writeFileSync(join(root, 'src', 'agent.ts'), `// a new header comment\n\n${twice}`);
      const after = (await scanSarif(root)).log.runs[0]!.results;
      assert.deepEqual(
        after.map((result) => result.locations[0]!.physicalLocation.region.startLine),
        before.map((result) => result.locations[0]!.physicalLocation.region.startLine + 2),
        'the findings moved down two lines',
      );
      assert.deepEqual(after.map((result) => JSON.stringify(result.partialFingerprints)), fingerprints);
    });
  });

  void it('is valid with no results, still listing the rules', async () => {
    await withWorkspace({ 'src/agent.ts': CLEAN_TS }, async (root) => {
      const { log, code } = await scanSarif(root);
      assert.equal(code, 0);
      assertValid(log);
      assert.deepEqual(log.runs[0]!.results, []);
      assert.equal(log.runs[0]!.tool.driver.rules.length, allRules.length);
    });
  });

  void it('records skipped files as tool notifications, not results', async () => {
    await withWorkspace({ 'src/blob.ts': Buffer.from(`${TLS_TS}\0\0`), 'src/agent.ts': TLS_TS }, async (root) => {
      const { log } = await scanSarif(root);
      assertValid(log);
      assert.deepEqual(log.runs[0]!.results.map((result) => result.locations[0]!.physicalLocation.artifactLocation.uri), ['src/agent.ts']);
      const notifications = log.runs[0]!.invocations?.[0]?.toolExecutionNotifications ?? [];
      assert.deepEqual(
        notifications.map((notification) => notification.locations?.[0]?.physicalLocation.artifactLocation.uri),
        ['src/blob.ts'],
      );
      assert.match(notifications[0]!.message.text, /binary/);
    });
  });
});

void describe('mcp-warden CLI: secrets never reach the report', () => {
  for (const format of ['text', 'json', 'sarif']) {
    void it(`${format}: no finding message (nor any other output) contains the token`, async () => {
      await withWorkspace({ '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
        const run = await cli(root, ['scan', '--format', format]);
        assert.equal(run.code, 1);
        assert.match(run.stdout, new RegExp(SECRET_RULE), 'the secret is reported');
        assert.ok(!run.stdout.includes(GITHUB_TOKEN), 'stdout contains the token');
        assert.ok(!run.stdout.includes(GITHUB_TOKEN.slice(4)), 'stdout contains the token without its prefix');
        assert.ok(!run.stderr.includes(GITHUB_TOKEN), 'stderr contains the token');
      });
    });
  }
});

void describe('mcp-warden CLI: text output', () => {
  void it('shows the file, line:col, severity, message, rule id and a summary, without ANSI escapes', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const run = await cli(root, ['scan'], { color: false });
      assert.equal(run.code, 1);
      assertNoAnsi(run.stdout, 'stdout');
      const lines = run.stdout.split('\n');
      assert.ok(lines.includes('src/agent.ts'), 'a header line with the relative file name');
      assert.ok(lines.includes('.vscode/mcp.json'));
      const tls = lines.find((line) => line.endsWith(TLS_RULE));
      assert.ok(tls, `a line ending with ${TLS_RULE}`);
      const { line, column } = positionOf(TLS_TS, TLS_NEEDLE);
      assert.match(tls, new RegExp(`^\\s+${line}:${column}\\s+warning\\s+\\S.*rejectUnauthorized.*\\s${TLS_RULE}$`));
      const secret = lines.find((text) => text.endsWith(SECRET_RULE));
      assert.ok(secret);
      const token = positionOf(SECRET_CONFIG, GITHUB_TOKEN);
      assert.match(secret, new RegExp(`^\\s+${token.line}:${token.column}\\s+error\\s`));
      assert.ok(lines.includes('✖ 2 problems (1 error, 1 warning) in 2 files'), run.stdout);
    });
  });

  void it('uses colour only when asked to', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const colored = await cli(root, ['scan'], { color: true });
      assert.ok(colored.stdout.includes(`${ESCAPE}[`), 'colour output has ANSI escapes');
      const plain = await cli(root, ['scan'], { color: false });
      assertNoAnsi(plain.stdout, 'stdout');
      assert.equal(colored.stdout.replace(new RegExp(`${ESCAPE}\\[[0-9;]*m`, 'g'), ''), plain.stdout, 'same text apart from the escapes');
    });
  });

  void it('says so when nothing is found, counting the files', async () => {
    await withWorkspace({ 'a.ts': CLEAN_TS, 'b.py': 'print("hello")\n' }, async (root) => {
      const run = await cli(root, ['scan']);
      assert.equal(run.code, 0);
      assert.equal(run.stdout, 'No problems found in 2 files.\n');
    });
  });
});

void describe('mcp-warden CLI: --rule overrides', () => {
  void it('--rule <id>=error turns a warning into a failing error', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--rule', `${TLS_RULE}=error`]);
      assert.equal(run.code, 1);
      assert.deepEqual(parseJsonReport(run.stdout).findings.map((finding) => finding.severity), ['error']);
    });
  });

  void it('--rule <id>=off removes the rule, even with --fail-on warning', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, 'src/server.ts': HIDDEN_TS }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--fail-on', 'warning', '--rule', `${TLS_RULE}=off`]);
      assert.deepEqual(parseJsonReport(run.stdout).findings.map((finding) => finding.ruleId), [HIDDEN_RULE], 'other rules still run');
      const both = await cli(root, ['scan', '--fail-on', 'warning', '--rule', `${TLS_RULE}=off`, '--rule', `${HIDDEN_RULE}=off`]);
      assert.equal(both.code, 0);
      assert.match(both.stdout, /No problems found in 2 files/);
    });
  });

  void it('--rule accepts globs and the last matching override wins', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const allOff = await scanJson(root, ['--rule', 'no-*=off']);
      assert.deepEqual(allOff.report.findings, []);
      assert.equal(allOff.code, 0);
      const reEnabled = await scanJson(root, ['--rule', 'no-*=off', '--rule', `${SECRET_RULE}=default`]);
      assert.deepEqual(reEnabled.report.findings.map((finding) => [finding.ruleId, finding.severity]), [[SECRET_RULE, 'error']]);
      const downgraded = await scanJson(root, ['--rule', `${SECRET_RULE}=warning`]);
      assert.equal(downgraded.code, 0, 'no error left at the default --fail-on');
    });
  });
});

void describe('mcp-warden CLI: files it cannot or should not analyze', () => {
  const bigTs = `${'// padding padding padding padding padding padding padding padding\n'.repeat(40)}${TLS_TS}`;

  void it('skips files larger than --max-file-size with a notice on stderr and exit 0', async () => {
    assert.ok(Buffer.byteLength(bigTs) > 2048);
    await withWorkspace({ 'src/big.ts': bigTs, 'src/small.ts': CLEAN_TS }, async (root) => {
      const limited = await cli(root, ['scan', '--fail-on', 'warning', '--max-file-size', '2']);
      assert.equal(limited.code, 0);
      assert.match(limited.stderr, /^src\/big\.ts: .*larger than 2 KB/m);
      assert.match(limited.stdout, /No problems found in 1 file\./);
      const unlimited = await cli(root, ['scan', '--fail-on', 'warning']);
      assert.equal(unlimited.code, 1, 'the default limit (1024 KB) analyzes it');
      assert.equal(unlimited.stderr, '');
    });
  });

  void it('--max-file-size is in kilobytes of 1024 bytes, and a file of exactly the limit is analyzed', async () => {
    const exact = TLS_TS + ' '.repeat(1024 - Buffer.byteLength(TLS_TS) - 1) + '\n';
    assert.equal(Buffer.byteLength(exact), 1024);
    await withWorkspace({ 'exact.ts': exact, 'over.ts': `${exact} ` }, async (root) => {
      const { report } = await scanJson(root, ['--max-file-size', '1']);
      assert.deepEqual(filesWithFindings(report), ['exact.ts']);
      assert.deepEqual(report.notices.map((notice) => [notice.file, notice.kind]), [['over.ts', 'skipped-too-large']]);
    });
  });

  void it('skips binary files (NUL bytes) with a notice', async () => {
    await withWorkspace({ 'src/blob.ts': Buffer.concat([Buffer.from(TLS_TS), Buffer.from([0, 1, 2, 0])]) }, async (root) => {
      const run = await cli(root, ['scan', '--fail-on', 'warning']);
      assert.equal(run.code, 0);
      assert.match(run.stderr, /^src\/blob\.ts: .*binary/m);
      assert.match(run.stdout, /No problems found in 0 files\./);
      const { report } = await scanJson(root);
      assert.deepEqual(report.notices.map((notice) => [notice.file, notice.kind]), [['src/blob.ts', 'skipped-binary']]);
    });
  });

  void it('analyzes invalid UTF-8 with a notice, keeping positions right', async () => {
    const bytes = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9, 0xff]), Buffer.from(` latin-1 comment\n${TLS_TS}`)]);
    await withWorkspace({ 'src/legacy.ts': bytes }, async (root) => {
      const run = await cli(root, ['scan', '--fail-on', 'warning']);
      assert.equal(run.code, 1, 'the finding is still reported');
      assert.match(run.stderr, /^src\/legacy\.ts: .*invalid UTF-8/m);
      const { report } = await scanJson(root);
      assert.equal(report.findings.length, 1);
      const expected = positionOf(TLS_TS, TLS_NEEDLE);
      assert.deepEqual(locationOf(report.findings[0]!), { ...expected, line: expected.line + 1, endLine: expected.endLine + 1 });
      assert.ok(report.notices.some((notice) => notice.file === 'src/legacy.ts' && /invalid UTF-8/.test(notice.message)));
    });
  });

  void it('handles empty files', async () => {
    await withWorkspace({ 'empty.ts': '', 'empty.py': '', 'src/agent.ts': TLS_TS }, async (root) => {
      const { report, code } = await scanJson(root, ['--fail-on', 'warning']);
      assert.equal(code, 1);
      assert.equal(report.filesScanned, 3);
      assert.deepEqual(filesWithFindings(report), ['src/agent.ts']);
      assert.deepEqual(report.notices, []);
      const onlyEmpty = await cli(root, ['scan', 'empty.ts', 'empty.py']);
      assert.equal(onlyEmpty.code, 0);
      assert.equal(onlyEmpty.stderr, '');
      assert.equal(onlyEmpty.stdout, 'No problems found in 2 files.\n');
    });
  });
});

void describe('mcp-warden CLI: .mcpwardenignore', () => {
  const files: Files = { 'src/agent.ts': TLS_TS, 'src/server.ts': `${HIDDEN_TS}export const agent = { rejectUnauthorized: false };\n`, '.vscode/mcp.json': SECRET_CONFIG };
  const summary = (report: JsonReport) => report.findings.map((finding) => `${finding.file}:${finding.ruleId}`).sort();
  const everything = ['.vscode/mcp.json:no-plaintext-secret-in-config', 'src/agent.ts:no-disabled-tls-verification', 'src/server.ts:no-disabled-tls-verification', 'src/server.ts:no-hidden-unicode-in-description'];

  void it('without an ignore file everything is reported', async () => {
    await withWorkspace(files, async (root) => {
      assert.deepEqual(summary((await scanJson(root)).report), everything);
    });
  });

  void it('a whole-file entry removes every finding of that file (and the file from the count)', async () => {
    await withWorkspace({ ...files, '.mcpwardenignore': '# vendored config\n.vscode/mcp.json -- rotated, kept for the demo\n' }, async (root) => {
      const { report, code } = await scanJson(root);
      assert.deepEqual(summary(report), everything.filter((entry) => !entry.startsWith('.vscode/')));
      assert.equal(report.filesScanned, 2);
      assert.equal(code, 1, 'the hidden Unicode error remains');
    });
  });

  void it('a folder entry removes the findings of every file below it', async () => {
    await withWorkspace({ ...files, '.mcpwardenignore': 'src/\n' }, async (root) => {
      assert.deepEqual(summary((await scanJson(root)).report), ['.vscode/mcp.json:no-plaintext-secret-in-config']);
    });
  });

  void it('a `<glob> <rule-id>` entry removes only that rule, only in matching files', async () => {
    await withWorkspace({ ...files, '.mcpwardenignore': `server.ts ${TLS_RULE}\n` }, async (root) => {
      assert.deepEqual(summary((await scanJson(root)).report), everything.filter((entry) => entry !== `src/server.ts:${TLS_RULE}`));
    });
  });

  void it('--no-ignore-file disables it', async () => {
    await withWorkspace({ ...files, '.mcpwardenignore': '**/*.ts\n.vscode/mcp.json\n' }, async (root) => {
      assert.deepEqual((await scanJson(root)).report.findings, []);
      assert.deepEqual(summary((await scanJson(root, ['--no-ignore-file'])).report), everything);
    });
  });

  void it('--ignore-file <path> reads another file instead', async () => {
    await withWorkspace({ ...files, '.mcpwardenignore': '**/*.ts\n', 'ci.ignore': `.vscode/mcp.json\n` }, async (root) => {
      assert.deepEqual(summary((await scanJson(root, ['--ignore-file', 'ci.ignore'])).report), everything.filter((entry) => !entry.startsWith('.vscode/')));
    });
  });

  void it('--ignore-file <missing> is a usage error naming the file', async () => {
    await withWorkspace(files, async (root) => {
      const run = await cli(root, ['scan', '--ignore-file', 'missing.ignore']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /missing\.ignore/);
      assert.equal(run.stdout, '');
    });
  });
});

void describe('mcp-warden CLI: --output', () => {
  void it('writes the JSON report to the file and nothing to stdout, keeping the exit code', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--output', 'reports/../warden.json']);
      assert.equal(run.code, 1);
      assert.equal(run.stdout, '');
      const report = parseJsonReport(readFileSync(join(root, 'warden.json'), 'utf8'));
      assert.deepEqual(filesWithFindings(report), ['.vscode/mcp.json', 'src/agent.ts']);
    });
  });

  void it('writes SARIF with -o, and plain text without colour even when colour is on', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const sarif = await cli(root, ['scan', '--format', 'sarif', '-o', 'warden.sarif']);
      assert.equal(sarif.stdout, '');
      assert.equal((JSON.parse(readFileSync(join(root, 'warden.sarif'), 'utf8')) as SarifLog).version, '2.1.0');

      const text = await cli(root, ['scan', '--output', 'warden.txt'], { color: true });
      assert.equal(text.stdout, '');
      const written = readFileSync(join(root, 'warden.txt'), 'utf8');
      assert.ok(written.includes(TLS_RULE));
      assertNoAnsi(written, 'the report file');
    });
  });

  void it('says plainly when the report cannot be written', async () => {
    await withWorkspace({ 'src/agent.ts': TLS_TS }, async (root) => {
      const run = await cli(root, ['scan', '--output', 'missing-folder/report.txt']);
      assert.equal(run.code, 2);
      assert.match(run.stderr, /^mcp-warden: cannot write missing-folder\/report\.txt: ENOENT\n/);
      assert.doesNotMatch(run.stderr, /internal error|\n\s+at /);
    });
  });

  void it('sends notices to stderr when the report goes to a file', async () => {
    await withWorkspace({ 'src/blob.ts': Buffer.from('a\0b') }, async (root) => {
      const run = await cli(root, ['scan', '--format', 'json', '--output', 'warden.json']);
      assert.equal(run.stdout, '');
      assert.match(run.stderr, /src\/blob\.ts: .*binary/);
    });
  });
});

void describe('mcp-warden CLI: rules command', () => {
  void it('lists every rule id with its default severity as text', async () => {
    await withWorkspace({}, async (root) => {
      const run = await cli(root, ['rules']);
      assert.equal(run.code, 0);
      const lines = run.stdout.trimEnd().split('\n');
      assert.equal(lines.length, allRules.length);
      for (const rule of allRules) {
        const line = lines.find((text) => text.startsWith(`${rule.meta.id} `));
        assert.ok(line, `no line for ${rule.meta.id}`);
        assert.match(line, new RegExp(`\\s${rule.meta.defaultSeverity}\\s`));
      }
    });
  });

  void it('lists every rule as JSON', async () => {
    await withWorkspace({}, async (root) => {
      const run = await cli(root, ['rules', '--format', 'json']);
      assert.equal(run.code, 0);
      const rules = JSON.parse(run.stdout) as Array<{ id: string; severity: string; description: string; docsUrl: string }>;
      assert.deepEqual(
        rules.map((rule) => rule.id),
        allRules.map((rule) => rule.meta.id),
      );
      assert.deepEqual(
        rules.map((rule) => rule.severity),
        allRules.map((rule) => rule.meta.defaultSeverity),
      );
      for (const rule of rules) {
        assert.ok(rule.description.length > 0);
        assert.match(rule.docsUrl, /^https:\/\//);
      }
    });
  });
});

void describe('mcp-warden CLI: the bundled executable', () => {
  const cliPath = join(DIST_DIRECTORY, 'cli.js');
  const requireBundle = () => assert.ok(existsSync(cliPath), `${cliPath} is missing: run \`npm run build\` (node esbuild.mjs) before the tests`);

  void it('`node dist/cli.js scan <dir> --format json` exits 1 and prints the findings', async () => {
    requireBundle();
    await withWorkspace({ 'src/agent.ts': TLS_TS, '.vscode/mcp.json': SECRET_CONFIG, 'node_modules/x/index.ts': TLS_TS }, (root) => {
      const result = spawnSync(process.execPath, [cliPath, 'scan', root, '--format', 'json'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      assert.equal(result.error, undefined);
      assert.equal(result.status, 1, `stderr: ${result.stderr}`);
      const report = parseJsonReport(result.stdout);
      assert.deepEqual(
        report.findings.map((finding) => ({ file: finding.file, ruleId: finding.ruleId, severity: finding.severity, ...locationOf(finding) })),
        [
          { file: '.vscode/mcp.json', ruleId: SECRET_RULE, severity: 'error', ...positionOf(SECRET_CONFIG, GITHUB_TOKEN) },
          { file: 'src/agent.ts', ruleId: TLS_RULE, severity: 'warning', ...positionOf(TLS_TS, TLS_NEEDLE) },
        ],
      );
      assert.equal(report.filesScanned, 2);
    });
  });

  void it('prints uncoloured text to a pipe and exits 2 on usage errors', async () => {
    requireBundle();
    await withWorkspace({ 'src/agent.ts': TLS_TS }, (root) => {
      const text = spawnSync(process.execPath, [cliPath, 'scan'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      assert.equal(text.status, 0, text.stderr);
      assert.ok(text.stdout.includes(TLS_RULE));
      assertNoAnsi(text.stdout, 'piped stdout');
      const usage = spawnSync(process.execPath, [cliPath, 'scan', '--format', 'xml'], { cwd: root, encoding: 'utf8', timeout: 60_000 });
      assert.equal(usage.status, 2);
      assert.match(usage.stderr, /--format/);
    });
  });
});
