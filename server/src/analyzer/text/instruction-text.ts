import { TextMemo } from './text-memo';

/**
 * Helpers for reading a description the way its reader does: sentence by sentence, with negation
 * and quoted code told apart from instructions. Detectors match inside one sentence, so words from
 * two unrelated sentences never combine into a finding.
 */

export interface Sentence {
  /** Offset of the sentence in the text. */
  start: number;
  end: number;
  text: string;
}

/**
 * Sentence ends, line breaks, bullets and closing/opening tags split a text into sentences. A run
 * of punctuation is matched from its first mark only: a later start ends where the first does, so
 * retrying from each would be quadratic on "……".
 */
const SENTENCE_BREAK = /(?<![.!?。！？])[.!?。！？]+(?=\s|$)|\n\s*\n|\n\s*(?:[-*•]|\d+[.)])\s+|\n(?=\s*[A-Z<#])|<\/?[A-Za-z][\w-]*>/g;

export function sentencesOf(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const leading = raw.length - raw.trimStart().length;
    const trimmed = raw.trim();
    if (trimmed.length > 0) sentences.push({ start: start + leading, end: start + leading + trimmed.length, text: trimmed });
  };
  for (const match of text.matchAll(SENTENCE_BREAK)) {
    const isTag = match[0].startsWith('<');
    // Tags start a new sentence and belong to neither side; punctuation ends the sentence it follows.
    push(isTag ? match.index : match.index + match[0].length);
    start = match.index + match[0].length;
  }
  push(text.length);
  return sentences;
}

const NEGATION = /\b(?:never|not|no|none|nor|without|cannot|can't|won't|don't|doesn't|didn't|isn't|aren't|shouldn't|mustn't|neither)\b|n't\b/i;

/**
 * Whether the words just before `index` in the sentence negate what follows ("never reads
 * ~/.ssh", "does not store passwords"). Looks back a few words only, and not across a comma-joined
 * "but", so "does not log, but sends the key to …" is not read as negated.
 */
export function isNegated(sentence: string, index: number, lookbackWords = 5): boolean {
  const before = sentence.slice(0, index);
  const clause = before.split(/\b(?:but|however|yet|instead)\b|[;:]/i).pop() ?? before;
  const words = clause.trim().split(/\s+/).slice(-lookbackWords).join(' ');
  return NEGATION.test(words);
}

/** Code spans and fenced blocks of the last text asked about: detectors ask many times per text. */
let spansCache: { text: string; spans: Array<[number, number]> } | undefined;

/** [start, end) ranges of `code spans` and ``` fenced blocks ```, in order (unclosed ones run to the end). */
function codeSpans(text: string): Array<[number, number]> {
  if (spansCache?.text === text) return spansCache.spans;
  const spans: Array<[number, number]> = [];
  let open: { at: number; fence: boolean } | undefined;
  for (let i = 0; i < text.length; i++) {
    if (text.startsWith('```', i)) {
      if (!open) open = { at: i, fence: true };
      else if (open.fence) {
        spans.push([open.at, i + 3]);
        open = undefined;
      }
      i += 2;
    } else if (text[i] === '`') {
      if (!open) open = { at: i, fence: false };
      else if (!open.fence) {
        spans.push([open.at, i + 1]);
        open = undefined;
      }
    }
  }
  if (open) spans.push([open.at, text.length]);
  spansCache = { text, spans };
  return spans;
}

/** Whether `index` lies inside a `code span` or a fenced block, which documents rather than instructs. */
export function isInCodeSpan(text: string, index: number): boolean {
  const spans = codeSpans(text);
  let low = 0;
  let high = spans.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [start, end] = spans[middle]!;
    if (index < start) high = middle - 1;
    else if (index >= end) low = middle + 1;
    else return index > start;
  }
  return false;
}

export interface PhraseMatch {
  /** Offsets in the whole text. */
  start: number;
  end: number;
  /** The matched words. */
  phrase: string;
  sentence: Sentence;
  groups: Record<string, string | undefined>;
}

export interface PhraseOptions {
  /** Drop matches preceded by a negation in their sentence (default true). */
  skipNegated?: boolean;
  /** Drop matches inside code spans (default true). */
  skipCode?: boolean;
}

/**
 * Matches of `pattern` inside each sentence of `text`. The pattern's flags are kept (add `i` for
 * case-insensitive matching); `g` is added when missing.
 */
export function findPhrases(text: string, pattern: RegExp, options: PhraseOptions = {}): readonly PhraseMatch[] {
  const { skipNegated = true, skipCode = true } = options;
  return phraseMemo.get(text, pattern, `${skipNegated}${skipCode}`, () => scanPhrases(text, pattern, skipNegated, skipCode));
}

const phraseMemo = new TextMemo<RegExp, readonly PhraseMatch[]>(512);

function scanPhrases(text: string, pattern: RegExp, skipNegated: boolean, skipCode: boolean): PhraseMatch[] {
  const { global, anywhere } = compiledPhrase(pattern);
  // Most descriptions match none of a detector's phrases: one scan of the whole text settles that.
  if (anywhere) {
    anywhere.lastIndex = 0;
    if (!anywhere.test(text)) return [];
  }
  const matches: PhraseMatch[] = [];
  for (const sentence of sentencesOfCached(text)) {
    for (const match of sentence.text.matchAll(global)) {
      if (match[0].length === 0) continue;
      const start = sentence.start + match.index;
      if (skipNegated && isNegated(sentence.text, match.index)) continue;
      if (skipCode && isInCodeSpan(text, start)) continue;
      matches.push({ start, end: start + match[0].length, phrase: match[0], sentence, groups: { ...match.groups } });
    }
  }
  return matches;
}

interface CompiledPhrase {
  global: RegExp;
  /**
   * The pattern for a quick test of the whole text, when a match inside a sentence is necessarily a
   * match in the whole text too. Anchors (`^`, `$`) can match at a sentence's edges only, so
   * patterns with them get no quick test.
   */
  anywhere: RegExp | undefined;
}

const compiledPhrases = new WeakMap<RegExp, CompiledPhrase>();

function compiledPhrase(pattern: RegExp): CompiledPhrase {
  let compiled = compiledPhrases.get(pattern);
  if (!compiled) {
    const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
    // Escapes and character classes (`[^"]`) hold no anchors.
    const anchored = /[$^]/.test(pattern.source.replace(/\\.|\[(?:\\.|[^\]\\])*\]/g, ''));
    compiled = { global: new RegExp(pattern.source, flags), anywhere: anchored ? undefined : new RegExp(pattern.source, flags.replace('g', '')) };
    compiledPhrases.set(pattern, compiled);
  }
  return compiled;
}

