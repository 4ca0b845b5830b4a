/**
 * Classification of characters a reader cannot see but a model reads, with the exemptions that keep
 * legitimate text (emoji sequences, scripts that need joiners, RTL marks in RTL text) silent.
 */

export type HiddenKind = 'tag' | 'smuggled-bytes' | 'bidi' | 'zero-width' | 'invisible';

export interface HiddenCharacter {
  /** UTF-16 index in the analyzed string. */
  index: number;
  /** UTF-16 length: 2 for astral code points. */
  length: number;
  codePoint: number;
  kind: HiddenKind;
}

interface NamedCharacter {
  name: string;
  kind: Exclude<HiddenKind, 'tag' | 'smuggled-bytes'>;
}

const NAMED: ReadonlyMap<number, NamedCharacter> = new Map([
  [0x200b, { name: 'ZERO WIDTH SPACE', kind: 'zero-width' }],
  [0x200c, { name: 'ZERO WIDTH NON-JOINER', kind: 'zero-width' }],
  [0x200d, { name: 'ZERO WIDTH JOINER', kind: 'zero-width' }],
  [0x2060, { name: 'WORD JOINER', kind: 'zero-width' }],
  [0xfeff, { name: 'ZERO WIDTH NO-BREAK SPACE', kind: 'zero-width' }],
  [0x2061, { name: 'FUNCTION APPLICATION', kind: 'invisible' }],
  [0x2062, { name: 'INVISIBLE TIMES', kind: 'invisible' }],
  [0x2063, { name: 'INVISIBLE SEPARATOR', kind: 'invisible' }],
  [0x2064, { name: 'INVISIBLE PLUS', kind: 'invisible' }],
  [0x180e, { name: 'MONGOLIAN VOWEL SEPARATOR', kind: 'invisible' }],
  [0x115f, { name: 'HANGUL CHOSEONG FILLER', kind: 'invisible' }],
  [0x1160, { name: 'HANGUL JUNGSEONG FILLER', kind: 'invisible' }],
  [0x3164, { name: 'HANGUL FILLER', kind: 'invisible' }],
  [0xffa0, { name: 'HALFWIDTH HANGUL FILLER', kind: 'invisible' }],
  [0x17b4, { name: 'KHMER VOWEL INHERENT AQ', kind: 'invisible' }],
  [0x17b5, { name: 'KHMER VOWEL INHERENT AA', kind: 'invisible' }],
  [0xfff9, { name: 'INTERLINEAR ANNOTATION ANCHOR', kind: 'invisible' }],
  [0xfffa, { name: 'INTERLINEAR ANNOTATION SEPARATOR', kind: 'invisible' }],
  [0xfffb, { name: 'INTERLINEAR ANNOTATION TERMINATOR', kind: 'invisible' }],
  [0x200e, { name: 'LEFT-TO-RIGHT MARK', kind: 'bidi' }],
  [0x200f, { name: 'RIGHT-TO-LEFT MARK', kind: 'bidi' }],
  [0x061c, { name: 'ARABIC LETTER MARK', kind: 'bidi' }],
  [0x202a, { name: 'LEFT-TO-RIGHT EMBEDDING', kind: 'bidi' }],
  [0x202b, { name: 'RIGHT-TO-LEFT EMBEDDING', kind: 'bidi' }],
  [0x202c, { name: 'POP DIRECTIONAL FORMATTING', kind: 'bidi' }],
  [0x202d, { name: 'LEFT-TO-RIGHT OVERRIDE', kind: 'bidi' }],
  [0x202e, { name: 'RIGHT-TO-LEFT OVERRIDE', kind: 'bidi' }],
  [0x2066, { name: 'LEFT-TO-RIGHT ISOLATE', kind: 'bidi' }],
  [0x2067, { name: 'RIGHT-TO-LEFT ISOLATE', kind: 'bidi' }],
  [0x2068, { name: 'FIRST STRONG ISOLATE', kind: 'bidi' }],
  [0x2069, { name: 'POP DIRECTIONAL ISOLATE', kind: 'bidi' }],
]);

