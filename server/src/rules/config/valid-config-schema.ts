import { SERVERS_KEY } from '../../analyzer/config/config-model';
import type { Node as JsonNode } from 'jsonc-parser';
import type { ConfiguredServer, ConfigField } from '../../analyzer/config/config-model';
import { insertFirstProperty } from '../../analyzer/config/json-edits';
import { configSchemaFor, nodeAt, SCHEMA_SERVERS_KEY, validateConfigJson, type ConfigSchemaId } from '../../analyzer/config/schema-validation';
import { MCP_CLIENT_NAMES, type McpClient } from '../../analyzer/file-kind';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'schemaViolation' | 'wrongServersKey' | 'unknownTopLevelKey' | 'unknownServerKey' | 'remoteWithoutType' | 'nestedTransport';

const CLIENT_NAMES: Record<McpClient, string> = { ...MCP_CLIENT_NAMES, generic: 'the MCP client' };

const keys = (...names: string[]) => new Set(names);

/**
 * The keys each client reads in a server entry (config-formats reference A.1/A.2). `.mcp.json` is
 * read by Claude Code and by VS Code/Copilot (`transport`, `tools`). Clients without a documented
 * list (Claude Desktop, generic files) get the union, so only keys no client reads are reported.
 */
const SERVER_KEYS: Partial<Record<McpClient, ReadonlySet<string>>> = {
  vscode: keys('type', 'command', 'args', 'cwd', 'env', 'envFile', 'sandboxEnabled', 'sandbox', 'dev', 'url', 'headers', 'oauth', 'version', 'gallery'),
  'claude-code': keys('type', 'command', 'args', 'env', 'url', 'headers', 'headersHelper', 'oauth', 'timeout', 'transport', 'tools'),
  cursor: keys('type', 'command', 'args', 'env', 'envFile', 'url', 'headers', 'auth'),
  windsurf: keys('command', 'args', 'env', 'disabled', 'disabledTools', 'serverUrl', 'url', 'headers'),
  cline: keys('type', 'transportType', 'command', 'args', 'env', 'cwd', 'url', 'headers', 'alwaysAllow', 'autoApprove', 'disabled', 'timeout'),
  gemini: keys('type', 'command', 'args', 'env', 'cwd', 'url', 'httpUrl', 'headers', 'timeout', 'trust', 'includeTools', 'excludeTools', 'oauth', 'authProviderType', 'targetAudience', 'targetServiceAccount'),
  zed: keys('source', 'command', 'args', 'env', 'url', 'headers', 'settings', 'enabled'),
};
const ANY_MCP_SERVERS_CLIENT = new Set(['claude-code', 'cursor', 'windsurf', 'cline'].flatMap((client) => [...SERVER_KEYS[client as McpClient]!]).concat('cwd', 'envFile'));

/** Keys people write for documentation; clients ignore them and they change nothing. */
const ANNOTATION_KEY = /^(?:[_$].*|\/\/.*|description|comment|comments|name|notes?|title)$/i;

/** Another client's spelling of a key this client reads under a different name. */
const OTHER_CLIENT_KEYS: Record<string, readonly string[]> = {
  serverUrl: ['httpUrl', 'url'],
  httpUrl: ['url'],
  environment: ['env'],
  arguments: ['args'],
  cmd: ['command'],
  autoApprove: ['alwaysAllow'],
  alwaysAllow: ['autoApprove'],
};

/** Top-level keys VS Code's mcp.json reads (its own schema forbids any other). */
const VSCODE_TOP_LEVEL = keys('$schema', 'servers', 'inputs', 'sandbox');
/** Where other clients keep their servers; none of them is read by a file of another format. */
const SERVERS_KEYS: ReadonlySet<string> = new Set(Object.values(SERVERS_KEY));

