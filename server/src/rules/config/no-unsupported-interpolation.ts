import type { ConfigString, ConfiguredServer } from '../../analyzer/config/config-model';
import type { McpClient } from '../../analyzer/file-kind';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'unsupportedInterpolation';

/** The variable forms found in configuration values. */
type TokenKind =
  /** `${input:id}` (VS Code inputs). */
  | 'input'
  /** `${env:NAME}` (VS Code, Cursor, Windsurf). */
  | 'env-prefixed'
  /** `${NAME}` or `${NAME:-default}` (Claude Code, Gemini CLI). */
  | 'braced'
  /** `$NAME` (Gemini CLI, shells). */
  | 'dollar'
  /** `${workspaceFolder}`, `${userHome}`, `${config:…}`: VS Code's predefined variables. */
  | 'editor'
  /** `${{ secrets.NAME }}` (Continue). */
  | 'template'
  /** Anything else in `${…}`. */
  | 'other';

interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  /** The variable named, for env-style and editor tokens. */
  name: string;
  /** `${NAME:-default}`. */
  hasDefault: boolean;
}

const EDITOR_VARIABLES = new Set([
  'workspaceFolder',
  'workspaceFolderBasename',
  'workspaceRoot',
  'userHome',
  'cwd',
  'pathSeparator',
  '/',
  'file',
  'fileWorkspaceFolder',
  'relativeFile',
  'relativeFileDirname',
  'fileBasename',
  'fileBasenameNoExtension',
  'fileExtname',
  'fileDirname',
  'fileDirnameBasename',
  'execPath',
  'lineNumber',
  'selectedText',
  'defaultBuildTask',
]);
const EDITOR_PREFIXES = /^(?:workspaceFolder|workspaceFolderBasename|config|command):/;
const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Cursor's documented variables besides `${env:…}`. */
const CURSOR_VARIABLES = new Set(['userHome', 'workspaceFolder', 'workspaceFolderBasename', 'pathSeparator', '/']);

function tokensOf(value: string): Token[] {
  const tokens: Token[] = [];
  for (const match of value.matchAll(/\$\{\{[^}]*\}\}|\$\{([^{}]*)\}|(?<![\w$\\])\$([A-Z_][A-Z0-9_]*)\b/g)) {
    const text = match[0];
    const base = { text, start: match.index, hasDefault: false };
    if (text.startsWith('${{')) tokens.push({ ...base, kind: 'template', name: '' });
    else if (match[2] !== undefined) tokens.push({ ...base, kind: 'dollar', name: match[2] });
    else {
      const inner = match[1]!.trim();
      const defaulted = /^([A-Za-z_][A-Za-z0-9_]*):-/.exec(inner);
      if (inner.startsWith('input:')) tokens.push({ ...base, kind: 'input', name: inner.slice('input:'.length) });
      else if (inner.startsWith('env:')) tokens.push({ ...base, kind: 'env-prefixed', name: inner.slice('env:'.length) });
      else if (EDITOR_VARIABLES.has(inner) || EDITOR_PREFIXES.test(inner)) tokens.push({ ...base, kind: 'editor', name: inner });
      else if (ENV_NAME.test(inner)) tokens.push({ ...base, kind: 'braced', name: inner });
      else if (defaulted) tokens.push({ ...base, kind: 'braced', name: defaulted[1]!, hasDefault: true });
      else tokens.push({ ...base, kind: 'other', name: inner });
    }
  }
  return tokens;
}

interface ClientSyntax {
  label: string;
  /** Whether the client expands the token; otherwise the replacement it understands, if any. */
  check(token: Token): { supported: true } | { supported: false; replacement?: string };
  advice: string;
}

const SUPPORTED = { supported: true } as const;
const unsupported = (replacement?: string) => ({ supported: false as const, ...(replacement !== undefined ? { replacement } : {}) });
const isHome = (name: string) => name === 'HOME' || name === 'USERPROFILE';

const NO_INTERPOLATION = (label: string, advice: string): ClientSyntax => ({ label, check: () => unsupported(), advice });

