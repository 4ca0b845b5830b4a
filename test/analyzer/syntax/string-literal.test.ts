import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CodeLanguage } from '../../../server/src/analyzer/file-kind';
import { decodeStringNode, stringExpressionParts, type DecodedString } from '../../../server/src/analyzer/syntax/string-literal';
import { nodeOf, parseRoot } from '../../helpers/parse';

/** Decodes the first node of `type` in `source`; fails when it does not decode. */
async function decoded(language: CodeLanguage, source: string, type = 'string'): Promise<DecodedString> {
  const result = decodeStringNode(await nodeOf(language, source, type));
  assert.ok(result, `${type} in ${source} did not decode`);
  return result;
}

/** The source text `sourceRange(from, to)` maps back to. */
function sourceOf(source: string, literal: DecodedString, from: number, to: number): string {
  const { start, end } = literal.sourceRange(from, to);
  return source.slice(start, end);
}

void describe('decodeStringNode: JavaScript and TypeScript', () => {
  // const s = 'a\nb\x41\u200b\u{E0041}\uDB40\uDC41c\<newline>d';
  const source = "const s = 'a\\nb\\x41\\u200b\\u{E0041}\\uDB40\\uDC41c\\\nd';";

  void it('decodes escapes the way the JavaScript engine does', async () => {
    const literal = await decoded('typescript', source);
    assert.equal(literal.value, 'a\nbA\u200b\u{E0041}\u{E0041}cd');
    assert.equal(literal.isComplete, true);
  });

  void it('decodes a surrogate-pair escape to one code point', async () => {
    const literal = await decoded('typescript', source);
    assert.equal(literal.value.codePointAt(7), 0xe0041);
    assert.equal([...literal.value].filter((char) => char.codePointAt(0) === 0xe0041).length, 2);
  });

  void it('drops line continuations', async () => {
    const literal = await decoded('javascript', "x = 'one \\\ntwo';");
    assert.equal(literal.value, 'one two');
  });

  void it('reports the literal range, quotes included', async () => {
    const literal = await decoded('typescript', source);
    assert.equal(literal.start, source.indexOf("'"));
    assert.equal(literal.end, source.lastIndexOf("'") + 1);
  });

  void it('maps decoded indices back to the exact escape', async () => {
    const literal = await decoded('typescript', source);
    assert.equal(sourceOf(source, literal, 1, 2), '\\n');
    assert.equal(sourceOf(source, literal, 3, 4), '\\x41');
    assert.equal(sourceOf(source, literal, 4, 5), '\\u200b');
    assert.equal(sourceOf(source, literal, 5, 7), '\\u{E0041}');
    assert.equal(sourceOf(source, literal, 5, 6), '\\u{E0041}', 'half of an astral code point maps to the whole escape');
    assert.equal(sourceOf(source, literal, 6, 7), '\\u{E0041}', 'so does the second half');
    assert.equal(sourceOf(source, literal, 8, 9), '\\uDC41', 'the low-surrogate escape alone');
    assert.equal(sourceOf(source, literal, 7, 9), '\\uDB40\\uDC41', 'both halves of a surrogate-pair escape');
  });

  void it('maps unescaped characters one to one, and ranges spanning both kinds', async () => {
    const literal = await decoded('typescript', source);
    assert.equal(sourceOf(source, literal, 0, 1), 'a');
    assert.equal(sourceOf(source, literal, 2, 3), 'b');
    assert.equal(sourceOf(source, literal, 2, 5), 'b\\x41\\u200b');
    assert.equal(sourceOf(source, literal, 9, 11), 'c\\\nd');
  });

  void it('decodes simple, quote, octal and unknown escapes', async () => {
    const literal = await decoded('javascript', String.raw`x = "\t\r\b\f\v\"\'\\\101\0\q";`);
    assert.equal(literal.value, '\t\r\b\f\v"\'\\A\0q');
  });

  void it('decodes template literals without substitutions as complete', async () => {
    const literal = await decoded('typescript', 'const s = `one\ntwo\\u200b`;', 'template_string');
    assert.equal(literal.value, 'one\ntwo\u200b');
    assert.equal(literal.isComplete, true);
  });

  void it('leaves template substitutions out and marks the value incomplete', async () => {
    const source = 'const s = `Hello ${name}!\\u200b ${other} end`;';
    const literal = await decoded('typescript', source, 'template_string');
    assert.equal(literal.value, 'Hello !\u200b  end');
    assert.equal(literal.isComplete, false);
    assert.equal(sourceOf(source, literal, 7, 8), '\\u200b', 'indices after a substitution still map back');
  });

  void it('decodes empty strings; their ranges fall back to the whole literal', async () => {
    const source = "x = '';";
    const literal = await decoded('javascript', source);
    assert.equal(literal.value, '');
    assert.deepEqual(literal.sourceRange(0, 0), { start: 4, end: 6 });
  });

  void it('returns undefined for nodes that are not string literals', async () => {
    assert.equal(decodeStringNode(await nodeOf('typescript', 'x = 42;', 'number')), undefined);
    assert.equal(decodeStringNode(await nodeOf('typescript', 'x = y;', 'identifier', 1)), undefined);
  });
});

