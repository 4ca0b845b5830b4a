import type { ConfigString, ConfiguredServer, SourceSpan } from './config-model';

/**
 * What a configured server launches: its argv as tokens with exact source ranges, the wrappers
 * around it unwrapped (`cmd /c …`, `sh -c "…"`, `sudo …`, `env A=1 …`), and the packages a package
 * runner (`npx`, `uvx`, `pipx run`, …) fetches. Shared by the config rules about supply chain and
 * process launching, plus the list of well-known MCP server packages (typosquat targets).
 */

// Well-known MCP server packages -------------------------------------------------------------------

/**
 * Popular MCP server packages on npm: the official `@modelcontextprotocol` servers and widely used
 * vendor servers (names checked against the npm registry's package list, 2026).
 */
export const KNOWN_NPM_MCP_PACKAGES: readonly string[] = [
  '@modelcontextprotocol/server-filesystem',
  '@modelcontextprotocol/server-memory',
  '@modelcontextprotocol/server-everything',
  '@modelcontextprotocol/server-sequential-thinking',
  '@modelcontextprotocol/server-github',
  '@modelcontextprotocol/server-gitlab',
  '@modelcontextprotocol/server-postgres',
  '@modelcontextprotocol/server-google-maps',
  '@modelcontextprotocol/server-slack',
  '@modelcontextprotocol/server-brave-search',
  '@modelcontextprotocol/server-puppeteer',
  '@modelcontextprotocol/server-gdrive',
  '@modelcontextprotocol/server-redis',
  '@modelcontextprotocol/server-aws-kb-retrieval',
  '@modelcontextprotocol/server-everart',
  '@modelcontextprotocol/inspector',
  '@modelcontextprotocol/sdk',
  '@playwright/mcp',
  '@upstash/context7-mcp',
  '@supabase/mcp-server-supabase',
  '@notionhq/notion-mcp-server',
  '@sentry/mcp-server',
  '@browserbasehq/mcp',
  '@browserbasehq/mcp-server-browserbase',
  '@stripe/mcp',
  '@azure/mcp',
  '@azure-devops/mcp',
  '@heroku/mcp-server',
  '@cloudflare/mcp-server-cloudflare',
  '@circleci/mcp-server-circleci',
  '@elastic/mcp-server-elasticsearch',
  '@neondatabase/mcp-server-neon',
  '@hubspot/mcp-server',
  '@shopify/dev-mcp',
  '@apify/actors-mcp-server',
  '@launchdarkly/mcp-server',
  '@salesforce/mcp',
  '@eslint/mcp',
  '@executeautomation/playwright-mcp-server',
  '@agentdeskai/browser-tools-mcp',
  '@wonderwhy-er/desktop-commander',
  '@zereight/mcp-gitlab',
  '@benborla29/mcp-server-mysql',
  '@21st-dev/magic',
  '@composio/mcp',
  '@gongrzhe/server-gmail-autoauth-mcp',
  'chrome-devtools-mcp',
  'figma-developer-mcp',
  'firecrawl-mcp',
  'tavily-mcp',
  'exa-mcp-server',
  'mongodb-mcp-server',
  'mcp-server-kubernetes',
  'airtable-mcp-server',
  'mcp-remote',
  'mcp-proxy',
  'supergateway',
  'task-master-ai',
  'n8n-mcp',
  'nx-mcp',
  'next-devtools-mcp',
];

/** Popular MCP server packages on PyPI (run with `uvx` / `pipx run`), PEP 503-normalized. */
export const KNOWN_PYPI_MCP_PACKAGES: readonly string[] = [
  'mcp-server-fetch',
  'mcp-server-git',
  'mcp-server-time',
  'mcp-server-sqlite',
  'mcp-server-sentry',
  'mcp-server-qdrant',
  'mcp-server-motherduck',
  'mcp-atlassian',
  'mcp-neo4j-cypher',
  'markitdown-mcp',
  'blender-mcp',
  'arxiv-mcp-server',
  'duckduckgo-mcp-server',
  'serena-agent',
  'mcp-proxy',
  'fastmcp',
  'mcp',
];

/** PEP 503 normalization: PyPI treats `Mcp_Server.Fetch` and `mcp-server-fetch` as one name. */
export function normalizePypiName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