const CLIENTS: Partial<Record<McpClient, ClientSyntax>> = {
  vscode: {
    label: 'VS Code',
    check: (token) => {
      if (token.kind === 'input' || token.kind === 'env-prefixed' || token.kind === 'editor') return SUPPORTED;
      if ((token.kind === 'braced' || token.kind === 'dollar') && !token.hasDefault) return unsupported(isHome(token.name) ? '${userHome}' : `\${env:${token.name}}`);
      return unsupported();
    },
    advice: 'VS Code expands ${env:NAME}, ${input:id} and its predefined variables (${workspaceFolder}, ${userHome}).',
  },
  cursor: {
    label: 'Cursor',
    check: (token) => {
      if (token.kind === 'env-prefixed' || (token.kind === 'editor' && CURSOR_VARIABLES.has(token.name))) return SUPPORTED;
      if ((token.kind === 'braced' || token.kind === 'dollar') && !token.hasDefault) return unsupported(isHome(token.name) ? '${userHome}' : `\${env:${token.name}}`);
      return unsupported();
    },
    advice: 'Cursor expands ${env:NAME}, ${userHome}, ${workspaceFolder} and ${workspaceFolderBasename}; it has no ${input:…} prompts.',
  },
  windsurf: {
    label: 'Windsurf',
    check: (token) => {
      // Windsurf documents only ${env:…} (and ${file:…}); other editor variables are left alone.
      if (token.kind === 'env-prefixed' || token.kind === 'editor' || (token.kind === 'other' && token.name.startsWith('file:'))) return SUPPORTED;
      if ((token.kind === 'braced' || token.kind === 'dollar') && !token.hasDefault) return unsupported(`\${env:${token.name}}`);
      return unsupported();
    },
    advice: 'Windsurf expands ${env:NAME}.',
  },
  'claude-code': {
    label: 'Claude Code (.mcp.json)',
    check: (token) => {
      if (token.kind === 'braced') return SUPPORTED;
      if (token.kind === 'env-prefixed' && ENV_NAME.test(token.name)) return unsupported(`\${${token.name}}`);
      if (token.kind === 'dollar') return unsupported(`\${${token.name}}`);
      if (token.kind === 'editor' && token.name === 'userHome') return unsupported('${HOME}');
      return unsupported();
    },
    advice: 'Claude Code expands only environment variables, written ${NAME} or ${NAME:-default}; ${input:…} prompts exist only in .vscode/mcp.json.',
  },
  gemini: {
    label: 'Gemini CLI',
    check: (token) => {
      if ((token.kind === 'braced' && !token.hasDefault) || token.kind === 'dollar') return SUPPORTED;
      if (token.kind === 'env-prefixed' && ENV_NAME.test(token.name)) return unsupported(`\${${token.name}}`);
      if (token.kind === 'editor' && token.name === 'userHome') return unsupported('${HOME}');
      return unsupported();
    },
    advice: 'Gemini CLI expands environment variables written $NAME or ${NAME}.',
  },
  continue: {
    label: 'Continue',
    check: (token) => (token.kind === 'template' ? SUPPORTED : unsupported()),
    advice: 'Continue expands only its own template expressions (secrets.NAME, inputs.NAME, written in double braces after a $); define the value as a Continue secret.',
  },
  codex: NO_INTERPOLATION(
    'Codex',
    'Codex config.toml has no variable syntax: forward variables with env_vars = ["NAME"], and send header credentials with bearer_token_env_var or env_http_headers.',
  ),
  'claude-desktop': NO_INTERPOLATION('Claude Desktop', 'Claude Desktop expands no variables in claude_desktop_config.json: write the value itself, or package the server as a Desktop Extension with a user_config field.'),
  cline: NO_INTERPOLATION('Cline', 'Cline expands no variables: write the value itself (and keep the file out of version control), or let the server read its own environment.'),
  zed: NO_INTERPOLATION('Zed', 'Zed expands no variables in context_servers: write the value itself in your user settings, or let the server read its own environment.'),
};

