/**
 * Turns discovered configuration files into the MCP Servers view's model: servers grouped by
 * client and scope, each with its transport, a masked command line or URL and its findings.
 */
import { pathToFileURL } from 'node:url';
import { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfiguredServer } from '../analyzer/config/config-model';
import { readConfiguration } from '../analyzer/config/read-configuration';
import { severityRank, type Finding, type Severity } from '../analyzer/finding';
import type { McpClient } from '../analyzer/file-kind';
import { findSecrets, isSecretName } from '../analyzer/text/secrets';
import type { ConfigFileSummary, ConfiguredServerSummary, ListServersResult, ServerFindingSummary, ServerTransport } from '../protocol';
import { CLIENT_LABELS, type DiscoveredConfig, type McpConfigKind } from './config-discovery';

export const MASK = '****';

export interface RuleInfo {
  description: string;
  docsUrl: string;
}

/** Replaces every secret the analyzer recognises in `value` (with `name` as its key, if any) by the mask. */
export function maskSecrets(value: string, name?: string): string {
  const matches = [...findSecrets(value, name)].sort((a, b) => b.start - a.start);
  let masked = value;
  for (const match of matches) masked = masked.slice(0, match.start) + MASK + masked.slice(match.end);
  return masked;
}

/** A URL with its password and secret-named query parameters masked. */
export function maskUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return maskSecrets(url);
  }
  if (parsed.password) parsed.password = MASK;
  else if (parsed.username && findSecrets(parsed.username, 'token').length > 0) parsed.username = MASK;
  for (const key of [...parsed.searchParams.keys()]) {
    const value = parsed.searchParams.get(key) ?? '';
    if (isSecretName(key) || findSecrets(value, key).length > 0) parsed.searchParams.set(key, MASK);
  }
  // URL serialization percent-encodes the mask; keep it readable.
  return parsed.href.replace(/\*{4}|%2A%2A%2A%2A/g, MASK);
}

