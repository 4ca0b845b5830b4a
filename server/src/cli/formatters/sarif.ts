import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../../analyzer/finding';
import { OWASP_MCP_TOP_10, REPOSITORY_URL, SEED_CONTROLS } from '../../analyzer/rule';
import type { ScanReport } from '../report';

const LEVELS: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note', hint: 'note' };

/** GitHub code scanning ranks security alerts by this score (critical ≥ 9, high ≥ 7, medium ≥ 4). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '8.0', warning: '5.5', info: '3.0', hint: '1.0' };

function pascalCase(id: string): string {
  return id.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());
}

/** A relative URI reference for a `/`-separated path: each segment escaped, so `#`, `?` and `%` stay part of the name. */
function artifactUri(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Fingerprint that survives lines moving: rule, file, the line's content and its occurrence. */
function fingerprint(ruleId: string, file: string, lineText: string, occurrence: number): string {
  return `${createHash('sha256').update(`${ruleId}\0${file}\0${lineText.trim()}`).digest('hex').slice(0, 32)}:${occurrence}`;
}

/** SARIF 2.1.0 as GitHub code scanning accepts it: rules with help URIs, 1-based regions, relative URIs. */
export function formatSarif(report: ScanReport): string {
  const rules = report.rules.map(({ meta }) => ({
    id: meta.id,
    name: pascalCase(meta.id),
    shortDescription: { text: meta.description },
    fullDescription: { text: `${meta.description}. Enforces control ${meta.control} (${SEED_CONTROLS[meta.control]}); OWASP MCP Top 10 ${meta.owaspMcp} (${OWASP_MCP_TOP_10[meta.owaspMcp]}).` },
    helpUri: meta.docsUrl,
    help: { text: `${meta.description}. Documentation: ${meta.docsUrl}`, markdown: `${meta.description}. [Documentation](${meta.docsUrl})` },
    defaultConfiguration: { level: LEVELS[meta.defaultSeverity] },
    properties: {
      tags: ['security', 'mcp', ...meta.cwe.map((cwe) => `external/cwe/${cwe.toLowerCase()}`), `owasp-mcp/${meta.owaspMcp.toLowerCase()}`],
      precision: meta.confidence === 'high' ? 'high' : meta.confidence === 'medium' ? 'medium' : 'low',
      'security-severity': SECURITY_SEVERITY[meta.defaultSeverity],
    },
  }));
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const occurrences = new Map<string, number>();
  const results = report.findings.map((finding) => {
    const key = `${finding.ruleId}\0${finding.file}\0${finding.lineText.trim()}`;
    const occurrence = (occurrences.get(key) ?? 0) + 1;
    occurrences.set(key, occurrence);
    return {
      ruleId: finding.ruleId,
      ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
      level: LEVELS[finding.severity],
      message: { text: finding.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: artifactUri(finding.file), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.line, startColumn: finding.column, endLine: finding.endLine, endColumn: finding.endColumn },
          },
        },
      ],
      partialFingerprints: { 'mcpWarden/v1': fingerprint(finding.ruleId, finding.file, finding.lineText, occurrence) },
    };
  });
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'MCP Warden', semanticVersion: report.toolVersion, informationUri: REPOSITORY_URL, rules } },
        originalUriBaseIds: { '%SRCROOT%': { uri: `${pathToFileURL(report.root).href.replace(/\/?$/, '/')}` } },
        columnKind: 'utf16CodeUnits',
        results,
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices.map((notice) => ({
              level: notice.kind === 'rule-error' ? 'error' : 'note',
              message: { text: notice.message },
              locations: [{ physicalLocation: { artifactLocation: { uri: artifactUri(notice.file), uriBaseId: '%SRCROOT%' }, ...(notice.line ? { region: { startLine: notice.line } } : {}) } }],
            })),
          },
        ],
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
