import type { ConfigField, ConfiguredServer } from '../../analyzer/config/config-model';
import { propertyValue } from '../../analyzer/config/json-nodes';
import type { ConfigRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'trustedServer' | 'autoApprovedTools' | 'sandboxAutoApproves' | 'zedAlwaysAllow';

/** Words in a tool name that mean it changes something (`write_file`, `deleteIssue`, `run-command`). */
const DANGEROUS_WORDS = new Set([
  'write', 'edit', 'delete', 'del', 'remove', 'rm', 'destroy', 'drop', 'truncate', 'purge', 'wipe',
  'exec', 'execute', 'run', 'shell', 'bash', 'terminal', 'command', 'cmd', 'eval', 'spawn', 'kill',
  'create', 'update', 'insert', 'upsert', 'modify', 'patch', 'put', 'set', 'move', 'rename', 'copy',
  'push', 'merge', 'commit', 'deploy', 'publish', 'release', 'install', 'uninstall',
  'send', 'post', 'email', 'upload', 'transfer', 'pay', 'approve', 'grant', 'invite',
]);

export default defineRule<MessageId>(
  {
    id: 'no-auto-approve',
    group: 'config',
    description: 'Disallow MCP client settings that run server tools without asking the user',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-862'],
    owaspMcp: 'MCP06',
    control: 6,
    fix: 'suggestion',
    messages: {
      trustedServer:
        "MCP server '{{server}}' is marked \"trust\": true: Gemini CLI then runs every one of its tools without asking for confirmation, so a prompt injection in any file, web page or tool result can make the model call them unchecked. The MCP spec says there SHOULD always be a human in the loop with the ability to deny tool invocations. Remove it and approve calls interactively.",
      autoApprovedTools:
        "MCP server '{{server}}' auto-approves {{tools}} through '{{key}}': these calls run without the user's confirmation, so a prompt injection can trigger them. {{danger}}The MCP spec says there SHOULD always be a human in the loop with the ability to deny tool invocations.",
      sandboxAutoApproves:
        "MCP server '{{server}}' sets \"sandboxEnabled\": true: VS Code then auto-approves its tool calls, so the sandbox's filesystem and network rules are the only limit on what a prompt-injected call can do. Keep sandbox.filesystem.allowWrite and sandbox.network.allowedDomains narrow.",
      zedAlwaysAllow:
        "\"always_allow_tool_actions\": true makes Zed's agent run every tool, including all MCP server tools, without asking: a prompt injection can make it call them unchecked. The MCP spec says there SHOULD always be a human in the loop with the ability to deny tool invocations.",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
      'https://docs.cline.bot/mcp/configuring-mcp-servers',
    ],
  },
  {
    'mcp-config': (context) => {
      // `alwaysAllow`/`autoApprove` are Cline's (and its forks'); the `{ mcpServers }` JSON files share them.
      const approvals = context.format === 'mcp-servers' && context.client !== 'continue';
      for (const server of context.config.servers) {
        for (const field of server.fields) {
          if (field.key === 'trust' && field.scalar === true && context.client === 'gemini') reportTrust(context, server, field);
          else if (approvals && (field.key === 'alwaysAllow' || field.key === 'autoApprove') && field.kind === 'array') reportAutoApprove(context, server, field);
          else if (field.key === 'sandboxEnabled' && field.scalar === true && context.client === 'vscode') {
            context.report({ messageId: 'sandboxAutoApproves', severity: 'info', data: { server: server.name }, start: field.keyRange.start, end: field.valueRange.end });
          }
        }
      }
      if (context.client === 'zed' && context.root) checkZed(context);
    },
  },
);

function reportTrust(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, field: ConfigField): void {
  context.report({
    messageId: 'trustedServer',
    data: { server: server.name },
    start: field.keyRange.start,
    end: field.valueRange.end,
    fixes: [{ title: 'Set "trust" to false', edits: [{ start: field.valueRange.start, end: field.valueRange.end, newText: 'false' }] }],
  });
}

/** The words of a tool name: `delete_file`, `deleteFile`, `delete-file` → delete, file. */
function wordsOf(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .map((word) => word.toLowerCase())
    .filter(Boolean);
}

function reportAutoApprove(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, field: ConfigField): void {
  const names = field.items.map((item) => item.value.trim()).filter(Boolean);
  if (names.length === 0) return;
  const everything = names.some((name) => name === '*' || name === '**');
  const dangerous = everything ? [] : names.filter((name) => wordsOf(name).some((word) => DANGEROUS_WORDS.has(word)));
  const quoted = (list: string[]) => list.map((name) => `'${name}'`).join(', ');
  const tools = everything ? 'every tool' : names.length === 1 ? `the tool ${quoted(names)}` : `${names.length} tools (${quoted(names.slice(0, 6))}${names.length > 6 ? ', …' : ''})`;
  const danger = everything
    ? 'That includes any tool that writes, deletes or executes. '
    : dangerous.length > 0
      ? `${quoted(dangerous)} ${dangerous.length === 1 ? 'changes' : 'change'} data or run${dangerous.length === 1 ? 's' : ''} commands, so one injected instruction is enough to cause damage. `
      : '';
  const fixes = [{ title: `Empty '${field.key}' (ask before every call)`, edits: [{ start: field.valueRange.start, end: field.valueRange.end, newText: '[]' }] }];
  context.report({
    messageId: 'autoApprovedTools',
    severity: everything || dangerous.length > 0 ? 'error' : 'warning',
    data: { server: server.name, tools, key: field.key, danger },
    start: field.keyRange.start,
    end: field.keyRange.end,
    fixes,
  });
}

/** Zed: `"agent": { "always_allow_tool_actions": true }` in the same settings.json. */
function checkZed(context: ConfigRuleContext<MessageId>): void {
  const setting = propertyValue(propertyValue(context.root, 'agent'), 'always_allow_tool_actions');
  if (setting?.type !== 'boolean' || setting.value !== true) return;
  const property = setting.parent;
  const start = property?.offset ?? setting.offset;
  context.report({
    messageId: 'zedAlwaysAllow',
    data: {},
    start,
    end: setting.offset + setting.length,
    fixes: [{ title: 'Set "always_allow_tool_actions" to false', edits: [{ start: setting.offset, end: setting.offset + setting.length, newText: 'false' }] }],
  });
}