/** Short aliases Python's `\N{…}` accepts for the characters above. */
const ALIASES: Record<string, number> = {
  ZWSP: 0x200b,
  ZWNJ: 0x200c,
  ZWJ: 0x200d,
  WJ: 0x2060,
  ZWNBSP: 0xfeff,
  BOM: 0xfeff,
  'BYTE ORDER MARK': 0xfeff,
  LRM: 0x200e,
  RLM: 0x200f,
  ALM: 0x061c,
  LRE: 0x202a,
  RLE: 0x202b,
  PDF: 0x202c,
  LRO: 0x202d,
  RLO: 0x202e,
  LRI: 0x2066,
  RLI: 0x2067,
  FSI: 0x2068,
  PDI: 0x2069,
};

/** Unicode names of the printable ASCII punctuation, which tag characters repeat after "TAG ". */
const ASCII_PUNCTUATION_NAMES =
  'SPACE|EXCLAMATION MARK|QUOTATION MARK|NUMBER SIGN|DOLLAR SIGN|PERCENT SIGN|AMPERSAND|APOSTROPHE|LEFT PARENTHESIS|RIGHT PARENTHESIS|ASTERISK|PLUS SIGN|COMMA|HYPHEN-MINUS|FULL STOP|SOLIDUS|COLON|SEMICOLON|LESS-THAN SIGN|EQUALS SIGN|GREATER-THAN SIGN|QUESTION MARK|COMMERCIAL AT|LEFT SQUARE BRACKET|REVERSE SOLIDUS|RIGHT SQUARE BRACKET|CIRCUMFLEX ACCENT|LOW LINE|GRAVE ACCENT|LEFT CURLY BRACKET|VERTICAL LINE|RIGHT CURLY BRACKET|TILDE';
const DIGIT_NAMES = ['ZERO', 'ONE', 'TWO', 'THREE', 'FOUR', 'FIVE', 'SIX', 'SEVEN', 'EIGHT', 'NINE'];

function asciiNames(): Array<[string, number]> {
  const printable = Array.from({ length: 0x7f - 0x20 }, (_, i) => 0x20 + i);
  const punctuation = printable.filter((code) => !/[A-Za-z0-9]/.test(String.fromCharCode(code)));
  const names: Array<[string, number]> = ASCII_PUNCTUATION_NAMES.split('|').map((name, i) => [name, punctuation[i]!]);
  for (let i = 0; i < 26; i++) {
    names.push([`LATIN CAPITAL LETTER ${String.fromCharCode(65 + i)}`, 65 + i], [`LATIN SMALL LETTER ${String.fromCharCode(65 + i)}`, 97 + i]);
  }
  DIGIT_NAMES.forEach((digit, i) => names.push([`DIGIT ${digit}`, 48 + i]));
  return names;
}

const NAME_TO_CODE_POINT: ReadonlyMap<string, number> = new Map([
  ...[...NAMED].map(([codePoint, { name }]): [string, number] => [name, codePoint]),
  ...Object.entries(ALIASES),
  ...asciiNames().map(([name, code]): [string, number] => [`TAG ${name}`, 0xe0000 + code]),
  ['LANGUAGE TAG', 0xe0001],
  ['CANCEL TAG', 0xe007f],
]);

/**
 * Resolves a Python `\N{…}` name (or alias) for the invisible characters this module knows:
 * hidden text written as `\N{TAG LATIN SMALL LETTER A}` must be found like any other.
 * Other names are undefined.
 */
export function codePointForCharacterName(name: string): number | undefined {
  const upper = name.trim().toUpperCase();
  const known = NAME_TO_CODE_POINT.get(upper);
  if (known !== undefined) return known;
  const variation = /^(?:VARIATION SELECTOR-|VS)(\d+)$/.exec(upper);
  if (variation) return variationSelectorCodePoint(Number(variation[1]));
  return undefined;
}

function variationSelectorCodePoint(ordinal: number): number | undefined {
  if (ordinal >= 1 && ordinal <= 16) return 0xfe00 + ordinal - 1;
  if (ordinal >= 17 && ordinal <= 256) return 0xe0100 + ordinal - 17;
  return undefined;
}

