import type { ConfigString, ConfiguredServer } from '../../analyzer/config/config-model';
import type { Severity } from '../../analyzer/finding';
import type { McpClient } from '../../analyzer/file-kind';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'userSpecificPath' | 'checkoutPath';

/** Workspace configuration files: the folder above the config directory is the workspace root ('' when the path is relative). */
const WORKSPACE_CONFIGS: Partial<Record<McpClient, RegExp>> = {
  vscode: /^(?:(.*)\/)?\.vscode\/mcp\.json$/i,
  'claude-code': /^(?:(.*)\/)?\.mcp\.json$/i,
  cursor: /^(?:(.*)\/)?\.cursor\/mcp\.json$/i,
  gemini: /^(?:(.*)\/)?\.gemini\/settings\.json$/i,
  zed: /^(?:(.*)\/)?\.zed\/settings\.json$/i,
  codex: /^(?:(.*)\/)?\.codex\/config\.toml$/i,
  continue: /^(?:(.*)\/)?\.continue\/(?:mcpServers\/[^/]+|config\.ya?ml)$/i,
};

/** A home directory itself: configs directly under it are the user's own (`~/.cursor/mcp.json`). */
const HOME_DIRECTORY = /(?:^|\/)(?:home|Users)\/[^/]+$|^\/root$|^[A-Za-z]:\/Users\/[^/]+$/i;

/**
 * `/Users/<name>/…`, `/home/<name>/…`, `C:\Users\<name>\…` starting a value, an option value
 * (`--dir=/home/…`), a PATH-like list entry, or a `file://` URL.
 */