const SHELLS = /^(?:sh|bash|zsh|dash|ksh|fish|cmd|powershell|pwsh)(?:\.exe)?$/i;
const SECRET_NAME = /token|secret|password|passwd|api[-_]?key|auth|credential|cookie|private[-_]?key/i;

export default defineRule<MessageId>(
  {
    id: 'no-unsupported-interpolation',
    group: 'config',
    description: 'Disallow variable syntax the MCP client does not expand',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-684'],
    owaspMcp: 'MCP01',
    control: 7,
    fix: 'suggestion',
    messages: {
      unsupportedInterpolation:
        "{{client}} does not expand {{token}} in {{location}} of MCP server '{{server}}': the server receives it as literal text{{consequence}}. {{advice}}",
    },
    references: [
      'https://code.visualstudio.com/docs/reference/variables-reference',
      'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      'https://docs.anthropic.com/en/docs/claude-code/mcp',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
    ],
  },
  {
    'mcp-config': (context) => {
      const syntax = CLIENTS[context.client];
      // JSON files dropped into .continue/mcpServers/ use another client's syntax, unknown here.
      if (!syntax || (context.client === 'continue' && context.config.syntax !== 'yaml')) return;
      for (const server of context.config.servers) {
        for (const value of valuesOf(server)) checkValue(context, syntax, server, value);
      }
    },
  },
);

interface ExpandedValue {
  location: string;
  text: ConfigString;
  /** An env var or header that carries a credential. */
  secret: boolean;
  /** A shell runs this argument and expands `$NAME` itself. */
  shell: boolean;
}

/** Every string the client would expand variables in. */
function valuesOf(server: ConfiguredServer): ExpandedValue[] {
  const values: ExpandedValue[] = [];
  const add = (location: string, text: ConfigString, secret = false, shell = false) => values.push({ location, text, secret, shell });
  if (server.command) add('command', server.command);
  const command = server.command?.value.replace(/\\/g, '/').replace(/^.*\//, '') ?? '';
  const throughShell = SHELLS.test(command) || server.args.some((argument) => /^(?:-c|\/c|-Command)$/i.test(argument.value));
  server.args.forEach((argument, index) => add(`args[${index}]`, argument, false, throughShell));
  for (const entry of server.env) if (entry.value) add(`env.${entry.key}`, entry.value, SECRET_NAME.test(entry.key));
  for (const entry of server.headers) if (entry.value) add(`headers.${entry.key}`, entry.value, true);
  if (server.url) add('url', server.url);
  for (const key of ['cwd', 'envFile']) {
    const field = server.fields.find((candidate) => candidate.key === key && candidate.kind === 'string');
    if (field?.items[0]) add(key, field.items[0]);
  }
  return values;
}

/** Continue's `${{ … }}` is shown without its double braces, which message templates reserve. */
function displayed(token: Token): string {
  return token.kind === 'template' ? `the Continue template expression '${token.text.slice(3, -2).trim()}'` : `'${token.text}'`;
}

function checkValue(context: ConfigRuleContext<MessageId>, syntax: ClientSyntax, server: ConfiguredServer, { location, text, secret, shell }: ExpandedValue): void {
  for (const token of tokensOf(text.value)) {
    if (token.kind === 'dollar' && shell) continue;
    const verdict = syntax.check(token);
    if (verdict.supported) continue;
    const fixes: FixDescriptor[] = [];
    if (verdict.replacement !== undefined) {
      const replaced = `${text.value.slice(0, token.start)}${verdict.replacement}${text.value.slice(token.start + token.text.length)}`;
      fixes.push({ title: `Write it as ${verdict.replacement}`, edits: [{ start: text.start, end: text.end, newText: JSON.stringify(replaced) }] });
    }
    context.report({
      messageId: 'unsupportedInterpolation',
      data: {
        client: syntax.label,
        token: displayed(token),
        location,
        server: server.name,
        consequence: secret ? ' in place of the credential, so authentication fails and the placeholder is sent to the remote service' : '',
        advice: verdict.replacement !== undefined ? `Write ${verdict.replacement} instead.` : syntax.advice,
      },
      ...text.decoded.sourceRange(token.start, token.start + token.text.length),
      fixes,
    });
  }
}