// Command-line tokens ------------------------------------------------------------------------------

/** One argv token with its source range; `item` is set when the token is a whole `args` element. */
export interface CommandArg {
  value: string;
  /** Source range of `value.slice(from, to)` (the whole token by default). */
  range(from?: number, to?: number): SourceSpan;
  /** The config string this token is exactly (the `command` or one `args` item), for edits. */
  item: ConfigString | undefined;
}

/** A command line a server runs: directly, or inside a wrapper (`cmd /c`, `sh -c`, `sudo`). */
export interface CommandLine {
  argv: CommandArg[];
  /** `direct`: the command and args as configured; otherwise the wrapper this line was found in. */
  via: 'direct' | 'shell-string' | 'cmd' | 'sudo' | 'env';
}

export function wholeArg(text: ConfigString): CommandArg {
  return {
    value: text.value,
    range: (from = 0, to = text.value.length) => (from === 0 && to === text.value.length ? { start: text.start, end: text.end } : text.decoded.sourceRange(from, to)),
    item: text,
  };
}

/** A token inside a longer string (`offset` is where it starts in `parent`). */
function subArg(parent: CommandArg, offset: number, value: string): CommandArg {
  return { value, range: (from = 0, to = value.length) => parent.range(offset + from, offset + to), item: undefined };
}

/** Splits a simple command string into words: whitespace-separated, one level of '…' / "…" quoting. */
export function splitWords(parent: CommandArg, from = 0, to = parent.value.length): CommandArg[] {
  const words: CommandArg[] = [];
  const pattern = /"([^"]*)"|'([^']*)'|[^\s"']+/g;
  const text = parent.value.slice(from, to);
  for (const match of text.matchAll(pattern)) {
    const quoted = match[1] ?? match[2];
    const index = from + (match.index ?? 0);
    words.push(quoted !== undefined ? subArg(parent, index + 1, quoted) : subArg(parent, index, match[0]));
  }
  return words;
}

/** `/usr/local/bin/npx`, `C:\…\npx.cmd`, `NPX.EXE` → `npx`. */
export function executableName(value: string): string {
  const base = value.slice(Math.max(value.lastIndexOf('/'), value.lastIndexOf('\\')) + 1).toLowerCase();
  return base.replace(/\.(?:exe|cmd|bat|ps1)$/, '');
}

export const POSIX_SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'ash', 'fish']);
export const POWERSHELLS = new Set(['powershell', 'pwsh']);
const PRIVILEGE_WRAPPERS = new Set(['sudo', 'doas']);
const SUDO_VALUE_FLAGS = new Set(['-u', '-g', '-C', '-D', '-h', '-p', '-r', '-t', '-U', '-T', '-R']);
const LAUNCHERS = new Set(['npx', 'bunx', 'pnpx', 'pnpm', 'yarn', 'npm', 'bun', 'uvx', 'uv', 'pipx', 'deno', 'docker', 'podman', 'nerdctl', 'node', 'python', 'python3']);

/** Whether a `sh -c` option cluster asks for a command string (`-c`, `-lc`, `-ec`). */
export function isShellCommandFlag(value: string): boolean {
  return /^-[a-z]*c[a-z]*$/i.test(value) && !value.startsWith('--');
}

/** A `-Command`/`-c` (or `-EncodedCommand`) PowerShell parameter, case-insensitively abbreviated. */
export function powershellCommandFlag(value: string): 'command' | 'encoded' | undefined {
  const lower = value.toLowerCase();
  if (!/^[-/]/.test(lower)) return undefined;
  const name = lower.slice(1);
  if (name.length >= 1 && 'command'.startsWith(name)) return 'command';
  if (name.length >= 1 && (name === 'e' || name === 'ec' || 'encodedcommand'.startsWith(name))) return 'encoded';
  return undefined;
}

/**
 * The command lines a server runs: the configured one, then the ones inside wrappers. A `command`
 * written with spaces (`"npx -y pkg"`) is split when its first word is a known launcher or shell.
 */
