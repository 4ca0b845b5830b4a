/**
 * What a shell command line does that makes it dangerous to run unattended (an npm install script,
 * a VS Code task that runs on folder open): download, pipe into an interpreter, run inline code or a
 * script string, or install / fetch packages. Word-based (no backtracking patterns): the line is
 * split into simple commands at `&&`, `||`, `;`, `|` and newlines, then each command's words are read.
 */

export type CommandSignalKind = 'download' | 'pipe' | 'inline-code' | 'shell-string' | 'powershell' | 'package-manager';

export interface CommandSignal {
  kind: CommandSignalKind;
  /** A short phrase for messages: "downloads with `curl`". */
  description: string;
}

const DOWNLOADERS = new Set(['curl', 'wget', 'invoke-webrequest', 'iwr', 'invoke-restmethod', 'irm', 'certutil', 'bitsadmin', 'start-bitstransfer']);
const PIPE_TARGETS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh', 'node', 'python', 'python3', 'iex', 'invoke-expression', 'pwsh', 'powershell']);
const SHELLS = new Set(['sh', 'bash', 'zsh', 'dash', 'ksh']);
const JS_RUNTIMES = new Set(['node', 'nodejs', 'bun', 'deno']);
const EVALUATORS = new Set(['iex', 'invoke-expression', 'eval']);
const NPM_LIKE_INSTALL = new Set(['install', 'i', 'ci', 'add', 'exec', 'x', 'dlx', 'update', 'up']);
const PACKAGE_RUNNERS = new Set(['npx', 'pnpx', 'bunx', 'uvx']);

/** `/usr/bin/curl`, `C:\…\curl.exe`, `CURL` → `curl`. */
function commandName(word: string): string {
  const base = word.slice(Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\')) + 1).toLowerCase();
  return base.endsWith('.exe') ? base.slice(0, -4) : base;
}

/** The simple commands of a line, each as words, with whether a pipe feeds it. */
function simpleCommands(line: string): Array<{ words: string[]; piped: boolean }> {
  const commands: Array<{ words: string[]; piped: boolean }> = [];
  let piped = false;
  let start = 0;
  const push = (end: number) => {
    const words = line.slice(start, end).trim().split(/\s+/).filter((word) => word.length > 0);
    if (words.length > 0) commands.push({ words, piped });
  };
  for (let index = 0; index < line.length; index++) {
    const character = line[index]!;
    const next = line[index + 1];
    if ((character === '&' && next === '&') || (character === '|' && next === '|')) {
      push(index);
      piped = false;
      start = index + 2;
      index++;
    } else if (character === ';' || character === '\n' || character === '|') {
      push(index);
      piped = character === '|';
      start = index + 1;
    }
  }
  push(line.length);
  return commands;
}

/** The options before the first operand (`node --no-warnings -e` → `--no-warnings`, `-e`). */
function leadingOptions(words: readonly string[], from: number): string[] {
  const options: string[] = [];
  for (let index = from; index < words.length && words[index]!.startsWith('-'); index++) options.push(words[index]!);
  return options;
}

function signalOf(words: readonly string[], piped: boolean): CommandSignal | undefined {
  let first = 0;
  while (first < words.length - 1 && (commandName(words[first]!) === 'sudo' || /^\w+=/.test(words[first]!))) first++;
  const name = commandName(words[first]!);
  const rest = words.slice(first + 1);
  const second = rest[0]?.toLowerCase();
  if (piped && PIPE_TARGETS.has(name)) return { kind: 'pipe', description: `pipes text into \`${name}\`` };
  if (DOWNLOADERS.has(name)) return { kind: 'download', description: `downloads with \`${name}\`` };
  if (name === 'powershell' || name === 'pwsh') return { kind: 'powershell', description: `starts \`${name}\`` };
  if (EVALUATORS.has(name)) return { kind: 'inline-code', description: `evaluates text with \`${name}\`` };
  const options = leadingOptions(words, first + 1);
  if (JS_RUNTIMES.has(name)) {
    const flag = options.find((option) => /^(?:-e|--eval|-p|--print)(?:=|$)/.test(option));
    if (flag) return { kind: 'inline-code', description: `runs inline code with \`${name} ${flag.split('=')[0]}\`` };
  }
  if (name === 'python' || name === 'python3') {
    if (options.some((option) => /^-[A-Za-z]*c$/.test(option))) return { kind: 'inline-code', description: `runs inline code with \`${name} -c\`` };
    if (options.includes('-m') && rest[options.indexOf('-m') + 1] === 'pip' && rest.includes('install')) return { kind: 'package-manager', description: `installs Python packages (\`${name} -m pip install\`)` };
  }
  if (name === 'base64' && options.some((option) => option === '-d' || option === '--decode')) return { kind: 'inline-code', description: 'decodes a payload with `base64 -d`' };
  if (SHELLS.has(name) && options.some((option) => /^-[a-z]*c[a-z]*$/i.test(option))) return { kind: 'shell-string', description: `runs a script string with \`${name} -c\`` };
  if (name === 'cmd' && rest.some((word) => /^\/[ck]$/i.test(word))) return { kind: 'shell-string', description: 'runs a script string with `cmd /c`' };
  if ((name === 'npm' || name === 'pnpm' || name === 'bun') && second !== undefined && NPM_LIKE_INSTALL.has(second)) {
    return { kind: 'package-manager', description: `runs \`${name} ${second}\`, which installs packages and runs their install scripts` };
  }
  if (PACKAGE_RUNNERS.has(name)) return { kind: 'package-manager', description: `downloads and runs a package with \`${name}\`` };
  if (name === 'yarn' && (second === undefined || second === 'install' || second === 'add' || second === 'dlx' || second === 'up')) {
    return { kind: 'package-manager', description: `runs \`yarn${second ? ` ${second}` : ''}\`, which installs packages and runs their install scripts` };
  }
  if ((name === 'pip' || name === 'pip3') && second === 'install') return { kind: 'package-manager', description: `installs Python packages (\`${name} install\`)` };
  if (name === 'uv' && (second === 'sync' || second === 'add' || (second === 'pip' && rest[1] === 'install') || (second === 'tool' && (rest[1] === 'run' || rest[1] === 'install')))) {
    return { kind: 'package-manager', description: `installs or runs packages (\`uv ${rest.slice(0, second === 'pip' || second === 'tool' ? 2 : 1).join(' ')}\`)` };
  }
  if ((name === 'pipx' && (second === 'run' || second === 'install')) || (name === 'poetry' && (second === 'install' || second === 'add'))) {
    return { kind: 'package-manager', description: `installs or runs packages (\`${name} ${second}\`)` };
  }
  return undefined;
}

/** The first dangerous thing a command line does, when one of `kinds` (all kinds by default). */
export function commandSignal(line: string, kinds?: ReadonlySet<CommandSignalKind>): CommandSignal | undefined {
  for (const { words, piped } of simpleCommands(line)) {
    const signal = signalOf(words, piped);
    if (signal && (!kinds || kinds.has(signal.kind))) return signal;
  }
  return undefined;
}
