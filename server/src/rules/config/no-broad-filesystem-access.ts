import { commandLines, type CommandArg } from '../../analyzer/config/known-mcp-packages';
import type { ConfiguredServer } from '../../analyzer/config/config-model';
import type { McpClient } from '../../analyzer/file-kind';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'broadRoot';

/** Filesystem servers whose positional arguments are the directories they may read and write. */
const FILESYSTEM_SERVER = /(?:^|[/@])(?:server-filesystem|mcp-server-filesystem|filesystem-mcp(?:-server)?)(?:@[^/\s]*)?(?:[/\\]|$)/i;

/** Roots that hand the server far more than a project: the disk, the home folder, system folders. */
const BROAD_ROOTS: ReadonlyArray<{ pattern: RegExp; what: string }> = [
  { pattern: /^\/+$/, what: 'the whole file system' },
  { pattern: /^[A-Za-z]:[\\/]*$/, what: 'a whole drive' },
  { pattern: /^(?:~|\$HOME|\$\{HOME\}|\$\{env:HOME\}|\$\{userHome\}|%USERPROFILE%|%HOMEPATH%)[\\/]*$/i, what: 'your whole home folder' },
  { pattern: /^(?:\/Users|\/home|[A-Za-z]:[\\/]Users)[\\/]+[^\\/]+[\\/]*$/i, what: 'a whole home folder' },
  { pattern: /^(?:\/Users|\/home|\/root|[A-Za-z]:[\\/]Users)[\\/]*$/i, what: 'every home folder' },
  { pattern: /^\/(?:etc|var|usr|opt|private|System|Library)[\\/]*$/, what: 'a system folder' },
];

/** Clients whose configs can name the project folder, and how. */
const WORKSPACE_VARIABLE: Partial<Record<McpClient, string>> = { vscode: '${workspaceFolder}', cursor: '${workspaceFolder}' };

export default defineRule<MessageId>(
  {
    id: 'no-broad-filesystem-access',
    group: 'config',
    description: 'Disallow filesystem MCP servers rooted at the whole disk or home folder',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-732', 'CWE-250'],
    owaspMcp: 'MCP02',
    control: 6,
    fix: 'suggestion',
    messages: {
      broadRoot:
        "MCP server '{{server}}' gives the model {{what}} (`{{root}}`): every file there — SSH keys, cloud credentials, other projects, browser profiles — can be read, and changed, by any tool call, including one a prompt injection asks for. Allow only the folders the work needs{{advice}}.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://github.com/modelcontextprotocol/servers/tree/main/src/filesystem',
      'https://cwe.mitre.org/data/definitions/732.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) for (const root of broadRoots(server)) report(context, server, root.arg, root.what);
    },
  },
);

function broadRoots(server: ConfiguredServer): Array<{ arg: CommandArg; what: string }> {
  const found: Array<{ arg: CommandArg; what: string }> = [];
  for (const line of commandLines(server)) {
    const serverIndex = line.argv.findIndex((arg) => FILESYSTEM_SERVER.test(arg.value));
    if (serverIndex < 0) continue;
    for (const arg of line.argv.slice(serverIndex + 1)) {
      if (arg.value.startsWith('-')) continue;
      const broad = BROAD_ROOTS.find(({ pattern }) => pattern.test(arg.value.trim()));
      if (broad && !found.some((known) => known.arg.range().start === arg.range().start)) found.push({ arg, what: broad.what });
    }
  }
  return found;
}

function report(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, root: CommandArg, what: string): void {
  const variable = WORKSPACE_VARIABLE[context.client];
  const fixes: FixDescriptor[] =
    variable && root.item ? [{ title: `Limit it to the workspace folder (${variable})`, edits: [{ start: root.item.start, end: root.item.end, newText: JSON.stringify(variable) }] }] : [];
  context.report({
    messageId: 'broadRoot',
    data: { server: server.name, what, root: root.value, advice: variable ? `, e.g. ${variable}` : ' (a project folder, not its parents)' },
    ...root.range(),
    fixes,
  });
}
