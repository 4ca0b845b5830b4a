import { ruleMatches } from './rule-settings';

/**
 * `mcp-warden-disable-next-line <rule>[, <rule>…] -- <reason>` silences the next line,
 * `mcp-warden-disable-file <rule>[, <rule>…] -- <reason>` the whole file. Only real comments count:
 * a directive inside a string (say, a tool description) must not switch the linter off.
 */
export interface SuppressionDirective {
  scope: 'next-line' | 'file';
  rules: string[];
  reason: string | undefined;
  /** Zero-based line of the comment. */
  line: number;
}

const DIRECTIVE = /^\s*mcp-warden-disable-(next-line|file)(?:\s+(.*?))?\s*$/;

export const DIRECTIVE_PREFIX = 'mcp-warden-disable';

/** Parses one comment's text (markers included); undefined when it is not a directive. */
export function parseDirective(commentText: string, line: number): SuppressionDirective | undefined {
  const body = commentText
    .replace(/^\s*(?:\/\/|#|\/\*+)/, '')
    .replace(/\*\/\s*$/, '');
  const match = DIRECTIVE.exec(body);
  if (!match) return undefined;
  const { head, reason } = splitReason(match[2] ?? '');
  const rules = head.split(/[\s,]+/).filter((rule) => rule.length > 0);
  if (rules.length === 0) return undefined;
  return { scope: match[1] === 'file' ? 'file' : 'next-line', rules, reason, line };
}

/** Splits `<head> -- <reason>`; the reason may itself contain ` -- `. */
export function splitReason(text: string): { head: string; reason: string | undefined } {
  const separator = /(?:^|\s)--(?:\s|$)/.exec(text);
  if (!separator) return { head: text, reason: undefined };
  return { head: text.slice(0, separator.index), reason: text.slice(separator.index + separator[0].length).trim() || undefined };
}

export function isSuppressed(ruleId: string, findingLine: number, directives: readonly SuppressionDirective[]): boolean {
  return directives.some(
    (directive) =>
      (directive.scope === 'file' || directive.line + 1 === findingLine) && directive.rules.some((pattern) => ruleMatches(pattern, ruleId)),
  );
}

/** The comment line a "suppress on this line" action inserts above a finding. */
export function nextLineDirectiveText(lineComment: '//' | '#', ruleId: string): string {
  return `${lineComment} ${DIRECTIVE_PREFIX}-next-line ${ruleId} -- <reason>`;
}

export function fileDirectiveText(lineComment: '//' | '#', ruleId: string): string {
  return `${lineComment} ${DIRECTIVE_PREFIX}-file ${ruleId} -- <reason>`;
}