void describe('decodeStringNode: Python', () => {
  void it('decodes \\N{…}, \\U, \\u, \\x and octal escapes', async () => {
    const source = String.raw`s = "a\N{ZERO WIDTH SPACE}\U000E0041\u00e9\x41\101"`;
    const literal = await decoded('python', source);
    assert.equal(literal.value, 'a\u200b\u{E0041}éAA');
    assert.equal(literal.isComplete, true);
    assert.equal(sourceOf(source, literal, 1, 2), '\\N{ZERO WIDTH SPACE}');
    assert.equal(sourceOf(source, literal, 2, 4), '\\U000E0041');
    assert.equal(sourceOf(source, literal, 4, 5), '\\u00e9');
  });

  void it('decodes \\N{VARIATION SELECTOR-n}', async () => {
    const literal = await decoded('python', String.raw`s = "x\N{VARIATION SELECTOR-17}\N{variation selector-1}"`);
    assert.equal(literal.value, 'x\u{E0100}\uFE00');
  });

  void it('keeps the backslash of unknown escapes, as Python does', async () => {
    const literal = await decoded('python', String.raw`s = "C:\path\q"`);
    assert.equal(literal.value, 'C:\\path\\q');
  });

  void it('drops line continuations and decodes quote escapes', async () => {
    const literal = await decoded('python', 's = "one \\\ntwo \\"x\\" \\\'y\\\' \\\\"');
    assert.equal(literal.value, 'one two "x" \'y\' \\');
  });

  void it('keeps backslashes in raw strings', async () => {
    const literal = await decoded('python', String.raw`s = r"a\nb\u200b"`);
    assert.equal(literal.value, 'a\\nb\\u200b');
    assert.equal(literal.isComplete, true);
  });

  void it('returns undefined for bytes literals, whatever the prefix case', async () => {
    for (const source of ['s = b"x"', 's = B"x"', 's = rb"x"', 's = Br"x"', 's = b"""x"""']) {
      assert.equal(decodeStringNode(await nodeOf('python', source, 'string')), undefined, source);
    }
  });

  void it('leaves f-string interpolations out and marks the value incomplete', async () => {
    const literal = await decoded('python', 's = f"Hello {name}!\\u200b"');
    assert.equal(literal.value, 'Hello !\u200b');
    assert.equal(literal.isComplete, false);
  });

  void it('decodes doubled braces in f-strings as literal braces', async () => {
    const literal = await decoded('python', 's = f"{{literal}}"');
    assert.equal(literal.value, '{literal}');
    assert.equal(literal.isComplete, true);
  });

  void it('decodes triple-quoted docstrings with their line breaks', async () => {
    const source = 'def f():\n    """Line one.\n\n    Line two\\u200b."""\n';
    const literal = await decoded('python', source);
    assert.equal(literal.value, 'Line one.\n\n    Line two\u200b.');
    assert.equal(literal.start, source.indexOf('"""'));
    assert.equal(literal.end, source.lastIndexOf('"""') + 3);
  });

  void it('accepts u and R prefixes', async () => {
    assert.equal((await decoded('python', 's = u"\\u200b"')).value, '\u200b');
    assert.equal((await decoded('python', 's = R"\\u200b"')).value, '\\u200b');
  });

  void it(
    'decodes \\N{…} with the real Unicode names of tag characters',
    async () => {
      const literal = await decoded('python', String.raw`s = "Add\N{TAG LATIN CAPITAL LETTER A}\N{TAG SPACE}"`);
      assert.equal(literal.value, 'Add\u{E0041}\u{E0020}');
    },
  );
});

void describe('stringExpressionParts', () => {
  async function parts(language: CodeLanguage, source: string): Promise<string[] | undefined> {
    const root = await parseRoot(language, source);
    // The right-hand side of the only assignment.
    const statement = root.namedChildren[0];
    const expression = statement?.namedChildren[0];
    const value = expression?.childForFieldName('right') ?? expression?.childForFieldName('value');
    assert.ok(value, `no assignment value in ${source}`);
    return stringExpressionParts(value)?.map((part) => part.value);
  }

  void it('returns one part for a single literal', async () => {
    assert.deepEqual(await parts('typescript', "x = 'one';"), ['one']);
  });

  void it('returns the literals of a JS + chain, parenthesised or not', async () => {
    assert.deepEqual(await parts('typescript', "x = 'one ' + \"two \" + `three`;"), ['one ', 'two ', 'three']);
    assert.deepEqual(await parts('typescript', "x = ('one ' + ('two'));"), ['one ', 'two']);
  });

  void it('is undefined when any part is not a literal or the operator is not +', async () => {
    assert.equal(await parts('typescript', "x = 'one ' + name;"), undefined);
    assert.equal(await parts('typescript', "x = 'one' - 'two';"), undefined);
    assert.equal(await parts('typescript', 'x = name;'), undefined);
  });

  void it('returns the parts of Python implicit concatenation, parenthesised', async () => {
    assert.deepEqual(await parts('python', 'x = ("one "\n     "two\\u200b")'), ['one ', 'two\u200b']);
    assert.deepEqual(await parts('python', 'x = "one " "two"'), ['one ', 'two']);
  });

  void it('is undefined for Python concatenations containing bytes', async () => {
    assert.equal(await parts('python', 'x = "one " b"two"'), undefined);
  });
});
