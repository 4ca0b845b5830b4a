import { minimatch } from 'minimatch';
import { ruleMatches } from './rule-settings';
import { splitReason } from './suppressions';

/**
 * `.mcpwardenignore`: for files that cannot hold comments (strict JSON) and for whole folders.
 * Each line is `<path glob> [<rule glob>[,<rule glob>…]] [-- <reason>]`; `#` starts a comment line.
 * Globs are relative to the ignore file's folder; a glob without `/` matches at any depth.
 */
export const IGNORE_FILE_NAME = '.mcpwardenignore';

export interface IgnoreEntry {
  pattern: string;
  /** Rule id globs; empty means every rule. */
  rules: string[];
  reason: string | undefined;
  line: number;
}

export function parseIgnoreFile(text: string): IgnoreEntry[] {
  const entries: IgnoreEntry[] = [];
  text.split(/\r?\n/).forEach((rawLine, line) => {
    const trimmed = rawLine.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const { head, reason } = splitReason(trimmed);
    // `\ ` keeps a space inside a path.
    const [pattern = '', ...ruleParts] = head
      .trim()
      .split(/(?<!\\)\s+/)
      .map((part) => part.replace(/\\ /g, ' '));
    // A line without a path (only `-- reason`) ignores nothing, as an empty .gitignore line does.
    if (pattern === '') return;
    const rules = ruleParts.join(' ').split(/[\s,]+/).filter((rule) => rule.length > 0);
    entries.push({ pattern, rules, reason, line });
  });
  return entries;
}

function pathMatches(pattern: string, relativePath: string): boolean {
  // gitignore semantics: a pattern with no inner slash matches at any depth; a trailing slash means a folder.
  const isAnchored = pattern.startsWith('/') || pattern.replace(/\/$/, '').includes('/');
  let glob = pattern.startsWith('/') ? pattern.slice(1) : pattern;
  if (glob.endsWith('/')) glob += '**';
  if (!isAnchored) glob = `**/${glob}`;
  return minimatch(relativePath, glob, { dot: true }) || minimatch(relativePath, `${glob}/**`, { dot: true });
}

export interface IgnoreDecision {
  /** Every rule is ignored: do not analyze the file at all. */
  wholeFile: boolean;
  /** Rule id globs ignored for this file. */
  rules: string[];
}

export function ignoreDecision(entries: readonly IgnoreEntry[], relativePath: string): IgnoreDecision {
  const path = relativePath.replace(/\\/g, '/');
  const matching = entries.filter((entry) => pathMatches(entry.pattern, path));
  return {
    wholeFile: matching.some((entry) => entry.rules.length === 0),
    rules: matching.flatMap((entry) => entry.rules),
  };
}

export function isRuleIgnored(ruleId: string, decision: IgnoreDecision): boolean {
  return decision.wholeFile || decision.rules.some((pattern) => ruleMatches(pattern, ruleId));
}
