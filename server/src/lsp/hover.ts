import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../analyzer/finding';

/** Hover for findings that carry details (e.g. hidden text revealed) under the cursor. */
export function hoverAt(document: TextDocument, position: Position, findings: readonly Finding[]): Hover | null {
  const offset = document.offsetAt(position);
  const hits = findings.filter((finding) => finding.details && finding.start <= offset && offset <= finding.end);
  if (hits.length === 0) return null;
  const start = Math.min(...hits.map((finding) => finding.start));
  const end = Math.max(...hits.map((finding) => finding.end));
  return {
    contents: { kind: 'markdown', value: hits.map((finding) => `**MCP Warden** · \`${finding.ruleId}\`\n\n${finding.details}`).join('\n\n---\n\n') },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
  };
}
