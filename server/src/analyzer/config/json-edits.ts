import type { Node as JsonNode } from 'jsonc-parser';
import type { TextEdit } from '../finding';
import type { SourceText } from '../source-text';

export interface JsonLayout {
  eol: string;
  indentUnit: string;
}

/** The file's own line ending and indentation unit, so inserted JSON looks hand-written. */
export function detectLayout(source: SourceText): JsonLayout {
  const eol = source.text.includes('\r\n') ? '\r\n' : '\n';
  const indents = [...source.text.matchAll(/\n([ \t]+)\S/g)].map((match) => match[1] ?? '');
  if (indents.some((indent) => indent.startsWith('\t'))) return { eol, indentUnit: '\t' };
  const smallest = indents.reduce((min, indent) => (indent.length > 0 && indent.length < min ? indent.length : min), Infinity);
  return { eol, indentUnit: ' '.repeat(Number.isFinite(smallest) ? smallest : 2) };
}

function formatValue(value: unknown, baseIndent: string, layout: JsonLayout): string {
  return JSON.stringify(value, null, layout.indentUnit).split('\n').join(layout.eol + baseIndent);
}

/** Appends `value` as the last element of `array`, matching the indentation of its elements. */
export function appendToArray(array: JsonNode, value: unknown, source: SourceText): TextEdit {
  const layout = detectLayout(source);
  const arrayIndent = source.indentationAt(array.offset);
  const elements = array.children ?? [];
  const last = elements[elements.length - 1];
  if (!last) {
    const elementIndent = arrayIndent + layout.indentUnit;
    return {
      start: array.offset,
      end: array.offset + array.length,
      newText: `[${layout.eol}${elementIndent}${formatValue(value, elementIndent, layout)}${layout.eol}${arrayIndent}]`,
    };
  }
  const sharesLineWithBracket = source.lines.lineOf(last.offset) === source.lines.lineOf(array.offset);
  const elementIndent = sharesLineWithBracket ? arrayIndent + layout.indentUnit : source.indentationAt(last.offset);
  const insertAt = last.offset + last.length;
  return { start: insertAt, end: insertAt, newText: `,${layout.eol}${elementIndent}${formatValue(value, elementIndent, layout)}` };
}

/** Inserts `"key": value` as the first property of `object` (which must already have properties). */
export function insertFirstProperty(object: JsonNode, key: string, value: unknown, source: SourceText): TextEdit {
  const layout = detectLayout(source);
  const first = object.children?.[0];
  const propertyIndent = first ? source.indentationAt(first.offset) || layout.indentUnit : layout.indentUnit;
  const insertAt = object.offset + 1;
  return {
    start: insertAt,
    end: insertAt,
    newText: `${layout.eol}${propertyIndent}${JSON.stringify(key)}: ${formatValue(value, propertyIndent, layout)},`,
  };
}