/** Sentences of recent texts: every detector splits the same descriptions again. */
const sentenceMemo = new TextMemo<typeof sentencesOf, readonly Sentence[]>(512);

function sentencesOfCached(text: string): readonly Sentence[] {
  return sentenceMemo.get(text, sentencesOf, '', () => sentencesOf(text));
}

const sentenceHitMemo = new TextMemo<object, ReadonlyArray<{ sentence: Sentence; hit: unknown }>>(1024);

/**
 * A detector's first hit in each sentence of `value`, remembered per text: a keystroke elsewhere in
 * the file leaves the descriptions as they were. `detector` (the function itself) and `options`
 * (what else `find` depends on) key the memo, so `find` must depend on nothing else.
 */
export function hitsPerSentence<Hit>(value: string, detector: object, options: string, find: (sentence: Sentence) => Hit | undefined): ReadonlyArray<{ sentence: Sentence; hit: Hit }> {
  return sentenceHitMemo.get(value, detector, options, () =>
    sentencesOfCached(value).flatMap((sentence) => {
      const hit = find(sentence);
      return hit === undefined ? [] : [{ sentence, hit }];
    }),
  ) as ReadonlyArray<{ sentence: Sentence; hit: Hit }>;
}

/** A phrase for a message: quotes, collapsed whitespace, at most `limit` characters. */
export function quotePhrase(phrase: string, limit = 80): string {
  const flat = phrase.replace(/\s+/g, ' ').trim();
  return `"${flat.length > limit ? `${flat.slice(0, limit - 1)}…` : flat}"`;
}