export default defineRule<MessageId>(
  {
    id: 'valid-config-schema',
    group: 'config',
    description: 'Require MCP client configurations to match the schema their client reads',
    defaultSeverity: 'warning',
    confidence: 'high',
    cwe: ['CWE-1284', 'CWE-20'],
    owaspMcp: 'MCP09',
    control: 7,
    fix: 'suggestion',
    messages: {
      schemaViolation: '{{where}}{{problem}}. {{client}} may reject this file or skip the entry, so what runs differs from what you review.',
      wrongServersKey:
        '{{client}} reads `{{expected}}` in this file and ignores `{{found}}`: {{consequence}}. Rename the key to `{{expected}}`.',
      unknownTopLevelKey: 'Unknown top-level key `{{key}}`: VS Code\'s mcp.json only reads `servers`, `inputs` and `sandbox`, and ignores the rest.',
      unknownServerKey: "Unknown key `{{key}}` in server '{{server}}' ({{readBy}}): the setting has no effect.{{hint}}",
      remoteWithoutType:
        "Server '{{server}}' has `url` but no `type`: Claude Code treats an entry without `type` as stdio and fails to start it. Add \"type\": \"{{type}}\".",
      nestedTransport:
        "Server '{{server}}' nests `transport` as an object; no MCP client reads that shape, so its `type`/`url` are ignored. Put `type` and `url` on the server entry itself.",
    },
    references: [
      'https://code.visualstudio.com/docs/copilot/reference/mcp-configuration',
      'https://docs.anthropic.com/en/docs/claude-code/mcp',
      'https://cursor.com/docs/context/mcp',
      'https://github.com/google-gemini/gemini-cli/blob/main/docs/tools/mcp-server.md',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://cwe.mitre.org/data/definitions/1284.html',
    ],
  },
  {
    'mcp-config': (context) => {
      const root = context.root;
      // A half-parsed tree yields schema errors about text that is only mistyped; the syntax errors come first.
      if (root?.type !== 'object' || context.config.syntax !== 'json' || context.hasSyntaxErrors) return;
      const schema = configSchemaFor(context.format, context.client);
      if (!schema) return;
      const serversKey = SCHEMA_SERVERS_KEY[schema];
      const explained = new Explained();
      checkTopLevel(context, schema, serversKey);
      for (const server of context.config.servers) checkServer(context, root, serversKey, server, explained);
      for (const problem of validateConfigJson(root, schema)) {
        if (explained.covers(problem.path.map(String).join('/'), problem.keyword)) continue;
        const where = problem.server === undefined ? '' : `Server '${problem.server}': `;
        const text = problem.server === undefined ? capitalize(problem.problem) : problem.problem.charAt(0).toLowerCase() + problem.problem.slice(1);
        context.report({ messageId: 'schemaViolation', data: { where, problem: text, client: CLIENT_NAMES[context.client] }, start: problem.start, end: problem.end });
      }
    },
  },
);

function checkTopLevel(context: ConfigRuleContext<MessageId>, schema: ConfigSchemaId, serversKey: string): void {
  const topLevel = context.config.topLevel;
  const hasExpected = topLevel.some((field) => field.key === serversKey);
  // Gemini and Zed settings hold every other setting too, and are only recognised by their servers key.
  if (schema === 'gemini-settings' || schema === 'zed-settings') return;
  for (const field of topLevel) {
    if (field.key === serversKey) continue;
    if (SERVERS_KEYS.has(field.key)) {
      const count = field.kind === 'object' ? field.entries.length : 0;
      const fixes: FixDescriptor[] =
        !hasExpected && field.key !== 'context_servers' ? [{ title: `Rename \`${field.key}\` to \`${serversKey}\``, edits: [{ start: field.keyRange.start, end: field.keyRange.end, newText: JSON.stringify(serversKey) }] }] : [];
      context.report({
        messageId: 'wrongServersKey',
        data: { client: clientsOfFile(context.client), expected: serversKey, found: field.key, consequence: count === 0 ? 'servers added under it never start' : count === 1 ? 'its server never starts' : `its ${count} servers never start` },
        start: field.keyRange.start,
        end: field.keyRange.end,
        fixes,
      });
    } else if (schema === 'vscode-mcp' && !VSCODE_TOP_LEVEL.has(field.key) && !ANNOTATION_KEY.test(field.key)) {
      context.report({ messageId: 'unknownTopLevelKey', data: { key: field.key }, start: field.keyRange.start, end: field.keyRange.end });
    }
  }
}

/** `.mcp.json` is read by Claude Code and VS Code alike. */
function clientsOfFile(client: McpClient): string {
  return client === 'claude-code' ? 'Claude Code (and VS Code for .mcp.json)' : CLIENT_NAMES[client];
}

/** Schema errors a specific check already explained (a subtree, or some keywords at one path); reporting them again would repeat it. */
class Explained {
  private readonly subtrees = new Set<string>();
  private readonly keywords = new Map<string, Set<string>>();

