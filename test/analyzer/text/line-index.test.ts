import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LineIndex } from '../../../server/src/analyzer/text/line-index';

void describe('LineIndex', () => {
  void it('has one line for text without breaks, including empty text', () => {
    const empty = new LineIndex('');
    assert.equal(empty.lineCount, 1);
    assert.equal(empty.lineOf(0), 0);
    assert.equal(empty.lineText(0), '');
    assert.deepEqual(empty.positionOf(0), { line: 0, character: 0 });
    assert.equal(new LineIndex('abc').lineCount, 1);
  });

  void it('splits at \\n, \\r\\n and a lone \\r', () => {
    const text = 'ab\ncd\r\nef\rgh';
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 4);
    assert.deepEqual([0, 1, 2, 3].map((line) => index.lineStart(line)), [0, 3, 7, 10]);
    assert.deepEqual([0, 1, 2, 3].map((line) => index.lineText(line)), ['ab', 'cd', 'ef', 'gh']);
  });

  void it('counts \\r\\n as one break and \\n\\r as two', () => {
    assert.equal(new LineIndex('a\r\nb').lineCount, 2);
    assert.equal(new LineIndex('a\n\rb').lineCount, 3);
    assert.equal(new LineIndex('a\r\rb').lineCount, 3);
  });

  void it('finds the same line starts as splitting at /\\r\\n|\\r|\\n/, for random mixes of breaks', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let round = 0; round < 500; round++) {
      const text = Array.from({ length: Math.floor(random() * 24) }, () => 'a\r\n'[Math.floor(random() * 3)]).join('');
      const expected = [0];
      for (const match of text.matchAll(/\r\n|\r|\n/g)) expected.push(match.index + match[0].length);
      const index = new LineIndex(text);
      assert.deepEqual(Array.from({ length: index.lineCount }, (_, line) => index.lineStart(line)), expected, JSON.stringify(text));
    }
  });

  void it('a trailing line break starts an empty last line', () => {
    const index = new LineIndex('a\r\n');
    assert.equal(index.lineCount, 2);
    assert.equal(index.lineText(0), 'a');
    assert.equal(index.lineText(1), '');
    assert.equal(index.lineStart(1), 3);
  });

  void it('places line-break characters on the line they end', () => {
    const index = new LineIndex('ab\r\ncd');
    assert.equal(index.lineOf(1), 0);
    assert.equal(index.lineOf(2), 0, '\\r');
    assert.equal(index.lineOf(3), 0, '\\n of \\r\\n');
    assert.equal(index.lineOf(4), 1);
  });

  void it('maps offsets to zero-based line and UTF-16 character', () => {
    const text = 'first\n  second 😀 x\r\nthird';
    const index = new LineIndex(text);
    assert.deepEqual(index.positionOf(0), { line: 0, character: 0 });
    assert.deepEqual(index.positionOf(5), { line: 0, character: 5 });
    assert.deepEqual(index.positionOf(6), { line: 1, character: 0 });
    assert.deepEqual(index.positionOf(text.indexOf('x')), { line: 1, character: 12 }, 'the emoji counts as two UTF-16 units');
    assert.deepEqual(index.positionOf(text.indexOf('third') + 2), { line: 2, character: 2 });
  });

  void it('clamps positionOf to the text', () => {
    const index = new LineIndex('ab\ncd');
    assert.deepEqual(index.positionOf(-10), { line: 0, character: 0 });
    assert.deepEqual(index.positionOf(5), { line: 1, character: 2 });
    assert.deepEqual(index.positionOf(500), { line: 1, character: 2 });
  });

  void it('clamps lineStart and lineOf to existing lines', () => {
    const index = new LineIndex('ab\ncd');
    assert.equal(index.lineStart(-1), 0);
    assert.equal(index.lineStart(9), 3);
    assert.equal(index.lineOf(-3), 0);
    assert.equal(index.lineOf(99), 1);
  });

  void it('finds the right line by binary search over many lines', () => {
    const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}`);
    const text = lines.join('\n');
    const index = new LineIndex(text);
    assert.equal(index.lineCount, 1000);
    for (const line of [0, 1, 499, 500, 998, 999]) {
      const offset = text.indexOf(`line ${line}\n`) >= 0 ? text.indexOf(`line ${line}\n`) : text.lastIndexOf(`line ${line}`);
      assert.equal(index.lineOf(offset), line);
      assert.equal(index.lineOf(offset + lines[line]!.length - 1), line);
      assert.equal(index.lineText(line), `line ${line}`);
    }
  });
});
