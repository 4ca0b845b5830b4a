import { DecodedString, type StringPiece } from '../syntax/string-literal';

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', '"': '"', '\\': '\\', '/': '/' };

/**
 * Decodes the JSON string literal written at `source[offset, offset + length)` (quotes included),
 * keeping the map from value to source that lets a finding underline the exact escaped characters.
 */
export function decodeJsonString(source: string, offset: number, length: number): DecodedString {
  const pieces: StringPiece[] = [];
  let value = '';
  const contentEnd = offset + length - 1;
  let cursor = offset + 1;
  let rawStart = cursor;
  const flushRaw = (end: number) => {
    if (end <= rawStart) return;
    pieces.push({ valueStart: value.length, valueEnd: value.length + (end - rawStart), sourceStart: rawStart, sourceEnd: end, escaped: false });
    value += source.slice(rawStart, end);
  };
  while (cursor < contentEnd) {
    if (source[cursor] !== '\\') {
      cursor++;
      continue;
    }
    flushRaw(cursor);
    const kind = source[cursor + 1] ?? '';
    let decoded: string;
    let escapeLength = 2;
    if (kind === 'u' && /^[0-9a-fA-F]{4}$/.test(source.slice(cursor + 2, cursor + 6))) {
      decoded = String.fromCharCode(parseInt(source.slice(cursor + 2, cursor + 6), 16));
      escapeLength = 6;
    } else {
      decoded = SIMPLE_ESCAPES[kind] ?? kind;
    }
    pieces.push({ valueStart: value.length, valueEnd: value.length + decoded.length, sourceStart: cursor, sourceEnd: cursor + escapeLength, escaped: true });
    value += decoded;
    cursor += escapeLength;
    rawStart = cursor;
  }
  flushRaw(Math.min(cursor, contentEnd));
  return new DecodedString(value, pieces, offset, offset + length, true);
}
