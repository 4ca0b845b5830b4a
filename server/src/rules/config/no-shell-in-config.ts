import { commandLines, executableName, shellScript, splitWords, type CommandArg, type CommandLine } from '../../analyzer/config/known-mcp-packages';
import type { ConfiguredServer } from '../../analyzer/config/config-model';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'sudo' | 'pipeToShell' | 'shellString' | 'encodedCommand';

/** `curl … | sh`, `wget -O- … | sudo bash`, `iwr … | iex`. */
const PIPE_TO_SHELL =
  /\b(?:curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod)\b(?:(?!\b(?:curl|wget|fetch|iwr|irm|invoke-webrequest|invoke-restmethod)\b)[^|;&\n])*\|\s*(?:sudo\s+(?:-\S+\s+)*)?(?:[^\s|]*\/)?(?:(?:ba|z|da|k|fi)?sh|iex|invoke-expression|python3?|node|perl|ruby)\b/i;
/** `sh <(curl …)`, `sh -c "$(curl …)"`, `iex (iwr …)`, `iex(New-Object Net.WebClient).DownloadString(…)`. */
const SUBSTITUTED_DOWNLOAD = /(?:<\(|\$\(|`)\s*(?:curl|wget)\b|\b(?:iex|invoke-expression)\s*\(?\s*(?:\(?\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod)\b|\(?\s*new-object\s+net\.webclient)/i;
/** Characters that make a command string more than one plain command. */
const SHELL_SYNTAX = /[|&;<>()$`*?[\]{}!~\\"'\n#]|%\w+%/;
const SUDO_IN_STRING = /(?:^|[;&|]\s*|\b(?:then|do)\s+)(sudo|doas)\b/;

export default defineRule<MessageId>(
  {
    id: 'no-shell-in-config',
    group: 'config',
    description: 'Disallow MCP servers launched through sudo, shell command strings or piped downloads',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-78', 'CWE-250'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'suggestion',
    messages: {
      sudo: "MCP server '{{server}}' is started with `{{wrapper}}`: the server and every command its tools run get root privileges, so one prompt-injected tool call can change anything on the machine. Run it as your user, and give it only the access it needs (a group, a narrowly scoped file permission).",
      pipeToShell:
        "MCP server '{{server}}' downloads a script and runs it (`{{snippet}}`): whatever the URL serves at each start runs with your privileges, unverified. Install a pinned release once (checked against its checksum) and start that file directly.",
      shellString:
        "MCP server '{{server}}' is started through `{{shell}} {{flag}}` with a command string: the real command line is hidden in one string the shell re-parses (quoting, variables, `;`, `&&`), so reviewers and allow-lists that match `command` and `args` see only `{{shell}}`, and anything spliced into the string runs too. {{remedy}}",
      encodedCommand:
        "MCP server '{{server}}' is started through `{{shell}} {{flag}}` with an encoded command: nobody reviewing this configuration can read what runs. Decode it and put the real command in `command` and `args`.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      'https://cwe.mitre.org/data/definitions/78.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        const lines = commandLines(server);
        for (const line of lines) checkLine(context, server, line);
      }
    },
  },
);

function checkLine(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, line: CommandLine): void {
  const head = line.argv[0];
  if (!head) return;
  const name = executableName(head.value);
  // Lines found inside a shell string are reported through that string.
  if (line.via === 'shell-string') return;
  if (name === 'sudo' || name === 'doas') {
    context.report({ messageId: 'sudo', data: { server: server.name, wrapper: name }, ...head.range(), severity: 'error' });
    return;
  }
  if (name === 'cmd') {
    checkCmd(context, server, line.argv);
    return;
  }
  const script = shellScript(line.argv);
  if (!script) return;
  const data = { server: server.name, shell: executableName(script.shell), flag: script.flag.value };
  if (script.encoded) {
    context.report({ messageId: 'encodedCommand', data, ...script.arg.range() });
    return;
  }
  if (checkScriptText(context, server.name, script.arg)) return;
  const simple = !SHELL_SYNTAX.test(script.arg.value) && script.arg.value.trim().length > 0;
  const remedy = simple
    ? 'It is one plain command: put its program in `command` and its words in `args`.'
    : 'Put the program in `command` and its arguments in `args`; move any setup (PATH, nvm, cd) into `env`/`cwd` or a script file in the repository.';
  context.report({
    messageId: 'shellString',
    data: { ...data, remedy },
    ...script.arg.range(),
    severity: simple ? 'info' : undefined,
    fixes: simple && line.via === 'direct' ? directArgv(context, server, script.flag, script.arg) : [],
  });
}

/** `cmd /c …`: the words after `/c` are one command line cmd re-parses, `&`, `|` and `%VAR%` included. */
function checkCmd(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, argv: CommandArg[]): void {
  const flag = argv.findIndex((arg, index) => index > 0 && /^\/[ck]$/i.test(arg.value));
  if (flag < 0) return;
  const rest = argv.slice(flag + 1);
  for (const arg of rest) if (checkScriptText(context, server.name, arg)) return;
  // `cmd /c npx -y pkg` is how Windows starts `.cmd` shims: silent unless the words use cmd syntax.
  const withSyntax = rest.find((arg) => /^(?:&&?|\|\|?|>>?|<)$|[&|<>^]|%\w+%/.test(arg.value) || (rest.length === 1 && /\s/.test(arg.value)));
  if (!withSyntax) return;
  context.report({
    messageId: 'shellString',
    data: {
      server: server.name,
      shell: 'cmd',
      flag: argv[flag]!.value,
      remedy: 'Put the program in `command` and its arguments in `args` (`cmd /c` is only needed to start `.cmd` shims such as `npx`, without any cmd syntax).',
    },
    ...withSyntax.range(),
  });
}

/** Reports `sudo` and download-and-run inside a command string; true when something was reported. */
function checkScriptText(context: ConfigRuleContext<MessageId>, server: string, arg: CommandArg): boolean {
  const text = arg.value;
  const piped = PIPE_TO_SHELL.exec(text) ?? SUBSTITUTED_DOWNLOAD.exec(text);
  if (piped) {
    const snippet = piped[0].length > 60 ? `${piped[0].slice(0, 57)}…` : piped[0];
    context.report({ messageId: 'pipeToShell', data: { server, snippet }, ...arg.range(piped.index, piped.index + piped[0].length), severity: 'error' });
    return true;
  }
  const sudo = SUDO_IN_STRING.exec(text);
  if (sudo) {
    const start = sudo.index + sudo[0].length - sudo[1]!.length;
    context.report({ messageId: 'sudo', data: { server, wrapper: sudo[1]! }, ...arg.range(start, start + sudo[1]!.length), severity: 'error' });
    return true;
  }
  return false;
}

/** `"command": "sh", "args": ["-c", "node server.js"]` → `"command": "node", "args": ["server.js"]`. */
function directArgv(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, flag: CommandArg, script: CommandArg): FixDescriptor[] {
  const command = server.command;
  const args = server.args;
  if (!command || context.config.syntax === 'yaml' || flag.value !== '-c' || args.length !== 2 || args[0] !== flag.item || args[1] !== script.item) return [];
  const words = splitWords(script).map((word) => word.value);
  const [program, ...rest] = words;
  if (!program) return [];
  return [
    {
      title: `Run \`${program}\` directly`,
      edits: [
        { start: command.start, end: command.end, newText: JSON.stringify(program) },
        { start: args[0]!.start, end: args[1]!.end, newText: rest.map((word) => JSON.stringify(word)).join(', ') },
      ],
    },
  ];
}
