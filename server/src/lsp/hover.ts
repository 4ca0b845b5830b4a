import type { Hover, Position } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding, ModelText } from '../analyzer/finding';
import { findHiddenCharacters, revealHiddenCharacters } from '../analyzer/text/hidden-unicode';
import { jwtAt } from '../token/decode';
import { inspectToken, renderHoverMarkdown } from '../token/report';

const MAX_SHOWN_CHARACTERS = 4000;

/**
 * Hover on a tool description (or any text the model reads): the whole text as the model reads it —
 * constants resolved, hidden characters made visible — and the findings on it. Elsewhere: the
 * details of findings under the cursor.
 */
export function hoverAt(document: TextDocument, position: Position, findings: readonly Finding[], modelTexts: readonly ModelText[] = []): Hover | null {
  const offset = document.offsetAt(position);
  const text = modelTexts.find((candidate) => candidate.ranges.some((range) => range.start <= offset && offset < range.end));
  if (text) return modelTextHover(document, text, findings);
  const hits = findings.filter((finding) => finding.details && finding.start <= offset && offset <= finding.end);
  const jwt = jwtHoverAt(document, position);
  if (jwt) {
    if (hits.length === 0) return jwt;
    const details = hits.map((finding) => `**MCP Warden** · \`${finding.ruleId}\`\n\n${finding.details}`).join('\n\n---\n\n');
    return { ...jwt, contents: { kind: 'markdown', value: `${(jwt.contents as { value: string }).value}\n\n---\n\n${details}` } };
  }
  if (hits.length === 0) return null;
  const start = Math.min(...hits.map((finding) => finding.start));
  const end = Math.max(...hits.map((finding) => finding.end));
  return {
    contents: { kind: 'markdown', value: hits.map((finding) => `**MCP Warden** · \`${finding.ruleId}\`\n\n${finding.details}`).join('\n\n---\n\n') },
    range: { start: document.positionAt(start), end: document.positionAt(end) },
  };
}

function modelTextHover(document: TextDocument, text: ModelText, findings: readonly Finding[]): Hover {
  const hidden = findHiddenCharacters(text.value);
  const revealed = revealHiddenCharacters(text.value, hidden);
  const shown = revealed.length > MAX_SHOWN_CHARACTERS ? `${revealed.slice(0, MAX_SHOWN_CHARACTERS)}…` : revealed;
  const fence = '`'.repeat(Math.max(3, ...[...shown.matchAll(/`+/g)].map((match) => match[0].length + 1)));
  const onText = findings.filter((finding) => text.ranges.some((range) => finding.start < range.end && range.start < finding.end));
  const lines = [
    `**MCP Warden** · what the model reads in the ${text.site}${hidden.length > 0 ? ` (${hidden.length} hidden character${hidden.length === 1 ? '' : 's'} made visible)` : ''}:`,
    '',
    fence,
    shown,
    fence,
  ];
  if (onText.length > 0) {
    lines.push('', ...onText.map((finding) => `- \`${finding.ruleId}\`: ${finding.message.replace(/\n/g, ' ')}`));
  }
  const start = Math.min(...text.ranges.map((range) => range.start));
  const end = Math.max(...text.ranges.map((range) => range.end));
  const cursorRange = text.ranges.length === 1 ? { start, end } : undefined;
  return {
    contents: { kind: 'markdown', value: lines.join('\n') },
    ...(cursorRange ? { range: { start: document.positionAt(cursorRange.start), end: document.positionAt(cursorRange.end) } } : {}),
  };
}

/** Lines longer than this are not searched for tokens (minified bundles). */
const MAX_JWT_LINE = 256 * 1024;

/**
 * Hover on a JWT-looking string (code, configs, any text): its decoded header and claims and the
 * offline audit summary. The token itself is not repeated in the hover.
 */
export function jwtHoverAt(document: TextDocument, position: Position, now: number = Date.now()): Hover | null {
  const line = document.getText({ start: { line: position.line, character: 0 }, end: { line: position.line + 1, character: 0 } });
  if (line.length > MAX_JWT_LINE || !line.includes('eyJ')) return null;
  const hit = jwtAt(line, position.character);
  if (!hit) return null;
  const inspected = inspectToken(hit.text, { now });
  if (!inspected.ok) return null;
  return {
    contents: { kind: 'markdown', value: renderHoverMarkdown(inspected.report) },
    range: { start: { line: position.line, character: hit.start }, end: { line: position.line, character: hit.end } },
  };
}
