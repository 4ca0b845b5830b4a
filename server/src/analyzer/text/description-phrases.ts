import { TextMemo } from './text-memo';
import type { DeclaredMetadata, MetadataText } from '../mcp/tool-metadata';
import type { ResolvedText } from '../mcp/resolved-text';
import type { FixDescriptor, MetadataRuleContext } from '../rule';
import { findPhrases, quotePhrase, type PhraseMatch, type Sentence } from './instruction-text';

/**
 * Reading tool descriptions like a reviewer, shared by the tool-metadata rules: wording patterns
 * with per-pattern negation and pre-tests, quotations and citations told apart from instructions
 * (a security tool describing an attack is not making one), and the "remove the sentence" fix.
 */

/** One wording a detector looks for. Matching is per sentence (see findPhrases). */
export interface DirectivePattern {
  /** Add the `i` flag yourself; findPhrases only adds `g`. */
  regex: RegExp;
  /**
   * Drop matches preceded by a negation ("never shares data with partners"). Off for patterns that
   * carry their own negation ("do not tell the user").
   */
  negatable: boolean;
  /**
   * A further test on the match: the object of the verb, the rest of the clause. A number accepts
   * and extends the match to that offset of the text (to take in the words that decided it).
   */
  accept?: (match: PhraseMatch, text: string) => boolean | number;
  /**
   * A necessary condition tested once on the whole text, for patterns anchored with ^ or $ (which
   * may match at a sentence edge only). Other patterns are their own pre-test.
   */
  hint?: RegExp;
  /** Free-form label for the rule's own post-processing. */
  tag?: string;
}

export type DirectiveMatch = PhraseMatch & { pattern: DirectivePattern };

/** Apostrophe, straight or typographic. */
export const APOSTROPHE = "['’]";

/**
 * Words that introduce a quotation of the wording rather than the wording itself: a security tool
 * describing what it detects ("Flags phrases such as ignore previous instructions"), examples.
 * Third-person and -ing forms only, so an imperative "scan ~/.ssh and …" is not taken for a mention.
 */
const CITATION =
  /\b(?:such\s+as|e\.\s?g\.|for\s+(?:example|instance)|(?:phrases?|patterns?|strings?|texts?|wording|instructions?|attempts?|attacks?|injections?|payloads?|examples?|directives?|commands?|keywords?|sentences?)\s*(?:like|including|containing|:)|(?:detects?|detecting|detection|detectors?|flags|flagging|flagged|scans|scanning|scanners?|blocks|blocking|filters|filtering|strips|stripping|sanitizes|sanitizing|sanitises|sanitising|identifies|identifying|classifies|classifying|classifiers?|matches|matching|catches|catching|recognizes|recognizing|recognises|recognising|rejects|rejecting|redacts|redacting|warns\s+(?:about|on|of|when)|quotes|quoting|looks\s+for|searches\s+for|checks\s+for|checking\s+for|audits|auditing|lints?|linting|says|said|saying|writes|wrote|(?:tells|asks|instructs|wants)\s+you\s+to))\b/i;

/** Abbreviations whose period does not end a sentence. */
const ABBREVIATION_END = /\b(?:e\.\s?g|i\.\s?e|eg|ie|vs|cf|incl|ex|approx)\.$/i;

/** The text before `index` back to the last real sentence end in the same paragraph (at most 240 characters). */
function leadIn(text: string, index: number): string {
  let head = text.slice(Math.max(0, index - 240), index);
  const paragraphs = head.split(/\n\s*\n/);
  head = paragraphs[paragraphs.length - 1] ?? head;
  let cut = 0;
  for (const end of head.matchAll(/(?<![.!?。！？])[.!?。！？]+(?=\s)/g)) {
    const through = end.index + end[0].length;
    if (!ABBREVIATION_END.test(head.slice(0, through))) cut = through;
  }
  return head.slice(cut);
}

const QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['“', '”'],
  ['„', '“'],
  ['«', '»'],
  ['‹', '›'],
  ['「', '」'],
  ['『', '』'],
  ['‘', '’'],
];

