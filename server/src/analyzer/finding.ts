/** Severity of a finding, from most to least severe. */
export type Severity = 'error' | 'warning' | 'info' | 'hint';

export const SEVERITIES_BY_RANK: readonly Severity[] = ['hint', 'info', 'warning', 'error'];

export function severityRank(severity: Severity): number {
  return SEVERITIES_BY_RANK.indexOf(severity);
}

/** A replacement of the UTF-16 offset range [start, end) of the analyzed text. */
export interface TextEdit {
  start: number;
  end: number;
  newText: string;
}

/**
 * "safe" fixes keep behaviour apart from removing the problem and may be applied by fix-all;
 * "suggestion" fixes change behaviour and are only ever applied one at a time by the user.
 */
export type FixKind = 'safe' | 'suggestion';

export interface Fix {
  title: string;
  kind: FixKind;
  edits: TextEdit[];
}

export interface RelatedLocation {
  start: number;
  end: number;
  message: string;
}

/** One problem found by a rule, located by UTF-16 offsets into the analyzed text. */
export interface Finding {
  ruleId: string;
  messageId: string;
  message: string;
  severity: Severity;
  start: number;
  end: number;
  fixes: Fix[];
  /**
   * Start of the line a `disable-next-line` directive must sit above: the finding's own line,
   * or the line a multi-line string containing it starts on (a comment cannot go inside a string).
   */
  suppressionAnchor: number;
  /** Markdown shown on hover, for what the message cannot hold (e.g. revealed hidden text). */
  details?: string;
  related?: RelatedLocation[];
}

/**
 * Something that kept part of a file from being analyzed, or made it slow; never a security finding.
 * `skipped-generated`: minified or generated code (`*.min.js`, `@generated`, a source map comment).
 * `slow-analysis`: the analysis took longer than its time budget; `ruleId` names the slowest rule.
 */
export interface Notice {
  kind: 'parse-error' | 'rule-error' | 'skipped-too-large' | 'skipped-binary' | 'skipped-generated' | 'slow-analysis' | 'unsupported';
  message: string;
  ruleId?: string;
  /** Offset the notice refers to, when it has one (parse errors). */
  offset?: number;
}

/** A text the model reads (a tool description, server instructions), for "what the model sees" hovers. */
export interface ModelText {
  /** "description of tool 'add'". */
  site: string;
  /** The resolved text, as the model reads it. */
  value: string;
  /** Where its literals are written; a hover anywhere inside one of them shows the whole text. */
  ranges: Array<{ start: number; end: number }>;
}

export interface AnalysisResult {
  findings: Finding[];
  notices: Notice[];
  /** Model-facing texts of the file, when a tool-metadata rule ran. */
  modelTexts?: ModelText[];
  /** With `collectTimings`: milliseconds spent parsing (syntax tree included) and in each rule's code. */
  timings?: AnalysisTimings;
}

export interface AnalysisTimings {
  parseMs: number;
  /** By rule id; shared work a rule triggers first (the tool-flow model) counts for that rule. */
  ruleMs: Record<string, number>;
}
