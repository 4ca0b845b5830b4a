import type { SyntaxNode } from './syntax-tree';
import { codePointForCharacterName } from '../text/hidden-unicode';
import { namedChildren } from './tree';

/** Maps a span of a string's decoded value to the source text it was written as. */
export interface StringPiece {
  valueStart: number;
  valueEnd: number;
  sourceStart: number;
  sourceEnd: number;
  /** Written as an escape sequence, so value and source lengths differ. */
  escaped: boolean;
}

/** A string literal's value as the program sees it, with a map back to source offsets. */
export class DecodedString {
  constructor(
    readonly value: string,
    readonly pieces: readonly StringPiece[],
    /** Offsets of the whole literal, quotes included. */
    readonly start: number,
    readonly end: number,
    /** False when interpolations (`${…}`, f-string `{…}`) were left out of `value`. */
    readonly isComplete: boolean,
  ) {}

  /** Source range covering the decoded value's [from, to). */
  sourceRange(from: number, to: number): { start: number; end: number } {
    const first = this.pieceAt(from);
    const last = this.pieceAt(Math.max(from, to - 1));
    if (!first || !last) return { start: this.start, end: this.end };
    const start = first.escaped ? first.sourceStart : first.sourceStart + (from - first.valueStart);
    const end = last.escaped ? last.sourceEnd : last.sourceStart + (to - last.valueStart);
    return { start, end };
  }

  /** Whether the decoded character at `index` was written as an escape sequence. */
  isEscaped(index: number): boolean {
    return this.pieceAt(index)?.escaped === true;
  }

  private pieceAt(index: number): StringPiece | undefined {
    return this.pieces.find((piece) => index >= piece.valueStart && index < piece.valueEnd);
  }
}

const JS_STRING_TYPES = new Set(['string', 'template_string']);
const INTERPOLATION_TYPES = new Set(['template_substitution', 'interpolation']);

