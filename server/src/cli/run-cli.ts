import { ADVISORY_TABLE_DATE, MCP_ADVISORIES } from '../analyzer/manifest/mcp-advisories';
import { siblingFilesOf } from '../host/sibling-files';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Analyzer } from '../analyzer/analyze';
import { severityRank } from '../analyzer/finding';
import { IGNORE_FILE_NAME, ignoreDecision, parseIgnoreFile, type IgnoreEntry } from '../analyzer/ignore-file';
import type { Rule } from '../analyzer/rule';
import type { TreeSitterAssets } from '../analyzer/syntax/code-parser';
import type { RuleCustomization, SeverityOverride } from '../analyzer/rule-settings';
import { nodeTreeSitterAssets } from '../host/tree-sitter-assets';
import { readSourceFile } from '../host/read-source-file';
import { TOOL_VERSION } from '../host/version';
import { DEFAULT_EXCLUDE } from '../protocol';
import { allRules } from '../rules';
import { collectFiles, toRelative } from './collect-files';
import { formatJson } from './formatters/json';
import { formatSarif } from './formatters/sarif';
import { formatText } from './formatters/text';
import { locateFindings, locateNotices, type ScanReport } from './report';
import { runSbomCommand } from './sbom-command';
import { runTokenCommand } from './token-command';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  /** Colour for text output (a TTY without NO_COLOR). */
  color: boolean;
}

export const EXIT_OK = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

const HELP = `Usage: mcp-warden <command> [options]

Commands:
  scan [paths...]        Analyze files and folders (default: the current folder)
  rules                  List the rules
  token <jwt | ->        Decode, audit and verify a JWT; - reads it from standard input
                         (see 'mcp-warden token --help')
  sbom [dir]             Write a CycloneDX JSON SBOM of the project from its lockfiles
                         (see 'mcp-warden sbom --help')
  advisories             List the bundled MCP package advisories and the date they were reviewed

Options for scan:
  --format <format>      text (default), json or sarif
  --output <file>        Write the report to a file instead of standard output
  --fail-on <level>      Exit with 1 when a finding is at least: error (default), warning, info, hint, never
  --include <glob>       Only scan matching files (repeatable; relative to the current folder)
  --exclude <glob>       Skip matching files and folders (repeatable)
  --rule <id>=<level>    Override a rule's severity: error, warning, info, hint, off (repeatable; id may be a glob)
  --max-file-size <kb>   Skip larger files (default 1024)
  --ignore-file <path>   Ignore file to use (default: ./${IGNORE_FILE_NAME} when present)
  --no-ignore-file       Do not read an ignore file
  --timing               Print the time spent parsing and the 10 slowest rules to standard error

Exit codes: 0 no findings at the --fail-on level, 1 findings at that level, 2 usage or runtime error.
`;

class UsageError extends Error {}

