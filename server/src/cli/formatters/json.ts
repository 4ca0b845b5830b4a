import type { ScanReport } from '../report';

/** Machine-readable report: positions are 1-based, columns count UTF-16 code units. */
export function formatJson(report: ScanReport): string {
  return `${JSON.stringify(
    {
      tool: { name: 'mcp-warden', version: report.toolVersion },
      filesScanned: report.files,
      findings: report.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        file: finding.file,
        line: finding.line,
        column: finding.column,
        endLine: finding.endLine,
        endColumn: finding.endColumn,
        fixes: finding.fixes.map((fix) => ({ title: fix.title, kind: fix.kind })),
      })),
      notices: report.notices,
    },
    null,
    2,
  )}\n`;
}