export function commandLines(server: ConfiguredServer): CommandLine[] {
  if (!server.command) return [];
  const command = wholeArg(server.command);
  let head: CommandArg[] = [command];
  const firstWord = /^\S+/.exec(command.value)?.[0] ?? '';
  if (/\s/.test(command.value.trim()) && !/["']/.test(command.value)) {
    const name = executableName(firstWord);
    if (LAUNCHERS.has(name) || POSIX_SHELLS.has(name) || POWERSHELLS.has(name) || name === 'cmd' || PRIVILEGE_WRAPPERS.has(name)) head = splitWords(command);
  }
  const lines: CommandLine[] = [{ argv: [...head, ...server.args.map(wholeArg)], via: 'direct' }];
  for (let index = 0; index < lines.length && index < 8; index++) lines.push(...unwrap(lines[index]!.argv));
  return lines;
}

/** The command lines inside one wrapper invocation (none when `argv` is not a wrapper). */
function unwrap(argv: CommandArg[]): CommandLine[] {
  const name = executableName(argv[0]?.value ?? '');
  if (PRIVILEGE_WRAPPERS.has(name)) {
    let index = 1;
    while (index < argv.length && argv[index]!.value.startsWith('-')) index += SUDO_VALUE_FLAGS.has(argv[index]!.value) ? 2 : 1;
    return index < argv.length ? [{ argv: argv.slice(index), via: 'sudo' }] : [];
  }
  if (name === 'env') {
    let index = 1;
    while (index < argv.length && (argv[index]!.value.startsWith('-') || /^\w+=/.test(argv[index]!.value))) index++;
    return index < argv.length ? [{ argv: argv.slice(index), via: 'env' }] : [];
  }
  if (name === 'cmd') {
    const flag = argv.findIndex((arg, index) => index > 0 && /^\/[ck]$/i.test(arg.value));
    if (flag < 0) return [];
    const rest = argv.slice(flag + 1);
    if (rest.length === 1) return shellSegments(rest[0]!).map((words) => ({ argv: words, via: 'cmd' }));
    return rest.length > 0 ? [{ argv: rest, via: 'cmd' }] : [];
  }
  const script = shellScript(argv);
  return script ? shellSegments(script.arg).map((words) => ({ argv: words, via: 'shell-string' })) : [];
}

/** The command string a shell runs: `sh -c "<script>"`, `pwsh -Command "<script>"`. */
export function shellScript(argv: CommandArg[]): { shell: string; flag: CommandArg; arg: CommandArg; encoded: boolean } | undefined {
  const shell = executableName(argv[0]?.value ?? '');
  if (POSIX_SHELLS.has(shell)) {
    for (let index = 1; index < argv.length; index++) {
      const value = argv[index]!.value;
      if (isShellCommandFlag(value)) return argv[index + 1] ? { shell, flag: argv[index]!, arg: argv[index + 1]!, encoded: false } : undefined;
      if (!value.startsWith('-') && !value.startsWith('+')) return undefined; // `bash script.sh`
    }
    return undefined;
  }
  if (POWERSHELLS.has(shell)) {
    for (let index = 1; index < argv.length; index++) {
      const kind = powershellCommandFlag(argv[index]!.value);
      if (kind && argv[index + 1]) return { shell, flag: argv[index]!, arg: argv[index + 1]!, encoded: kind === 'encoded' };
      if (/^-(?:file|f)$/i.test(argv[index]!.value)) return undefined;
    }
  }
  return undefined;
}

/** The simple commands of a shell string, split at `&&`, `||`, `;`, `|` and newlines. */
function shellSegments(script: CommandArg): CommandArg[][] {
  const segments: CommandArg[][] = [];
  const separator = /&&|\|\||[;|\n&]/g;
  let start = 0;
  for (const match of [...script.value.matchAll(separator), undefined]) {
    const end = match ? (match.index ?? 0) : script.value.length;
    const words = splitWords(script, start, end);
    if (words.length > 0) segments.push(words);
    if (match) start = end + match[0].length;
  }
  return segments;
}

// Package runners ----------------------------------------------------------------------------------

export type PackageEcosystem = 'npm' | 'pypi' | 'jsr';

/** A package a runner fetches and executes: `npx pkg`, `uvx --from pkg cmd`, `deno run npm:pkg`. */
export interface PackageRun {
  /** `npx`, `bunx`, `pnpm dlx`, `yarn dlx`, `npm exec`, `uvx`, `uv tool run`, `pipx run`, `deno run`. */
  runner: string;
  ecosystem: PackageEcosystem;
  /** The token holding the spec; the spec is `arg.value.slice(offset)`. */
  arg: CommandArg;
  offset: number;
  spec: string;
  /** How the spec was given (`--from`, `--spec`, `--package`, `--with`) or `positional`. */
  via: string;
  /** The `-y`/`--yes` token, when present (npx/npm exec). */
  autoYes: CommandArg | undefined;
}

interface RunnerSyntax {
  ecosystem: PackageEcosystem;
  /** Options that take the next token as their value. */
  valueOptions: ReadonlySet<string>;
  /** Options whose value is a package spec; when one is given, the positional is a command name. */
  packageOptions: ReadonlySet<string>;
  /** Options whose value is an extra package fetched alongside (`uvx --with`). */
  extraPackageOptions?: ReadonlySet<string>;
}

const NPX: RunnerSyntax = {
  ecosystem: 'npm',
  valueOptions: new Set(['-p', '--package', '-c', '--call', '--registry', '--cache', '--userconfig', '-w', '--workspace', '--node-options', '--script-shell', '--loglevel']),
  packageOptions: new Set(['-p', '--package']),
};
const DLX: RunnerSyntax = { ecosystem: 'npm', valueOptions: new Set(['-p', '--package', '--allow-build', '--reporter', '-C', '--dir']), packageOptions: new Set(['-p', '--package']) };
const UVX: RunnerSyntax = {
  ecosystem: 'pypi',
  valueOptions: new Set([
    '--from', '--with', '-w', '--with-editable', '--with-requirements', '--python', '-p', '--index', '--index-url', '-i', '--default-index',
    '--extra-index-url', '--find-links', '-f', '--constraints', '-c', '--overrides', '--cache-dir', '--directory', '--project', '--config-file',
    '--color', '--python-preference', '--index-strategy', '--keyring-provider', '--resolution', '--prerelease', '--exclude-newer',
    '--refresh-package', '--reinstall-package', '--upgrade-package', '-P', '--env-file', '--build-constraints', '--config-setting', '-C',
    '--link-mode', '--allow-insecure-host', '--no-binary-package', '--no-build-package', '--torch-backend', '--fork-strategy',
  ]),
  packageOptions: new Set(['--from']),
  extraPackageOptions: new Set(['--with', '-w']),
};
const PIPX: RunnerSyntax = { ecosystem: 'pypi', valueOptions: new Set(['--spec', '--python', '--pip-args', '--index-url', '-i', '--backend']), packageOptions: new Set(['--spec']) };
const DENO_VALUE_OPTIONS = new Set(['-c', '--config', '--import-map', '--lock', '--cert', '--location', '--seed', '--v8-flags', '--env-file', '--ext']);

/** The packages fetched by one command line, when it runs a package runner. */
export function packageRuns(argv: CommandArg[]): PackageRun[] {
  const name = executableName(argv[0]?.value ?? '');
  const second = argv[1]?.value;
  const third = argv[2]?.value;
  if (name === 'npx' || name === 'pnpx') return runnerPackages(name, NPX, argv, 1);
  if (name === 'bunx') return runnerPackages('bunx', DLX, argv, 1);
  if (name === 'bun' && second === 'x') return runnerPackages('bun x', DLX, argv, 2);
  if ((name === 'pnpm' || name === 'yarn') && second === 'dlx') return runnerPackages(`${name} dlx`, DLX, argv, 2);
  if (name === 'npm' && (second === 'exec' || second === 'x')) return runnerPackages(`npm ${second}`, NPX, argv, 2);
  if (name === 'uvx') return runnerPackages('uvx', UVX, argv, 1);
  if (name === 'uv' && second === 'tool' && (third === 'run' || third === 'uvx')) return runnerPackages('uv tool run', UVX, argv, 3);
  if (name === 'pipx' && second === 'run') return runnerPackages('pipx run', PIPX, argv, 2);
  if (name === 'deno' && second === 'run') return denoPackages(argv);
  return [];
}

function runnerPackages(runner: string, syntax: RunnerSyntax, argv: CommandArg[], first: number): PackageRun[] {
  const runs: PackageRun[] = [];
  let autoYes: CommandArg | undefined;
  let positional: CommandArg | undefined;
  let explicitPackage = false;
  for (let index = first; index < argv.length; index++) {
    const arg = argv[index]!;
    const value = arg.value;
    if (value === '--') {
      positional = argv[index + 1];
      break;
    }
    if (!value.startsWith('-') || value === '-') {
      positional = arg;
      break;
    }
    if (value === '-y' || value === '--yes') autoYes = arg;
    const equals = value.indexOf('=');
    const option = equals > 0 && value.startsWith('--') ? value.slice(0, equals) : value;
    const inline = equals > 0 && value.startsWith('--');
    const valueArg = inline ? arg : argv[index + 1];
    const valueOffset = inline ? equals + 1 : 0;
    const isPackage = syntax.packageOptions.has(option);
    const isExtra = syntax.extraPackageOptions?.has(option) ?? false;
    if ((isPackage || isExtra) && valueArg) {
      explicitPackage ||= isPackage;
      // `--with a,b` lists several packages.
      for (const part of splitList(valueArg.value.slice(valueOffset), isExtra)) {
        runs.push({ runner, ecosystem: syntax.ecosystem, arg: valueArg, offset: valueOffset + part.offset, spec: part.text, via: option, autoYes: undefined });
      }
    }
    if (!inline && syntax.valueOptions.has(option)) index++;
  }
  if (positional && !explicitPackage) runs.push({ runner, ecosystem: syntax.ecosystem, arg: positional, offset: 0, spec: positional.value, via: 'positional', autoYes: undefined });
  return runs.map((run) => ({ ...run, autoYes }));
}

function splitList(text: string, commaSeparated: boolean): Array<{ text: string; offset: number }> {
  if (!commaSeparated) return [{ text, offset: 0 }];
  const parts: Array<{ text: string; offset: number }> = [];
  let offset = 0;
  for (const part of text.split(',')) {
    if (part.trim()) parts.push({ text: part.trim(), offset: offset + (part.length - part.trimStart().length) });
    offset += part.length + 1;
  }
  return parts;
}

function denoPackages(argv: CommandArg[]): PackageRun[] {
  for (let index = 2; index < argv.length; index++) {
    const value = argv[index]!.value;
    if (value.startsWith('-')) {
      if (!value.includes('=') && DENO_VALUE_OPTIONS.has(value)) index++;
      continue;
    }
    const scheme = /^(npm|jsr):/.exec(value);
    if (!scheme) return [];
    const ecosystem = scheme[1] as 'npm' | 'jsr';
    return [{ runner: 'deno run', ecosystem, arg: argv[index]!, offset: scheme[0].length, spec: value.slice(scheme[0].length), via: 'positional', autoYes: undefined }];
  }
  return [];
}

// Package specs --------------------------------------------------------------------------------------

export type ParsedSpec =
  | { kind: 'registry'; name: string; version: string | undefined; versionStart: number; pin: 'exact' | 'tag' | 'range' | 'none' }
  | { kind: 'git'; pinned: boolean }
  | { kind: 'local' | 'url' | 'dynamic' };

const EXACT_SEMVER = /^[=v]?\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;
const COMMIT = /^[0-9a-f]{7,40}$/i;
const LOCAL_PATH = /^(?:\.{1,2}(?:[/\\]|$)|[/\\~]|[a-z]:[/\\]|file:|link:)/i;
const DYNAMIC = /\$\{|\$[A-Za-z_]|%[A-Za-z_]+%|\{\{/;

/** Parses a package spec as the runner's registry reads it. */
export function parseSpec(ecosystem: PackageEcosystem, spec: string): ParsedSpec {
  if (DYNAMIC.test(spec)) return { kind: 'dynamic' };
  if (LOCAL_PATH.test(spec)) return { kind: 'local' };
  return ecosystem === 'pypi' ? parsePythonSpec(spec) : parseNpmSpec(spec);
}

function gitPinned(ref: string | undefined): boolean {
  return ref !== undefined && COMMIT.test(ref);
}

function parseNpmSpec(spec: string): ParsedSpec {
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:|gist:)/i.test(spec) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(spec)) return { kind: 'git', pinned: gitPinned(spec.split('#')[1]) };
  if (/^https?:\/\//i.test(spec)) return /\.git(?:#|$)/i.test(spec) ? { kind: 'git', pinned: gitPinned(spec.split('#')[1]) } : { kind: 'url' };
  const at = spec.indexOf('@', spec.startsWith('@') ? 1 : 0);
  const name = at < 0 ? spec : spec.slice(0, at);
  if (!/^(?:@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i.test(name)) return { kind: 'dynamic' };
  const version = at < 0 ? undefined : spec.slice(at + 1);
  return { kind: 'registry', name, version: version || undefined, versionStart: at + 1, pin: npmPin(version) };
}

function npmPin(version: string | undefined): 'exact' | 'tag' | 'range' | 'none' {
  if (!version) return 'none';
  if (EXACT_SEMVER.test(version)) return 'exact';
  if (/^[a-z][\w.-]*$/i.test(version)) return 'tag';
  return 'range';
}

function parsePythonSpec(spec: string): ParsedSpec {
  if (/^git\+/i.test(spec)) return { kind: 'git', pinned: gitPinned(/@([^@#/]+)(?:#.*)?$/.exec(spec.replace(/^git\+\w+:\/\/[^/]*@/, ''))?.[1]) };
  if (/^[a-z][\w+.-]*:\/\//i.test(spec)) return { kind: 'url' };
  const match = /^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*(.*)$/.exec(spec);
  if (!match) return { kind: 'dynamic' };
  const name = match[1]!;
  const rest = match[3] ?? '';
  const versionStart = spec.length - rest.length;
  if (!rest) return { kind: 'registry', name, version: undefined, versionStart, pin: 'none' };
  if (/^@\s*[a-z][\w+.-]*:\/\//i.test(rest)) return { kind: 'url' };
  if (rest.startsWith('@')) {
    // uvx's `pkg@1.2.3` / `pkg@latest`
    const version = rest.slice(1);
    const pin = /^\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*$/i.test(version) ? 'exact' : /^[a-z]\w*$/i.test(version) ? 'tag' : 'range';
    return { kind: 'registry', name, version, versionStart: versionStart + 1, pin };
  }
  const exact = /^===?\s*([^,;*\s]+)\s*$/.exec(rest);
  return { kind: 'registry', name, version: rest, versionStart, pin: exact ? 'exact' : 'range' };
}

// Edits -----------------------------------------------------------------------------------------------

/**
 * Removes the consecutive list items `first`…`last` (config strings of one array: JSON, TOML or a
 * YAML flow/block sequence) with their separator, keeping the list valid.
 */
export function listItemsRemoval(text: string, items: readonly ConfigString[], first: number, last: number): { start: number; end: number; newText: string } {
  const from = items[first]!;
  const to = items[last]!;
  const lineStart = text.lastIndexOf('\n', from.start - 1) + 1;
  const before = text.slice(lineStart, from.start);
  const blockItem = /^\s*-\s+$/.test(before);
  if (blockItem) {
    // YAML block sequence: drop the item lines.
    const lineEnd = text.indexOf('\n', to.end);
    return { start: lineStart, end: lineEnd < 0 ? text.length : lineEnd + 1, newText: '' };
  }
  const afterComma = /^\s*,/.exec(text.slice(to.end));
  if (last < items.length - 1 && afterComma) {
    const next = items[last + 1]!;
    const commaEnd = to.end + afterComma[0].length;
    const restOfLine = /^[ \t]*(?:\r?\n|$)/.exec(text.slice(commaEnd));
    // On lines of their own: drop those lines (comments before the next item stay).
    if (/^[ \t]*$/.test(before) && restOfLine) return { start: lineStart, end: commaEnd + restOfLine[0].length, newText: '' };
    return { start: from.start, end: next.start, newText: '' };
  }
  if (first > 0) {
    const previous = items[first - 1]!;
    return { start: previous.end, end: to.end, newText: '' };
  }
  return { start: from.start, end: to.end + (afterComma?.[0].length ?? 0), newText: '' };
}