export function characterName(codePoint: number): string {
  const named = NAMED.get(codePoint)?.name;
  if (named) return named;
  if (isTag(codePoint)) return codePoint === 0xe0001 ? 'LANGUAGE TAG' : codePoint === 0xe007f ? 'CANCEL TAG' : 'TAG CHARACTER';
  if (variationSelectorByte(codePoint) !== undefined) return 'VARIATION SELECTOR';
  return 'FORMAT CHARACTER';
}

export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

function isTag(codePoint: number): boolean {
  return codePoint >= 0xe0000 && codePoint <= 0xe007f;
}

/** VS1–VS16 carry 0–15 and VS17–VS256 carry 16–255 in the "emoji smuggling" byte encoding. */
export function variationSelectorByte(codePoint: number): number | undefined {
  if (codePoint >= 0xfe00 && codePoint <= 0xfe0f) return codePoint - 0xfe00;
  if (codePoint >= 0xe0100 && codePoint <= 0xe01ef) return codePoint - 0xe0100 + 16;
  return undefined;
}

const PICTOGRAPHIC = /\p{Extended_Pictographic}/u;
const EMOJI_MODIFIER = /\p{Emoji_Modifier}/u;
const JOINING_SCRIPT_LETTER =
  /[\p{Script=Arabic}\p{Script=Syriac}\p{Script=Nko}\p{Script=Devanagari}\p{Script=Bengali}\p{Script=Gurmukhi}\p{Script=Gujarati}\p{Script=Oriya}\p{Script=Tamil}\p{Script=Telugu}\p{Script=Kannada}\p{Script=Malayalam}\p{Script=Sinhala}\p{Script=Tibetan}\p{Script=Myanmar}\p{Script=Khmer}\p{Script=Mongolian}]/u;