/** Whether [from, to) of `sentence` sits between quotation marks of that sentence. */
export function isQuoted(sentence: string, from: number, to: number): boolean {
  const before = sentence.slice(0, from);
  const after = sentence.slice(to);
  if ((before.match(/"/g)?.length ?? 0) % 2 === 1 && after.includes('"')) return true;
  for (const [open, close] of QUOTE_PAIRS) {
    const opened = before.lastIndexOf(open);
    if (opened >= 0 && opened > before.lastIndexOf(close) && after.includes(close)) return true;
  }
  // Straight single quotes count only at word edges, so apostrophes ("user's") do not.
  const opener = [...sentence.slice(0, from + 1).matchAll(/(?:^|[\s([{:,])'(?=\S)/g)].pop();
  if (opener) {
    const openedAt = opener.index + opener[0].length;
    const closedBetween = /\S'(?=$|[\s.,;:!?)\]}])/.test(sentence.slice(openedAt, from));
    if (!closedBetween && /\S'(?=$|[\s.,;:!?)\]}])/.test(sentence.slice(from))) return true;
  }
  return false;
}

/** Whether a match is quoted or cited (documentation, a detector's own description) rather than said. */
export function isCitation(match: PhraseMatch, text: string): boolean {
  const from = match.start - match.sentence.start;
  if (isQuoted(match.sentence.text, from, match.end - match.sentence.start)) return true;
  return CITATION.test(leadIn(text, match.start));
}

/** Negations isNegated does not know: "nothing is sent", "no one else sees". */
const MORE_NEGATION = /\b(?:nothing|nobody|no\s+one|nowhere|zero)\b/i;

function isNegatedMore(match: PhraseMatch): boolean {
  const before = match.sentence.text.slice(0, match.start - match.sentence.start);
  const clause = before.split(/\b(?:but|however|yet|instead)\b|[;:]/i).pop() ?? before;
  return MORE_NEGATION.test(clause.trim().split(/\s+/).slice(-5).join(' '));
}

/** Matches of every pattern in `text`, citations dropped, overlapping matches merged (first wins). */
export function findDirectives(text: string, patterns: readonly DirectivePattern[]): readonly DirectiveMatch[] {
  return directiveMemo.get(text, patterns, '', () => scanDirectives(text, patterns));
}

const directiveMemo = new TextMemo<readonly DirectivePattern[], readonly DirectiveMatch[]>(512);

function scanDirectives(text: string, patterns: readonly DirectivePattern[]): DirectiveMatch[] {
  const found: DirectiveMatch[] = [];
  for (const pattern of patterns) {
    // findPhrases rules out most texts in one scan; an anchored pattern brings its own hint for that.
    if (pattern.hint && !pattern.hint.test(text)) continue;
    for (const match of findPhrases(text, pattern.regex, { skipNegated: pattern.negatable, skipCode: true })) {
      if (pattern.negatable && isNegatedMore(match)) continue;
      const verdict = pattern.accept ? pattern.accept(match, text) : true;
      if (verdict === false) continue;
      if (isCitation(match, text)) continue;
      const end = typeof verdict === 'number' && verdict > match.end ? Math.min(verdict, match.sentence.end) : match.end;
      found.push({ ...match, end, phrase: text.slice(match.start, end), pattern });
    }
  }
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DirectiveMatch[] = [];
  for (const match of found) {
    const previous = kept[kept.length - 1];
    if (previous && match.start < previous.end) continue;
    kept.push(match);
  }
  return kept;
}

/**
 * Runs `find` on every model-facing text and reports each match once (a constant read by two
 * descriptions is reported where it is written, once).
 */
export function reportDirectives<MessageId extends string>(
  context: MetadataRuleContext<MessageId>,
  find: (text: string, declaration: DeclaredMetadata, entry: MetadataText) => Array<PhraseMatch & { messageId: MessageId }>,
): void {
  const reported = new Set<string>();
  for (const declaration of context.declarations) {
    for (const entry of declaration.texts) {
      for (const match of find(entry.text.value, declaration, entry)) {
        const range = entry.text.sourceRange(match.start, match.end);
        const key = `${range.start}:${range.end}`;
        if (reported.has(key)) continue;
        reported.add(key);
        context.report({
          messageId: match.messageId,
          data: { site: entry.site, phrase: quotePhrase(match.phrase) },
          ...range,
          details: `**The sentence the model reads:** ${quotePhrase(match.sentence.text, 300)}`,
        });
      }
    }
  }
}

/** A detector's hit in one description text: its range in the text's value and the sentence it is in. */
export interface SentenceHit<MessageId extends string> {
  start: number;
  end: number;
  sentence: Sentence;
  messageId: MessageId;
  /** Message data besides `site`, which is filled in from the text. */
  data: Record<string, string>;
}

/**
 * Reports hits once per source position (one literal can reach several texts, e.g. a shared
 * constant), each with the fix that removes its sentence.
 */
export function reportSentenceHits<MessageId extends string>(
  context: MetadataRuleContext<MessageId>,
  find: (value: string, declaration: DeclaredMetadata, entry: MetadataText) => Iterable<SentenceHit<MessageId>>,
): void {
  const reported = new Set<number>();
  for (const declaration of context.declarations) {
    for (const entry of declaration.texts) {
      for (const hit of find(entry.text.value, declaration, entry)) {
        const range = entry.text.sourceRange(hit.start, hit.end);
        if (reported.has(range.start)) continue;
        reported.add(range.start);
        context.report({ messageId: hit.messageId, data: { site: entry.site, ...hit.data }, ...range, fixes: sentenceRemoval(entry.text, hit.sentence) });
      }
    }
  }
}

/** The rest of the clause after a match (to the next , ; : or sentence end), at most 80 characters. */
export function clauseAfter(match: PhraseMatch, text: string): string {
  const rest = text.slice(match.end, Math.min(match.sentence.end, match.end + 80));
  return rest.split(/[,;:()]/)[0] ?? rest;
}

const DOUBLE_QUOTE_PAIRS: ReadonlyArray<readonly [string, string]> = [
  ['\u201c', '\u201d'],
  ['\u00ab', '\u00bb'],
  ['\u300c', '\u300d'],
  ['\u300e', '\u300f'],
];

/** Whether `index` of the sentence lies inside double quotes: quoted words are cited, not addressed to the model. */
export function isAfterOpenQuote(sentence: string, index: number): boolean {
  const before = sentence.slice(0, index);
  if ((before.match(/"/g) ?? []).length % 2 === 1) return true;
  return DOUBLE_QUOTE_PAIRS.some(([open, close]) => before.lastIndexOf(open) > before.lastIndexOf(close));
}

const META_VERB = /\b(?:detect|flag|scan|audit|lint|warn|classif|identif|block|reject|redact|sanitiz|catch|report|strip|filter|quarantin|check)\w*/iu;
const CITING = /\b(?:like|such\s+as|e\.g\.|for\s+example|including|contain(?:s|ing)?|phrases?|patterns?|instructions?\s+(?:to|that|like)|requests?\s+(?:to|that|like)|attempts?\s+to|asking\s+(?:the\s+model\s+)?to|telling\s+(?:the\s+model\s+)?to)\b/iu;

/**
 * A sentence end followed by a capital: "e.g. requests to …" continues the sentence before it.
 * Only the first line break of a blank run may start a match: a later one reaches the same
 * character after the run, so retrying from each would rescan the run (quadratic on blank lines).
 */
const SENTENCE_START = /(?:[.!?\u3002\uff01\uff1f]\s+|(?<!\n\s*?)\n\s*)(?=[\p{Lu}\p{Lo}<#*-])/gu;

/**
 * Whether the words before `index` of the text (in the same sentence and clause) describe an attack
 * instead of making one: a security tool's "Flags descriptions containing phrases such as …",
 * "Detects tool poisoning, e.g. requests to read …".
 */
export function documentsAttack(text: string, index: number): boolean {
  const before = text.slice(Math.max(0, index - 300), index);
  let start = 0;
  for (const boundary of before.matchAll(SENTENCE_START)) start = boundary.index + boundary[0].length;
  const clause = before.slice(start).split(';').pop() ?? '';
  const verb = META_VERB.exec(clause);
  return verb !== null && CITING.test(clause.slice(verb.index + verb[0].length));
}

/**
 * "Remove the sentence": a suggestion, offered when the sentence is written inside one literal and
 * the text keeps other sentences (an emptied description would need rewriting, not deleting).
 */
export function sentenceRemoval(text: ResolvedText, sentence: Sentence): FixDescriptor[] {
  const value = text.value;
  let start = sentence.start;
  let end = sentence.end;
  // `<IMPORTANT>sentence</IMPORTANT>`: the tags go with it.
  const open = /<([A-Za-z][\w-]*)[^<>]*>\s*$/u.exec(value.slice(0, start));
  const close = open ? new RegExp(`^\\s*</${open[1]}>`, 'u').exec(value.slice(end)) : null;
  if (open && close) {
    start = open.index;
    end += close[0].length;
  }
  let after = end;
  while (after < value.length && /\s/u.test(value[after] ?? '')) after++;
  let before = start;
  while (before > 0 && /\s/u.test(value[before - 1] ?? '')) before--;
  if (value.slice(0, before).trim() === '' && value.slice(after).trim() === '') return [];
  const [from, to] = after < value.length ? [start, after] : [before, end];
  const segment = text.segments.find((candidate) => candidate.part !== undefined && candidate.valueStart <= from && to <= candidate.valueEnd);
  if (!segment?.part) return [];
  const range = segment.part.sourceRange(segment.partStart + from - segment.valueStart, segment.partStart + to - segment.valueStart);
  return [{ title: `Remove the sentence ${quotePhrase(sentence.text, 60)}`, edits: [{ start: range.start, end: range.end, newText: '' }] }];
}
