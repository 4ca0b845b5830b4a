import type { Finding, Fix, Notice, Severity } from '../analyzer/finding';
import type { Rule } from '../analyzer/rule';
import { LineIndex } from '../analyzer/text/line-index';

/** A finding placed in a file with 1-based line/column positions (columns in UTF-16 code units). */
export interface LocatedFinding {
  ruleId: string;
  severity: Severity;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** The source line, for fingerprints that survive lines moving. */
  lineText: string;
  fixes: Fix[];
}

export interface LocatedNotice {
  file: string;
  kind: Notice['kind'];
  message: string;
  line?: number;
}

export interface ScanReport {
  /** Absolute folder that `file` paths are relative to. */
  root: string;
  files: number;
  findings: LocatedFinding[];
  notices: LocatedNotice[];
  rules: readonly Rule[];
  toolVersion: string;
}

export function locateFindings(file: string, text: string, findings: readonly Finding[]): LocatedFinding[] {
  const lines = new LineIndex(text);
  return findings.map((finding) => {
    const start = lines.positionOf(finding.start);
    const end = lines.positionOf(finding.end);
    return {
      ruleId: finding.ruleId,
      severity: finding.severity,
      message: finding.message,
      file,
      line: start.line + 1,
      column: start.character + 1,
      endLine: end.line + 1,
      endColumn: end.character + 1,
      lineText: lines.lineText(start.line),
      fixes: finding.fixes,
    };
  });
}

export function locateNotices(file: string, text: string | undefined, notices: readonly Notice[]): LocatedNotice[] {
  const lines = text === undefined ? undefined : new LineIndex(text);
  return notices.map((notice) => ({
    file,
    kind: notice.kind,
    message: notice.message,
    ...(lines && notice.offset !== undefined ? { line: lines.positionOf(notice.offset).line + 1 } : {}),
  }));
}