  subtree(path: string): void {
    this.subtrees.add(path);
  }

  /** The server's "needs command or url" errors, once a finding names the key that would satisfy them. */
  missingKeys(path: string): void {
    this.keywords.set(path, new Set(['anyOf', 'oneOf', 'required']));
  }

  covers(path: string, keyword: string): boolean {
    if (this.keywords.get(path)?.has(keyword)) return true;
    return [...this.subtrees].some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  }
}

function checkServer(context: ConfigRuleContext<MessageId>, root: JsonNode, serversKey: string, server: ConfiguredServer, explained: Explained): void {
  const serverPath = `${serversKey}/${server.name}`;
  const field = (key: string) => server.fields.find((candidate) => candidate.key === key);
  const transport = field('transport');
  if (transport?.kind === 'object') {
    explained.subtree(`${serverPath}/transport`);
    // The missing command/url follows from the nesting; say it once.
    explained.missingKeys(serverPath);
    context.report({ messageId: 'nestedTransport', data: { server: server.name }, start: transport.keyRange.start, end: transport.keyRange.end });
  }
  const url = field('url');
  if (context.client === 'claude-code' && url?.kind === 'string' && !field('type') && !field('command') && !(transport?.kind === 'string')) {
    const type = /\/sse\/?(?:[?#]|$)/.test(String(url.scalar)) ? 'sse' : 'http';
    const object = nodeAt(root, [serversKey, server.name]);
    const fixes: FixDescriptor[] = object ? [{ title: `Add "type": "${type}"`, edits: [insertFirstProperty(object, 'type', type, context.source)] }] : [];
    context.report({ messageId: 'remoteWithoutType', data: { server: server.name, type }, start: url.keyRange.start, end: url.keyRange.end, fixes });
  }
  if (checkUnknownKeys(context, server, transport)) explained.missingKeys(serverPath);
}

/** Reports keys the client does not read; true when one of them is a misspelling of a key the client reads. */
function checkUnknownKeys(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, transport: ConfigField | undefined): boolean {
  const specific = SERVER_KEYS[context.client];
  const known = specific ?? ANY_MCP_SERVERS_CLIENT;
  const readBy = `not read by ${specific ? CLIENT_NAMES[context.client] : 'Claude, Cursor, Windsurf or Cline'}`;
  const present = new Set(server.fields.map((candidate) => candidate.key));
  let renamed = false;
  for (const field of server.fields) {
    if (known.has(field.key) || ANNOTATION_KEY.test(field.key) || field === transport) continue;
    const replacement = replacementKey(field.key, known, present);
    const hint = replacement ? ` ${CLIENT_NAMES[context.client] === 'the MCP client' ? 'MCP clients read' : `${CLIENT_NAMES[context.client]} reads`} \`${replacement}\`.` : '';
    renamed ||= replacement !== undefined;
    const fixes: FixDescriptor[] = replacement ? [{ title: `Rename \`${field.key}\` to \`${replacement}\``, edits: [{ start: field.keyRange.start, end: field.keyRange.end, newText: JSON.stringify(replacement) }] }] : [];
    context.report({ messageId: 'unknownServerKey', data: { key: field.key, server: server.name, readBy, hint }, start: field.keyRange.start, end: field.keyRange.end, fixes });
  }
  return renamed;
}

/** The key the user most likely meant: another client's spelling, a case slip or a typo (edit distance ≤ 2). */
function replacementKey(key: string, known: ReadonlySet<string>, present: ReadonlySet<string>): string | undefined {
  const free = (candidate: string) => known.has(candidate) && !present.has(candidate);
  const alias = OTHER_CLIENT_KEYS[key]?.find(free);
  if (alias) return alias;
  const lower = key.toLowerCase();
  const candidates = [...known].filter((candidate) => !present.has(candidate));
  const sameCase = candidates.find((candidate) => candidate.toLowerCase() === lower);
  if (sameCase) return sameCase;
  const limit = key.length >= 6 ? 2 : key.length >= 3 ? 1 : 0;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    const distance = editDistance(lower, candidate.toLowerCase(), bestDistance);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning `limit`) once it cannot be below `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) >= limit) return limit;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      current.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin >= limit) return limit;
    previous = current;
  }
  return previous[b.length]!;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
