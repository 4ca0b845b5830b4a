import type { ConfigEntry, ConfigString, ConfiguredServer } from '../../analyzer/config/config-model';
import type { ConfigRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';

type MessageId = 'cleartextUrl' | 'credentialsOverCleartext' | 'loopbackCleartext' | 'transportMismatch';

/** Header names that carry a credential (`Authorization`, `X-API-Key`, `X-Auth-Token`, `Cookie`, …). */
const CREDENTIAL_HEADER = /^(?:authorization|proxy-authorization|cookie|x-[\w-]*(?:api[-_]?key|token|auth|secret|password)[\w-]*|[\w-]*api[-_]?key|[\w-]*access[-_]?token)$/i;
/** Query parameters that carry a credential. */
const CREDENTIAL_PARAMETER = /[?&](?:api[-_]?key|apikey|key|token|access[-_]?token|auth|secret|password|sig|signature)=[^&#]+/i;

/** Packages that bridge a local stdio client to a remote MCP server given as an argument. */
const REMOTE_BRIDGES = /^(?:mcp-remote|@[\w.-]+\/mcp-remote)(?:@[^/]*)?$/;

export default defineRule<MessageId>(
  {
    id: 'no-insecure-remote-url',
    group: 'config',
    description: 'Disallow cleartext http:// URLs for remote MCP servers',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-319'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'suggestion',
    messages: {
      cleartextUrl:
        "MCP server '{{server}}' is reached over cleartext {{scheme}}:// at '{{host}}': every request, tool result and session id crosses the network unencrypted and can be read or rewritten by anyone on the path. The MCP authorization spec requires all authorization endpoints to be served over HTTPS; use {{secure}}://.",
      credentialsOverCleartext:
        "MCP server '{{server}}' sends {{credential}} over cleartext {{scheme}}:// to '{{host}}': anyone on the network path can read the credential and replay it against the server. The MCP authorization spec requires HTTPS for authorization traffic; use {{secure}}://.",
      loopbackCleartext:
        "MCP server '{{server}}' uses {{scheme}}:// on the loopback address '{{host}}'. Traffic stays on this machine, so this is acceptable for local development; make sure the URL is never pointed at another host without switching to {{secure}}://.",
      transportMismatch:
        "MCP server '{{server}}' declares {{declared}} but its URL ends in '/sse', the legacy HTTP+SSE endpoint. Only clients that fall back from Streamable HTTP to SSE (VS Code) connect; the others fail: declare the SSE transport ({{suggested}}) or point the URL at the server's Streamable HTTP endpoint (usually '/mcp').",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#communication-security',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/transports',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices',
      'https://cwe.mitre.org/data/definitions/319.html',
    ],
  },
  {
    'mcp-config': (context) => {
      for (const server of context.config.servers) {
        if (server.url) checkUrl(context, server, server.url, true);
        for (const argument of bridgedUrls(server)) checkUrl(context, server, argument, false);
        checkTransport(context, server);
      }
    },
  },
);

interface ParsedUrl {
  scheme: string;
  /** Offsets in the value. */
  authorityEnd: number;
  host: string;
  userinfo: string | undefined;
}

function parseCleartextUrl(value: string): ParsedUrl | undefined {
  const match = /^\s*(https?|wss?):\/\/([^/?#]*)/i.exec(value);
  if (!match) return undefined;
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'https' || scheme === 'wss') return undefined;
  const authority = match[2]!;
  const at = authority.lastIndexOf('@');
  const userinfo = at >= 0 ? authority.slice(0, at) : undefined;
  const hostPort = at >= 0 ? authority.slice(at + 1) : authority;
  const host = hostPort.startsWith('[') ? hostPort.slice(0, hostPort.indexOf(']') + 1) : hostPort.replace(/:[^:]*$/, '');
  return { scheme, authorityEnd: match[0].length, host, userinfo };
}

/** 127.0.0.0/8, ::1, localhost (and `*.localhost`), 0.0.0.0: traffic that never leaves the machine. */
function isLoopbackHost(host: string): boolean {
  const lower = host.toLowerCase().replace(/\.$/, '');
  return (
    lower === 'localhost' ||
    lower.endsWith('.localhost') ||
    /^127(?:\.\d{1,3}){3}$/.test(lower) ||
    lower === '[::1]' ||
    lower === '[0:0:0:0:0:0:0:1]' ||
    lower === '[::ffff:127.0.0.1]' ||
    lower === '0.0.0.0'
  );
}

/** The host is a variable (`${input:host}`, `$HOST`): it may be anything. */
function isVariableHost(host: string): boolean {
  return host === '' || /[$%{}]/.test(host);
}

/** Remote URLs given as arguments to a bridge such as `npx mcp-remote http://…`. */
function bridgedUrls(server: ConfiguredServer): ConfigString[] {
  const bridge = server.args.findIndex((argument) => REMOTE_BRIDGES.test(argument.value));
  if (bridge < 0) return [];
  return server.args.slice(bridge + 1).filter((argument) => /^https?:\/\//i.test(argument.value));
}

function credentialOf(server: ConfiguredServer, url: ConfigString, parsed: ParsedUrl, fromField: boolean): string | undefined {
  if (parsed.userinfo !== undefined && parsed.userinfo.includes(':')) return 'a user name and password embedded in the URL';
  if (CREDENTIAL_PARAMETER.test(url.value)) return 'a credential in the URL query string';
  const headers: ConfigEntry[] = fromField ? server.headers : bridgeHeaders(server);
  for (const header of headers) {
    if (!CREDENTIAL_HEADER.test(header.key)) continue;
    const scheme = /^\s*(Basic|Bearer|Digest|Token)\b/i.exec(header.value?.value ?? '')?.[1];
    return scheme ? `an 'Authorization: ${scheme} …' credential` : `the '${header.key}' header`;
  }
  if (!fromField) return undefined;
  // Codex: `bearer_token_env_var` and `env_http_headers` add credentials from the environment.
  if (server.fields.some((field) => field.key === 'bearer_token_env_var')) return 'a bearer token (bearer_token_env_var)';
  const environmentHeaders = server.fields.find((field) => field.key === 'env_http_headers');
  const credentialHeader = environmentHeaders?.entries.find((entry) => CREDENTIAL_HEADER.test(entry.key));
  if (credentialHeader) return `the '${credentialHeader.key}' header (env_http_headers)`;
  return undefined;
}

/** `mcp-remote <url> --header "Authorization: Bearer …"`: headers passed as arguments. */
function bridgeHeaders(server: ConfiguredServer): ConfigEntry[] {
  const headers: ConfigEntry[] = [];
  server.args.forEach((argument, index) => {
    if (server.args[index - 1]?.value !== '--header') return;
    const colon = argument.value.indexOf(':');
    if (colon <= 0) return;
    const key = argument.value.slice(0, colon).trim();
    const valueText = argument.value.slice(colon + 1).trim();
    headers.push({ key, keyRange: argument, start: argument.start, end: argument.end, value: { ...argument, value: valueText } });
  });
  return headers;
}

function checkUrl(context: ConfigRuleContext<MessageId>, server: ConfiguredServer, url: ConfigString, fromField: boolean): void {
  const parsed = parseCleartextUrl(url.value);
  if (!parsed) return;
  const leading = url.value.length - url.value.trimStart().length;
  const range = url.decoded.sourceRange(leading, parsed.authorityEnd);
  const secure = parsed.scheme === 'ws' ? 'wss' : 'https';
  const data = { server: server.name, scheme: parsed.scheme, host: parsed.host || '(empty host)', secure };
  if (isLoopbackHost(parsed.host)) {
    context.report({ messageId: 'loopbackCleartext', severity: 'info', data, ...range });
    return;
  }
  const credential = credentialOf(server, url, parsed, fromField);
  const fixes = secureFix(url, parsed, leading, secure);
  // A variable host may be a loopback address on some machines: still reported, one level lower.
  const severity = isVariableHost(parsed.host) && !credential ? 'warning' : undefined;
  if (credential) context.report({ messageId: 'credentialsOverCleartext', data: { ...data, credential }, ...range, fixes });
  else context.report({ messageId: 'cleartextUrl', ...(severity ? { severity } : {}), data, ...range, fixes });
}

function secureFix(url: ConfigString, parsed: ParsedUrl, leading: number, secure: string): FixDescriptor[] {
  const value = url.value;
  const rewritten = `${value.slice(0, leading)}${secure}${value.slice(leading + parsed.scheme.length)}`;
  return [{ title: `Use ${secure}://`, edits: [{ start: url.start, end: url.end, newText: JSON.stringify(rewritten) }] }];
}

/** `type: "http"` (Streamable HTTP) or Gemini's `httpUrl` pointing at a `/sse` endpoint. */
function checkTransport(context: ConfigRuleContext<MessageId>, server: ConfiguredServer): void {
  const url = server.url;
  if (!url || !/\/sse\/?(?:[?#].*)?$/i.test(url.value.trim())) return;
  const type = server.type;
  if (type && /^(?:http|streamable-?http|streamableHttp)$/i.test(type.value)) {
    const suggested = context.config.syntax === 'yaml' ? 'type: sse' : '"type": "sse"';
    context.report({ messageId: 'transportMismatch', severity: 'info', data: { server: server.name, declared: `type '${type.value}' (Streamable HTTP)`, suggested }, start: type.start, end: type.end });
    return;
  }
  const httpUrl = server.fields.find((field) => field.key === 'httpUrl');
  if (!type && httpUrl && httpUrl.items[0] === url) {
    context.report({ messageId: 'transportMismatch', severity: 'info', data: { server: server.name, declared: "'httpUrl' (Streamable HTTP)", suggested: "'url' in place of 'httpUrl'" }, start: httpUrl.keyRange.start, end: httpUrl.keyRange.end });
  }
}