const FAIL_LEVELS = ['error', 'warning', 'info', 'hint', 'never'] as const;
type FailLevel = (typeof FAIL_LEVELS)[number];
const FORMATS = ['text', 'json', 'sarif'] as const;
type Format = (typeof FORMATS)[number];
const RULE_LEVELS: readonly SeverityOverride[] = ['error', 'warning', 'info', 'hint', 'off', 'default', 'upgrade', 'downgrade'];

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got '${value}')`);
  return value as T;
}

/** Runs the CLI and returns its exit code; all output goes through `io`. */
export interface CliEnvironment {
  rules: readonly Rule[];
  assets: TreeSitterAssets;
}

const DEFAULT_ENVIRONMENT: CliEnvironment = { rules: allRules, assets: nodeTreeSitterAssets() };

export async function runCli(argv: readonly string[], io: CliIo, environment: CliEnvironment = DEFAULT_ENVIRONMENT): Promise<number> {
  try {
    return await run(argv, io, environment);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mcp-warden: ${error.message}\nRun 'mcp-warden --help' for usage.\n`);
      return EXIT_USAGE;
    }
    io.stderr(`mcp-warden: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return EXIT_USAGE;
  }
}

async function run(argv: readonly string[], io: CliIo, { rules, assets }: CliEnvironment): Promise<number> {
  // `token` has its own options (and must never echo its argument): hand it over before parsing.
  if (argv[0] === 'token') return runTokenCommand(argv.slice(1), io);
  if (argv[0] === 'sbom') return runSbomCommand(argv.slice(1), io);
  if (argv[0] === 'advisories') return listAdvisories(io);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        format: { type: 'string', short: 'f' },
        output: { type: 'string', short: 'o' },
        'fail-on': { type: 'string' },
        include: { type: 'string', multiple: true },
        exclude: { type: 'string', multiple: true },
        rule: { type: 'string', multiple: true },
        'max-file-size': { type: 'string' },
        'ignore-file': { type: 'string' },
        'no-ignore-file': { type: 'boolean' },
        timing: { type: 'boolean' },
      },
    });
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    io.stdout(HELP);
    return EXIT_OK;
  }
  if (values.version) {
    io.stdout(`${TOOL_VERSION}\n`);
    return EXIT_OK;
  }
  const [command, ...paths] = positionals;
  if (command === 'rules') return listRules(io, rules, oneOf(values.format, ['text', 'json'] as const, '--format', 'text'));
  if (command !== 'scan') throw new UsageError(command === undefined ? 'missing command' : `unknown command '${command}'`);

  const format = oneOf<Format>(values.format, FORMATS, '--format', 'text');
  const failOn = oneOf<FailLevel>(values['fail-on'], FAIL_LEVELS, '--fail-on', 'error');
  const maxFileSizeKb = values['max-file-size'] === undefined ? 1024 : Number(values['max-file-size']);
  if (!Number.isFinite(maxFileSizeKb) || maxFileSizeKb <= 0) throw new UsageError(`--max-file-size must be a positive number of kilobytes`);
  const ruleCustomizations = (values.rule ?? []).map(parseRuleOverride);
  const targets = (paths.length > 0 ? paths : ['.']).map((path) => resolve(io.cwd, path));
  const missing = targets.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new UsageError(`no such file or directory: ${missing.map((path) => toRelative(io.cwd, path)).join(', ')}`);
  const ignore = loadIgnoreFile(io.cwd, values['ignore-file'], values['no-ignore-file'] === true);

  const files = collectFiles(targets, { cwd: io.cwd, include: values.include ?? [], exclude: values.exclude ?? [], defaultExclude: DEFAULT_EXCLUDE });
  const analyzer = await Analyzer.create(assets, rules);
  const report: ScanReport = { root: io.cwd, files: 0, findings: [], notices: [], rules, toolVersion: TOOL_VERSION };
  const timing = values.timing ? { parseMs: 0, ruleMs: new Map<string, number>() } : undefined;
  try {
    for (const path of files) {
      const file = toRelative(io.cwd, path);
      const decision = ignore ? ignoreDecision(ignore.entries, toRelative(ignore.directory, path)) : { wholeFile: false, rules: [] };
      if (decision.wholeFile) continue;
      const read = await readSourceFile(path, maxFileSizeKb);
      if (!read.ok) {
        report.notices.push({ file, kind: read.reason === 'binary' ? 'skipped-binary' : read.reason === 'too-large' ? 'skipped-too-large' : 'unsupported', message: read.message });
        continue;
      }
      if (read.invalidUtf8) report.notices.push({ file, kind: 'unsupported', message: 'invalid UTF-8: analyzed with replacement characters' });
      const siblingFiles = siblingFilesOf(path, io.cwd);
      const result = await analyzer.analyze({ path, text: read.text }, { ruleCustomizations, ignoredRules: decision.rules, maxFileSizeKb, collectTimings: timing !== undefined, ...(siblingFiles ? { siblingFiles } : {}) });
      if (timing && result.timings) {
        timing.parseMs += result.timings.parseMs;
        for (const [rule, ms] of Object.entries(result.timings.ruleMs)) timing.ruleMs.set(rule, (timing.ruleMs.get(rule) ?? 0) + ms);
      }
      report.files++;
      report.findings.push(...locateFindings(file, read.text, result.findings));
      report.notices.push(...locateNotices(file, read.text, result.notices));
    }
  } finally {
    analyzer.dispose();
  }

  const output = format === 'json' ? formatJson(report) : format === 'sarif' ? formatSarif(report) : formatText(report, io.color && !values.output);
  if (values.output) {
    try {
      writeFileSync(resolve(io.cwd, values.output), output);
    } catch (error) {
      throw new UsageError(`cannot write ${values.output}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
  } else {
    io.stdout(output);
  }
  if (format === 'text' || values.output) {
    for (const notice of report.notices) io.stderr(`${notice.file}${notice.line ? `:${notice.line}` : ''}: ${notice.message}\n`);
  }
  if (timing) io.stderr(formatTiming(timing.parseMs, timing.ruleMs));
  const threshold = failOn === 'never' ? Infinity : severityRank(failOn);
  return report.findings.some((finding) => severityRank(finding.severity) >= threshold) ? EXIT_FINDINGS : EXIT_OK;
}

