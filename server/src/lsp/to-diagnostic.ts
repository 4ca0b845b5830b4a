import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, Fix, Severity } from '../analyzer/finding';
import { DIAGNOSTIC_SOURCE } from '../protocol';

/** What a diagnostic carries to the code-action handler (LSP 3.16 `Diagnostic.data`). */
export interface FindingData {
  ruleId: string;
  /** Document version the offsets in `fixes` and `suppressionAnchor` refer to. */
  version: number;
  fixes: Fix[];
  suppressionAnchor: number;
}

const SEVERITIES: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The one place findings become diagnostics. */
export function toDiagnostic(finding: Finding, document: TextDocument, docsUrl: string): Diagnostic {
  const data: FindingData = { ruleId: finding.ruleId, version: document.version, fixes: finding.fixes, suppressionAnchor: finding.suppressionAnchor };
  return {
    range: { start: document.positionAt(finding.start), end: document.positionAt(finding.end) },
    severity: SEVERITIES[finding.severity],
    source: DIAGNOSTIC_SOURCE,
    code: finding.ruleId,
    codeDescription: { href: docsUrl },
    message: finding.message,
    ...(finding.related?.length
      ? {
          relatedInformation: finding.related.map((related) => ({
            location: { uri: document.uri, range: { start: document.positionAt(related.start), end: document.positionAt(related.end) } },
            message: related.message,
          })),
        }
      : {}),
    data,
  };
}

export function isFindingData(value: unknown): value is FindingData {
  const data = value as Partial<FindingData> | undefined;
  return typeof data?.ruleId === 'string' && typeof data.version === 'number' && Array.isArray(data.fixes) && typeof data.suppressionAnchor === 'number';
}