/** Decodes a JS/TS `string` or `template_string` node, or a Python `string` node (not bytes). */
export function decodeStringNode(node: SyntaxNode): DecodedString | undefined {
  if (!JS_STRING_TYPES.has(node.type)) return undefined;
  const opening = node.firstChild;
  const closing = node.lastChild;
  // Both grammars call it `string`; Python's has explicit start/end tokens carrying the prefix.
  if (opening?.type !== 'string_start') return decode(node, node.startIndex + 1, node.endIndex - 1, decodeJsEscape);
  if (closing?.type !== 'string_end') return undefined;
  const prefix = opening.text.replace(/(?<!["'])["']+$/, '').toLowerCase();
  if (prefix.includes('b')) return undefined;
  return decode(node, opening.endIndex, closing.startIndex, decodePythonEscape);
}

/**
 * The literal parts of a string expression: one literal, `"a" + "b"` chains (JS/TS), or implicit
 * concatenation `"a" "b"` and parenthesised strings (Python). Undefined when any part is not a literal.
 */
export function stringExpressionParts(node: SyntaxNode): DecodedString[] | undefined {
  switch (node.type) {
    case 'parenthesized_expression': {
      const inner = namedChildren(node).filter((child) => child.type !== 'comment');
      return inner.length === 1 && inner[0] ? stringExpressionParts(inner[0]) : undefined;
    }
    case 'binary_expression': {
      if (node.childForFieldName('operator')?.type !== '+') return undefined;
      const left = node.childForFieldName('left');
      const right = node.childForFieldName('right');
      const leftParts = left ? stringExpressionParts(left) : undefined;
      const rightParts = right ? stringExpressionParts(right) : undefined;
      return leftParts && rightParts ? [...leftParts, ...rightParts] : undefined;
    }
    case 'concatenated_string': {
      const parts = namedChildren(node).filter((child) => child.type !== 'comment').map(decodeStringNode);
      return parts.every((part): part is DecodedString => part !== undefined) ? parts : undefined;
    }
    default: {
      const decoded = decodeStringNode(node);
      return decoded ? [decoded] : undefined;
    }
  }
}

function decode(node: SyntaxNode, contentStart: number, contentEnd: number, decodeEscape: (raw: string) => string): DecodedString {
  const pieces: StringPiece[] = [];
  let value = '';
  let isComplete = true;
  let cursor = contentStart;
  const source = node.text;
  const base = node.startIndex;
  const pushRaw = (end: number) => {
    if (end <= cursor) return;
    const text = source.slice(cursor - base, end - base);
    pieces.push({ valueStart: value.length, valueEnd: value.length + text.length, sourceStart: cursor, sourceEnd: end, escaped: false });
    value += text;
  };
  for (const special of specialNodes(node)) {
    if (special.startIndex < cursor || special.endIndex > contentEnd) continue;
    pushRaw(special.startIndex);
    if (INTERPOLATION_TYPES.has(special.type)) {
      isComplete = false;
    } else {
      const decoded = special.type === 'escape_interpolation' ? special.text.slice(1) : decodeEscape(special.text);
      if (decoded.length > 0) {
        pieces.push({ valueStart: value.length, valueEnd: value.length + decoded.length, sourceStart: special.startIndex, sourceEnd: special.endIndex, escaped: true });
        value += decoded;
      }
    }
    cursor = special.endIndex;
  }
  pushRaw(contentEnd);
  return new DecodedString(value, pieces, node.startIndex, node.endIndex, isComplete);
}

/** Escapes and interpolations inside a string node, in source order. */
function specialNodes(node: SyntaxNode): SyntaxNode[] {
  const found: SyntaxNode[] = [];
  const visit = (parent: SyntaxNode) => {
    for (const child of namedChildren(parent)) {
      if (child.type === 'escape_sequence' || child.type === 'escape_interpolation' || INTERPOLATION_TYPES.has(child.type)) {
        found.push(child);
      } else if (child.type === 'string_content' || child.type === 'string_fragment') {
        visit(child);
      }
    }
  };
  visit(node);
  return found;
}

function fromCodePoint(codePoint: number): string {
  return Number.isInteger(codePoint) && codePoint >= 0 && codePoint <= 0x10ffff ? String.fromCodePoint(codePoint) : '\ufffd';
}

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v' };
const LINE_BREAKS = new Set(['\n', '\r', '\u2028', '\u2029']);

function decodeJsEscape(raw: string): string {
  const kind = raw[1] ?? '';
  if (kind in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[kind]!;
  if (LINE_BREAKS.has(kind)) return '';
  if (kind === 'x') return fromCodePoint(parseInt(raw.slice(2, 4), 16));
  if (kind === 'u') {
    // `\u{…}` is a code point; a plain `\uXXXX` may be half of a surrogate pair and is kept as such.
    return raw[2] === '{' ? fromCodePoint(parseInt(raw.slice(3, -1), 16)) : String.fromCharCode(parseInt(raw.slice(2, 6), 16));
  }
  if (/^[0-7]/.test(kind)) return String.fromCharCode(parseInt(raw.slice(1), 8));
  return raw.slice(1);
}

const PYTHON_SIMPLE_ESCAPES: Record<string, string> = { ...SIMPLE_ESCAPES, a: '\x07', '\\': '\\', "'": "'", '"': '"' };

function decodePythonEscape(raw: string): string {
  const kind = raw[1] ?? '';
  if (kind in PYTHON_SIMPLE_ESCAPES) return PYTHON_SIMPLE_ESCAPES[kind]!;
  if (LINE_BREAKS.has(kind)) return '';
  if (kind === 'x') return fromCodePoint(parseInt(raw.slice(2, 4), 16));
  if (kind === 'u') return String.fromCharCode(parseInt(raw.slice(2, 6), 16));
  if (kind === 'U') return fromCodePoint(parseInt(raw.slice(2, 10), 16));
  if (kind === 'N') return fromCodePoint(codePointForCharacterName(raw.slice(3, -1)) ?? 0xfffd);
  if (/^[0-7]/.test(kind)) return String.fromCharCode(parseInt(raw.slice(1), 8));
  // Python keeps the backslash of an unknown escape.
  return raw;
}