function quoteArgument(argument: string): string {
  return argument === '' || /[\s"'$`\\]/.test(argument) ? `"${argument.replace(/(["\\$`])/g, '\\$1')}"` : argument;
}

/** `command arg…` as a shell would show it, with secrets masked (also the value after a secret-named flag). */
export function maskCommandLine(command: string, args: readonly string[], mask = true): string {
  if (!mask) return [command, ...args].map(quoteArgument).join(' ');
  const shown: string[] = [maskSecrets(command)];
  let previousFlag: string | undefined;
  for (const argument of args) {
    let value: string;
    const inline = /^(--?[A-Za-z][\w-]*)=(.*)$/s.exec(argument);
    if (inline && isSecretName(inline[1]!)) value = `${inline[1]}=${inline[2] ? MASK : ''}`;
    else if (previousFlag && isSecretName(previousFlag) && !argument.startsWith('-')) value = MASK;
    else if (/^[a-z][a-z0-9+.-]*:\/\//i.test(argument)) value = maskUrl(argument);
    else value = maskSecrets(argument);
    previousFlag = /^--?[A-Za-z][\w-]*$/.test(argument) ? argument : undefined;
    shown.push(quoteArgument(value));
  }
  return shown.join(' ');
}

/** The transport a client would use for the server, from `type` or from the keys present. */
export function transportOf(server: ConfiguredServer, client: McpClient): ServerTransport {
  const type = server.type?.value.toLowerCase().replace(/[-_]/g, '');
  if (type === 'stdio' || type === 'local') return 'stdio';
  if (type === 'sse') return 'sse';
  if (type === 'http' || type === 'streamablehttp' || type === 'remote') return 'http';
  if (server.command) return 'stdio';
  if (!server.url) return 'unknown';
  const urlKey = server.fields.find((field) => (field.key === 'url' || field.key === 'serverUrl' || field.key === 'httpUrl') && field.kind === 'string')?.key;
  // Gemini CLI: `url` is SSE, `httpUrl` Streamable HTTP.
  if (client === 'gemini' && urlKey === 'url') return 'sse';
  return 'http';
}

function worst(findings: readonly ServerFindingSummary[]): Severity | undefined {
  return findings.reduce<Severity | undefined>((max, finding) => (max === undefined || severityRank(finding.severity) > severityRank(max) ? finding.severity : max), undefined);
}

export function summarizeFindings(findings: readonly Finding[], document: TextDocument, ruleInfo: (ruleId: string) => RuleInfo | undefined): ServerFindingSummary[] {
  return findings.map((finding) => {
    const info = ruleInfo(finding.ruleId);
    return {
      ruleId: finding.ruleId,
      message: finding.message,
      severity: finding.severity,
      range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
      description: info?.description ?? '',
      docsUrl: info?.docsUrl ?? '',
    };
  });
}

export function summarizeServer(server: ConfiguredServer, kind: McpConfigKind, findings: readonly Finding[], document: TextDocument, ruleInfo: (ruleId: string) => RuleInfo | undefined): ConfiguredServerSummary {
  const summaries = summarizeFindings(findings, document, ruleInfo);
  const transport = transportOf(server, kind.client);
  const maxSeverity = worst(summaries);
  return {
    name: server.name,
    nameRange: { start: document.positionAt(server.nameRange.start), end: document.positionAt(server.nameRange.end) },
    transport,
    ...(server.command ? { commandLine: maskCommandLine(server.command.value, server.args.map((arg) => arg.value)) } : {}),
    ...(server.url ? { url: maskUrl(server.url.value) } : {}),
    envKeys: server.env.map((entry) => entry.key),
    headerKeys: server.headers.map((entry) => entry.key),
    findings: summaries,
    ...(maxSeverity ? { maxSeverity } : {}),
  };
}

/** One file: its servers with the findings inside each server's entry, and the rest at file level. */
export function summarizeFile(config: DiscoveredConfig, findings: readonly Finding[], ruleInfo: (ruleId: string) => RuleInfo | undefined): ConfigFileSummary {
  const document = TextDocument.create(pathToFileURL(config.path).href, 'json', 0, config.text);
  const read = readConfiguration(config.kind, config.text);
  const claimed = new Set<Finding>();
  const servers = read.configuration.servers.map((server) => {
    const inside = findings.filter((finding) => !claimed.has(finding) && finding.start >= server.range.start && finding.end <= server.range.end);
    for (const finding of inside) claimed.add(finding);
    return summarizeServer(server, config.kind, inside, document, ruleInfo);
  });
  return {
    uri: document.uri,
    displayPath: config.displayPath,
    client: config.kind.client,
    clientLabel: CLIENT_LABELS[config.kind.client],
    scope: config.scope,
    ...(read.error ? { error: read.error } : {}),
    servers,
    fileFindings: summarizeFindings(
      findings.filter((finding) => !claimed.has(finding)),
      document,
      ruleInfo,
    ),
  };
}

const CLIENT_ORDER: readonly McpClient[] = ['vscode', 'claude-code', 'cursor', 'claude-desktop', 'windsurf', 'cline', 'gemini', 'codex', 'continue', 'zed', 'generic'];

/** Groups file summaries by client (in a fixed order), then scope (workspace first), keeping file order. */
export function groupFiles(files: readonly ConfigFileSummary[]): ListServersResult {
  const clients: ListServersResult['clients'] = [];
  const order = (client: string) => {
    const index = CLIENT_ORDER.indexOf(client as McpClient);
    return index < 0 ? CLIENT_ORDER.length : index;
  };
  for (const file of files) {
    let group = clients.find((candidate) => candidate.client === file.client);
    if (!group) {
      group = { client: file.client, label: file.clientLabel, scopes: [] };
      clients.push(group);
    }
    let scope = group.scopes.find((candidate) => candidate.scope === file.scope);
    if (!scope) {
      scope = { scope: file.scope, files: [] };
      group.scopes.push(scope);
      group.scopes.sort((a, b) => (a.scope === b.scope ? 0 : a.scope === 'workspace' ? -1 : 1));
    }
    scope.files.push(file);
  }
  clients.sort((a, b) => order(a.client) - order(b.client));
  return { clients };
}