/** ESLint's TIMING table, plus the parsing time the rules are compared with. */
export function formatTiming(parseMs: number, ruleMs: ReadonlyMap<string, number>): string {
  const total = [...ruleMs.values()].reduce((sum, ms) => sum + ms, 0);
  const slowest = [...ruleMs].sort((a, b) => b[1] - a[1]).slice(0, 10);
  const width = Math.max(4, ...slowest.map(([rule]) => rule.length));
  const lines = [
    `Parsing: ${parseMs.toFixed(1)} ms; rules: ${total.toFixed(1)} ms (${parseMs > 0 ? (total / parseMs).toFixed(2) : '-'} × parsing)`,
    `${'Rule'.padEnd(width)} | Time (ms) | Relative`,
    `${'-'.repeat(width)} | --------- | --------`,
    ...slowest.map(([rule, ms]) => `${rule.padEnd(width)} | ${ms.toFixed(1).padStart(9)} | ${total > 0 ? `${((ms / total) * 100).toFixed(1)}%`.padStart(8) : '       -'}`),
  ];
  return `${lines.join('\n')}\n`;
}

function parseRuleOverride(text: string): RuleCustomization {
  const separator = text.lastIndexOf('=');
  const rule = text.slice(0, separator);
  const severity = text.slice(separator + 1) as SeverityOverride;
  if (separator <= 0 || !RULE_LEVELS.includes(severity)) throw new UsageError(`--rule expects <id>=<${RULE_LEVELS.join('|')}> (got '${text}')`);
  return { rule, severity };
}

function loadIgnoreFile(cwd: string, explicit: string | undefined, disabled: boolean): { directory: string; entries: IgnoreEntry[] } | undefined {
  if (disabled) return undefined;
  const path = resolve(cwd, explicit ?? IGNORE_FILE_NAME);
  if (!existsSync(path)) {
    if (explicit) throw new UsageError(`no such ignore file: ${explicit}`);
    return undefined;
  }
  return { directory: dirname(path), entries: parseIgnoreFile(readFileSync(path, 'utf8')) };
}

function listRules(io: CliIo, rules: readonly Rule[], format: 'text' | 'json'): number {
  if (format === 'json') {
    io.stdout(`${JSON.stringify(rules.map(({ meta }) => ({ id: meta.id, group: meta.group, description: meta.description, severity: meta.defaultSeverity, fix: meta.fix, cwe: meta.cwe, owaspMcp: meta.owaspMcp, docsUrl: meta.docsUrl })), null, 2)}\n`);
    return EXIT_OK;
  }
  const width = Math.max(...rules.map((rule) => rule.meta.id.length));
  for (const { meta } of rules) io.stdout(`${meta.id.padEnd(width)}  ${meta.defaultSeverity.padEnd(7)}  ${meta.description}\n`);
  return EXIT_OK;
}

/** The advisory table no-vulnerable-mcp-package judges pinned versions against, and its review date. */
function listAdvisories(io: CliIo): number {
  const verified = MCP_ADVISORIES.filter((advisory) => advisory.verified);
  io.stdout(`MCP package advisories bundled with MCP Warden, reviewed ${ADVISORY_TABLE_DATE} (${verified.length} entries; versions are judged offline):\n\n`);
  for (const advisory of verified) {
    io.stdout(`  ${advisory.ecosystem}:${advisory.package}  ${advisory.id}${advisory.cve ? ` (${advisory.cve})` : ''}  ${advisory.severity}  fixed in ${advisory.fixedVersion}\n    ${advisory.summary}\n    ${advisory.url}\n`);
  }
  return 0;
}
