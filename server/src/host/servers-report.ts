/**
 * Markdown for the MCP Servers report and the live-inspection report. Every text that comes from a
 * configuration or a server (names, command lines, descriptions) is put in code spans or fenced
 * blocks, so a hostile description cannot inject links, images or HTML into the preview.
 */
import type { Severity } from '../analyzer/finding';
import type { ConfiguredServerSummary, ListServersResult, ServerFindingSummary } from '../protocol';
import type { LiveDefinitions } from './live-inspection';
import type { PinComparison } from './pinning';

export const SEVERITY_ICONS: Record<Severity, string> = { error: '⛔', warning: '⚠️', info: 'ℹ️', hint: '💡' };

/** An inline code span that holds any text (newlines flattened, fence longer than any backtick run). */
export function code(text: string): string {
  const flat = text.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...[...flat.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || flat === '' ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block that holds any text. */
export function fenced(text: string, language = 'text'): string {
  const longest = Math.max(2, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

function count(findings: readonly ServerFindingSummary[]): string {
  if (findings.length === 0) return '✅ no findings';
  const bySeverity = (['error', 'warning', 'info', 'hint'] as const)
    .map((severity) => [severity, findings.filter((finding) => finding.severity === severity).length] as const)
    .filter(([, n]) => n > 0)
    .map(([severity, n]) => `${SEVERITY_ICONS[severity]} ${n} ${severity}${n === 1 ? '' : 's'}`);
  return bySeverity.join(', ');
}

function findingLines(findings: readonly ServerFindingSummary[]): string[] {
  return findings.map((finding) => {
    const where = `line ${finding.range.start.line + 1}`;
    const docs = /^https:\/\//.test(finding.docsUrl) ? ` ([docs](${finding.docsUrl}))` : '';
    const why = finding.description ? ` — _${finding.description.replace(/[_*[\]<>`\\]/g, '')}_` : '';
    return `- ${SEVERITY_ICONS[finding.severity]} **${finding.ruleId}** (${where}): ${escapeText(finding.message)}${why}${docs}`;
  });
}

/** Plain text with markdown and HTML syntax neutralised (rule messages quote configuration values). */
export function escapeText(text: string): string {
  return text.replace(/[\r\n]+/g, ' ').replace(/([\\`*_[\]{}()<>#!|~])/g, '\\$1');
}

function serverLine(server: ConfiguredServerSummary): string[] {
  const target = server.commandLine ?? server.url;
  const lines = [`#### ${server.maxSeverity ? SEVERITY_ICONS[server.maxSeverity] : '✅'} ${code(server.name)} · ${server.transport}`, ''];
  if (target) lines.push(`${server.commandLine ? 'Command' : 'URL'}: ${code(target)}`, '');
  const keys = [...(server.envKeys.length ? [`env: ${server.envKeys.map(code).join(', ')}`] : []), ...(server.headerKeys.length ? [`headers: ${server.headerKeys.map(code).join(', ')}`] : [])];
  if (keys.length) lines.push(`${keys.join(' · ')} (values not shown)`, '');
  lines.push(count(server.findings), '', ...findingLines(server.findings));
  if (server.findings.length) lines.push('');
  return lines;
}

export function renderServersReport(result: ListServersResult): string {
  const files = result.clients.flatMap((client) => client.scopes.flatMap((scope) => scope.files));
  const servers = files.flatMap((file) => file.servers);
  const findings = [...files.flatMap((file) => file.fileFindings), ...servers.flatMap((server) => server.findings)];
  const lines = ['# MCP Servers', '', `${servers.length} server${servers.length === 1 ? '' : 's'} in ${files.length} configuration file${files.length === 1 ? '' : 's'}: ${count(findings)}.`, ''];
  if (files.length === 0) lines.push('No MCP configuration was found in the workspace folders or in your home folder.', '');
  for (const client of result.clients) {
    lines.push(`## ${client.label}`, '');
    for (const scope of client.scopes) {
      for (const file of scope.files) {
        lines.push(`### ${scope.scope === 'workspace' ? 'Workspace' : 'User'}: ${code(file.displayPath)}`, '');
        if (file.error) lines.push(`⚠️ Could not parse all of it: ${escapeText(file.error)}`, '');
        if (file.servers.length === 0) lines.push('_No servers._', '');
        if (file.fileFindings.length) lines.push('File-level findings:', '', ...findingLines(file.fileFindings), '');
        for (const server of file.servers) lines.push(...serverLine(server));
      }
    }
  }
  lines.push(...duplicateNames(files));
  lines.push('---', '', 'Live inspection runs a server only when you ask for it (**Inspect Live** in the MCP Servers view), after a confirmation.');
  return `${lines.join('\n')}\n`;
}

/**
 * Server names configured in more than one file: which definition a client runs depends on its
 * scope precedence, and a workspace entry can shadow (or impersonate) a user-level server.
 */
function duplicateNames(files: ReadonlyArray<{ displayPath: string; servers: ReadonlyArray<{ name: string }> }>): string[] {
  const byName = new Map<string, string[]>();
  for (const file of files) for (const server of file.servers) byName.set(server.name, [...(byName.get(server.name) ?? []), file.displayPath]);
  const duplicates = [...byName].filter(([, paths]) => new Set(paths).size > 1);
  if (duplicates.length === 0) return [];
  return [
    '## Server names defined more than once',
    '',
    'A client that reads several of these files picks one definition by its own precedence, so a workspace entry can shadow a user-level server of the same name. Check that each is the server you expect, or rename one.',
    '',
    ...duplicates.map(([name, paths]) => `- ${code(name)}: ${[...new Set(paths)].map(code).join(', ')}`),
    '',
  ];
}

export interface LiveFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  description: string;
  docsUrl: string;
  /** Which definition it is about. */
  item: string | undefined;
}

export interface LiveReportInput {
  name: string;
  displayPath: string;
  launch: { commandLine?: string; url?: string };
  definitions: LiveDefinitions;
  findings: readonly LiveFinding[];
  pin: { key: string; comparison: PinComparison | undefined; lockfile: string };
}

function pinSection(pin: LiveReportInput['pin']): string[] {
  const lines = ['## Pinned definitions', ''];
  const comparison = pin.comparison;
  if (!comparison) return [...lines, `Not pinned. Run **Pin Live Definitions** to record these definitions in ${code(pin.lockfile)}; a later inspection then reports any change (rug pull).`, ''];
  if (comparison.matches) return [...lines, `✅ The live definitions match the pin in ${code(pin.lockfile)}.`, ''];
  lines.push(`⛔ **The live definitions differ from the pin in ${code(pin.lockfile)}.** A server that changes its tools after you approved them can slip new instructions to the model (rug pull). Review the changes, then pin again if they are expected.`, '');
  for (const change of comparison.changed) {
    lines.push(`- Changed: ${code(change.name)} (${change.fields.map(code).join(', ') || 'definition'})`);
    if (change.descriptionDiff !== undefined) lines.push('', fenced(change.descriptionDiff, 'diff'), '');
  }
  for (const { from, to } of comparison.renamed) lines.push(`- Renamed: ${code(from)} → ${code(to)} (same content)`);
  for (const name of comparison.added) lines.push(`- Added: ${code(name)}`);
  for (const name of comparison.removed) lines.push(`- Removed: ${code(name)}`);
  if (comparison.instructionsDiff !== undefined) lines.push('- Server instructions changed:', '', fenced(comparison.instructionsDiff, 'diff'));
  lines.push('');
  return lines;
}

export function renderLiveReport(input: LiveReportInput): string {
  const { definitions } = input;
  const lines = [`# Live inspection: ${code(input.name)}`, '', `From ${code(input.displayPath)}. ${input.launch.commandLine ? `Started ${code(input.launch.commandLine)}` : `Contacted ${code(input.launch.url ?? '')}`}; the process was stopped afterwards.`, ''];
  if (definitions.serverName) lines.push(`Server: ${code(`${definitions.serverName}${definitions.serverVersion ? ` ${definitions.serverVersion}` : ''}`)}`, '');
  lines.push(`${definitions.tools.length} tools, ${definitions.prompts.length} prompts, ${definitions.resources.length} resources. Tool-description rules: ${input.findings.length === 0 ? '✅ no findings' : `${input.findings.length} finding${input.findings.length === 1 ? '' : 's'}`}.`, '');
  lines.push(...pinSection(input.pin));
  if (input.findings.length) {
    lines.push('## Findings', '');
    for (const finding of input.findings) {
      const docs = /^https:\/\//.test(finding.docsUrl) ? ` ([docs](${finding.docsUrl}))` : '';
      lines.push(`- ${SEVERITY_ICONS[finding.severity]} **${finding.ruleId}**${finding.item ? ` in ${code(finding.item)}` : ''}: ${escapeText(finding.message)}${docs}`);
    }
    lines.push('');
  }
  if (definitions.instructions) lines.push('## Server instructions', '', fenced(definitions.instructions), '');
  const section = (title: string, items: ReadonlyArray<{ name: string; description?: string }>, detail: (item: never) => unknown) => {
    if (items.length === 0) return;
    lines.push(`## ${title}`, '');
    for (const item of items) {
      lines.push(`### ${code(item.name)}`, '');
      if (item.description) lines.push(fenced(item.description), '');
      lines.push('<details><summary>Definition</summary>', '', fenced(JSON.stringify(detail(item as never), null, 2), 'json'), '', '</details>', '');
    }
  };
  section('Tools', definitions.tools, (tool) => tool);
  section('Prompts', definitions.prompts, (prompt) => prompt);
  section('Resources', definitions.resources, (resource) => resource);
  return `${lines.join('\n')}\n`;
}