// Letters only: U+061C ARABIC LETTER MARK is itself Arabic script and must not vouch for itself.
const RTL_LETTER = /(?=\p{L})[\p{Script=Hebrew}\p{Script=Arabic}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;
const HANGUL = /\p{Script=Hangul}/u;
const IDEOGRAPH = /\p{Ideographic}/u;
const WAVING_BLACK_FLAG = 0x1f3f4;

interface CodePointAt {
  index: number;
  codePoint: number;
  length: number;
}

function codePoints(value: string): CodePointAt[] {
  const result: CodePointAt[] = [];
  for (let index = 0; index < value.length; ) {
    const codePoint = value.codePointAt(index)!;
    const length = codePoint > 0xffff ? 2 : 1;
    result.push({ index, codePoint, length });
    index += length;
  }
  return result;
}

/** Every hidden character in `value`, legitimate uses excluded. */
export function findHiddenCharacters(value: string): HiddenCharacter[] {
  const points = codePoints(value);
  const hidden: HiddenCharacter[] = [];
  const hasRtlText = RTL_LETTER.test(value);
  const char = (i: number) => (i >= 0 && i < points.length ? String.fromCodePoint(points[i]!.codePoint) : '');

  for (let i = 0; i < points.length; i++) {
    const point = points[i]!;
    const { codePoint } = point;
    const add = (kind: HiddenKind) => hidden.push({ index: point.index, length: point.length, codePoint, kind });

    if (isTag(codePoint)) {
      const flagEnd = emojiTagSequenceEnd(points, i);
      if (flagEnd !== undefined) {
        i = flagEnd;
        continue;
      }
      add('tag');
      continue;
    }

    if (variationSelectorByte(codePoint) !== undefined) {
      const runEnd = runOf(points, i, (cp) => variationSelectorByte(cp) !== undefined);
      if (runEnd > i) {
        for (let j = i; j <= runEnd; j++) hidden.push({ ...points[j]!, kind: 'smuggled-bytes' });
        i = runEnd;
        continue;
      }
      // A single selector after a visible base is a standard (emoji or ideographic) variation sequence.
      const previous = char(i - 1);
      const isEmojiOrTextStyle = codePoint === 0xfe0e || codePoint === 0xfe0f;
      const legitimateBase = previous !== '' && !/\s/u.test(previous) && (isEmojiOrTextStyle || codePoint < 0xe0100 || IDEOGRAPH.test(previous));
      if (!legitimateBase) add('smuggled-bytes');
      continue;
    }

    const named = NAMED.get(codePoint);
    if (!named) continue;
    if (codePoint === 0x200d && isEmojiJoin(points, i)) continue;
    if ((codePoint === 0x200c || codePoint === 0x200d) && JOINING_SCRIPT_LETTER.test(char(i - 1)) && JOINING_SCRIPT_LETTER.test(char(i + 1))) continue;
    if (named.kind === 'bidi' && codePoint !== 0x202d && codePoint !== 0x202e && hasRtlText) continue;
    if ((codePoint === 0x115f || codePoint === 0x1160) && (HANGUL.test(char(i - 1)) || HANGUL.test(char(i + 1)))) continue;
    if (codePoint === 0x180e && /\p{Script=Mongolian}/u.test(char(i - 1))) continue;
    add(named.kind);
  }
  return hidden;
}

/** Index of the last point of a run starting at `start` whose points all satisfy `predicate`. */
function runOf(points: CodePointAt[], start: number, predicate: (codePoint: number) => boolean): number {
  let end = start;
  while (end + 1 < points.length && predicate(points[end + 1]!.codePoint)) end++;
  return end;
}

/** Subdivision flags (🏴 + tag letters/digits + CANCEL TAG) are the one legitimate use of tags. */
function emojiTagSequenceEnd(points: CodePointAt[], start: number): number | undefined {
  if (points[start - 1]?.codePoint !== WAVING_BLACK_FLAG) return undefined;
  let i = start;
  while (i < points.length) {
    const codePoint = points[i]!.codePoint;
    if (codePoint === 0xe007f) return i - start >= 2 && i - start <= 6 ? i : undefined;
    const isLowerOrDigit = (codePoint >= 0xe0061 && codePoint <= 0xe007a) || (codePoint >= 0xe0030 && codePoint <= 0xe0039);
    if (!isLowerOrDigit) return undefined;
    i++;
  }
  return undefined;
}

function isEmojiJoin(points: CodePointAt[], index: number): boolean {
  let before = index - 1;
  while (before >= 0 && (points[before]!.codePoint === 0xfe0f || EMOJI_MODIFIER.test(String.fromCodePoint(points[before]!.codePoint)))) before--;
  const previous = points[before];
  const next = points[index + 1];
  return previous !== undefined && next !== undefined && PICTOGRAPHIC.test(String.fromCodePoint(previous.codePoint)) && PICTOGRAPHIC.test(String.fromCodePoint(next.codePoint));
}

/** ASCII text carried by tag characters (U+E0020–U+E007E map to U+0020–U+007E). */
export function decodeTags(characters: readonly HiddenCharacter[]): string {
  return characters
    .filter((character) => character.kind === 'tag' && character.codePoint >= 0xe0020 && character.codePoint <= 0xe007e)
    .map((character) => String.fromCharCode(character.codePoint - 0xe0000))
    .join('');
}

/** Bytes carried by runs of variation selectors, decoded as UTF-8 when that yields printable text. */
export function decodeSmuggledBytes(characters: readonly HiddenCharacter[]): string | undefined {
  const bytes = characters.filter((character) => character.kind === 'smuggled-bytes').map((character) => variationSelectorByte(character.codePoint)!);
  if (bytes.length < 2) return undefined;
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(bytes));
    return /^[\p{L}\p{N}\p{P}\p{S}\p{Zs}\n\t]+$/u.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

/** `value` with every hidden character made visible: decoded tags inline, the rest as ⟦U+XXXX NAME⟧. */
export function revealHiddenCharacters(value: string, hidden: readonly HiddenCharacter[]): string {
  let result = '';
  let cursor = 0;
  let tagRun = '';
  const flushTags = () => {
    if (tagRun) result += `⟦tags: ${tagRun}⟧`;
    tagRun = '';
  };
  for (const character of hidden) {
    if (character.index > cursor) {
      flushTags();
      result += value.slice(cursor, character.index);
    }
    if (character.kind === 'tag' && character.codePoint >= 0xe0020 && character.codePoint <= 0xe007e) {
      tagRun += String.fromCharCode(character.codePoint - 0xe0000);
    } else {
      flushTags();
      result += `⟦${formatCodePoint(character.codePoint)} ${characterName(character.codePoint)}⟧`;
    }
    cursor = character.index + character.length;
  }
  flushTags();
  return result + value.slice(cursor);
}