const USER_PATH = /(?<=^|[\s=:,;'"(]|file:\/\/)(?:\/(?:Users|home)\/([^/\\\s'",;:]+)|[A-Za-z]:[\\/]Users[\\/]([^\\/\s'",;:]+))([\\/][^\s'",;]*)?/g;
const SHARED_PROFILES = /^(?:Shared|Public|Default|Default User|All Users|linuxbrew)$/i;

const CONTAINER_RUNTIMES = /^(?:docker|podman|nerdctl)(?:\.exe)?$/i;

/** How each client writes the home directory and the workspace folder. */
const HOME_VARIABLE: Partial<Record<McpClient, string>> = { vscode: '${userHome}', cursor: '${userHome}', 'claude-code': '${HOME}', gemini: '${HOME}' };
const WORKSPACE_VARIABLE: Partial<Record<McpClient, string>> = { vscode: '${workspaceFolder}', cursor: '${workspaceFolder}' };

export default defineRule<MessageId>(
  {
    id: 'no-machine-specific-path',
    group: 'config',
    description: 'Disallow absolute user-specific paths in committed workspace MCP configurations',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-426'],
    owaspMcp: 'MCP04',
    control: 7,
    fix: 'suggestion',
    messages: {
      userSpecificPath:
        "{{location}} of MCP server '{{server}}' points into the home directory of user '{{user}}' ('{{path}}'). This workspace configuration is shared through the repository: on other machines the path does not exist or belongs to another account, so the client launches {{what}}. {{advice}}",
      checkoutPath:
        "{{location}} of MCP server '{{server}}' hard-codes this checkout's absolute location ('{{path}}'). Other clones live elsewhere, so the client launches {{what}}. {{advice}}",
    },
    references: [
      'https://code.visualstudio.com/docs/reference/variables-reference',
      'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://cwe.mitre.org/data/definitions/426.html',
    ],
  },
  {
    'mcp-config': (context) => {
      const root = workspaceRoot(context.source.path, context.client);
      if (root === undefined) return;
      for (const server of context.config.servers) {
        for (const checked of valuesOf(server)) checkValue(context, root, server, checked);
      }
    },
  },
);

/** The workspace folder of a workspace configuration; undefined for user-level files. */
function workspaceRoot(path: string, client: McpClient): string | undefined {
  const pattern = WORKSPACE_CONFIGS[client];
  const match = pattern?.exec(path.replace(/\\/g, '/'));
  if (!match) return undefined;
  const root = match[1] ?? '';
  return HOME_DIRECTORY.test(root) ? undefined : root;
}

interface CheckedValue {
  location: string;
  text: ConfigString;
  /** Where in the value to look: all of it, or the host side of a container volume. */
  from: number;
  to: number;
  severity?: Severity;
  what: string;
}

function valuesOf(server: ConfiguredServer): CheckedValue[] {
  const values: CheckedValue[] = [];
  const whole = (location: string, text: ConfigString, what: string, severity?: Severity) => values.push({ location, text, from: 0, to: text.value.length, what, ...(severity ? { severity } : {}) });
  if (server.command) whole('command', server.command, 'a program that is not there (or is not yours)');
  const runtime = server.command ? CONTAINER_RUNTIMES.test(server.command.value.replace(/\\/g, '/').replace(/^.*\//, '')) : false;
  server.args.forEach((argument, index) => {
    const location = `args[${index}]`;
    if (!runtime) {
      whole(location, argument, 'the server with a path that does not exist there');
      return;
    }
    // Container runtimes: only host paths matter (`-v /home/me/data:/data`, `--mount source=…`, `--env-file`).
    const previous = server.args[index - 1]?.value;
    const inline = /^(--volume=|--env-file=|--mount=)/.exec(argument.value)?.[1];
    const option = inline?.slice(0, -1) ?? previous;
    if (option === '-v' || option === '--volume') {
      const start = inline?.length ?? 0;
      const spec = argument.value.slice(start);
      const drive = /^[A-Za-z]:[\\/]/.test(spec) ? 2 : 0;
      const colon = spec.indexOf(':', drive);
      values.push({ location, text: argument, from: start, to: colon < 0 ? argument.value.length : start + colon, what: 'the container without the mounted data' });
    } else if (option === '--mount') {
      const source = /(?:^|,)(?:source|src)=([^,]*)/.exec(argument.value);
      if (source) values.push({ location, text: argument, from: source.index + source[0].length - source[1]!.length, to: source.index + source[0].length, what: 'the container without the mounted data' });
    } else if (option === '--env-file') {
      values.push({ location, text: argument, from: inline?.length ?? 0, to: argument.value.length, what: 'the container without its environment' });
    }
  });
  for (const entry of server.env) if (entry.value) whole(`env.${entry.key}`, entry.value, 'the server with a setting that is wrong there', 'info');
  for (const key of ['cwd', 'envFile']) {
    const field = server.fields.find((candidate) => candidate.key === key && candidate.kind === 'string');
    if (field?.items[0]) whole(key, field.items[0], key === 'cwd' ? 'the server in a directory that does not exist there' : 'the server without its environment file');
  }
  return values;
}

function checkValue(context: ConfigRuleContext<MessageId>, root: string, server: ConfiguredServer, checked: CheckedValue): void {
  const { text, from, to } = checked;
  const slice = text.value.slice(from, to);
  for (const match of slice.matchAll(USER_PATH)) {
    const user = match[1] ?? match[2]!;
    if (SHARED_PROFILES.test(user)) continue;
    const start = from + match.index;
    report(context, root, server, checked, 'userSpecificPath', start, match[0], user);
  }
  // Not under a home directory, but inside this very checkout (`/srv/src/project/dist/index.js`).
  if (root.length < 2 || /^\/(?:Users|home)\/|^[A-Za-z]:\/Users\//i.test(root)) return;
  const normalized = slice.replace(/\\/g, '/');
  const escaped = root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const inside = new RegExp(`(?<=^|[\\s=:,;'"(])${escaped}(?=$|[/\\s'",;:])`, /^[A-Za-z]:/.test(root) ? 'i' : '').exec(normalized);
  if (inside) {
    const end = /[\s'",;]/.exec(slice.slice(inside.index))?.index;
    report(context, root, server, checked, 'checkoutPath', from + inside.index, slice.slice(inside.index, end === undefined ? undefined : inside.index + end), '');
  }
}

function report(context: ConfigRuleContext<MessageId>, root: string, server: ConfiguredServer, checked: CheckedValue, messageId: MessageId, start: number, path: string, user: string): void {
  const { text } = checked;
  // `file://${userHome}` is no URL on Windows: no rewrite inside file URLs.
  const fixes = text.value.slice(Math.max(0, start - 7), start) === 'file://' ? [] : fixesFor(context.client, root, text, start, path);
  const advice = fixes.length > 0 ? `Use ${fixes.map((fix) => fix.title.replace(/^Use /, '')).join(', or ')}.` : 'Use a path relative to the workspace, or keep machine-specific servers in your user-level configuration.';
  context.report({
    messageId,
    ...(checked.severity ? { severity: checked.severity } : {}),
    data: { location: checked.location, server: server.name, user, path, what: checked.what, advice },
    ...text.decoded.sourceRange(start, start + path.length),
    fixes,
  });
}

/** `${workspaceFolder}` when the path is inside this repository, else the client's home variable. */
function fixesFor(client: McpClient, root: string, text: ConfigString, start: number, path: string): FixDescriptor[] {
  const replace = (replacement: string, length: number, title: string): FixDescriptor => ({
    title,
    edits: [{ start: text.start, end: text.end, newText: JSON.stringify(`${text.value.slice(0, start)}${replacement}${text.value.slice(start + length)}`) }],
  });
  const fixes: FixDescriptor[] = [];
  const normalized = path.replace(/\\/g, '/');
  const workspace = WORKSPACE_VARIABLE[client];
  if (workspace) {
    const repository = root.slice(root.lastIndexOf('/') + 1);
    let length = -1;
    if (normalized === root || normalized.startsWith(`${root}/`)) length = root.length;
    else if (repository) {
      // Another clone of the same repository: `/Users/bob/code/<repository>/…`.
      const at = normalized.indexOf(`/${repository}/`);
      const atEnd = normalized.endsWith(`/${repository}`) ? normalized.length - repository.length - 1 : -1;
      const found = at >= 0 ? at : atEnd;
      if (found > 0) length = found + repository.length + 1;
    }
    if (length > 0) fixes.push(replace(workspace, length, `Use ${workspace} (this repository's folder)`));
  }
  const home = HOME_VARIABLE[client];
  const homePrefix = /^(?:\/(?:Users|home)\/[^/]+|[A-Za-z]:[\\/]Users[\\/][^\\/]+)/.exec(path)?.[0];
  // ${HOME} is a POSIX variable: only offered for POSIX paths.
  if (home && homePrefix && (home === '${userHome}' || homePrefix.startsWith('/'))) fixes.push(replace(home, homePrefix.length, `Use ${home} (the current user's home)`));
  return fixes;
}
