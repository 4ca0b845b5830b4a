import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Fix, TextEdit } from '../../server/src/analyzer/finding';
import { applyEdits, nonOverlappingFixes } from '../../server/src/analyzer/text-edits';

function fix(title: string, ...edits: Array<[number, number, string]>): Fix {
  return { title, kind: 'safe', edits: edits.map(([start, end, newText]) => ({ start, end, newText })) };
}

function titles(fixes: readonly Fix[]): string[] {
  return fixes.map((chosen) => chosen.title);
}

void describe('applyEdits', () => {
  const text = 'const a = { rejectUnauthorized: false };';

  void it('returns the text unchanged without edits', () => {
    assert.equal(applyEdits(text, []), text);
  });

  void it('applies replacements, deletions and insertions with offsets into the original text', () => {
    const edits: TextEdit[] = [
      { start: 0, end: 5, newText: 'let' },
      { start: 12, end: 38, newText: '' },
      { start: 40, end: 40, newText: ' // fixed' },
    ];
    assert.equal(applyEdits(text, edits), 'let a = { }; // fixed');
  });

  void it('gives the same result whatever order the edits come in', () => {
    const edits: TextEdit[] = [
      { start: 6, end: 7, newText: 'agentOptions' },
      { start: 0, end: 5, newText: 'let' },
      { start: 32, end: 37, newText: 'true' },
    ];
    const expected = 'let agentOptions = { rejectUnauthorized: true };';
    assert.equal(applyEdits(text, edits), expected);
    assert.equal(applyEdits(text, [...edits].reverse()), expected);
    assert.equal(applyEdits(text, [edits[2]!, edits[0]!, edits[1]!]), expected);
  });

  void it('accepts adjacent edits', () => {
    assert.equal(applyEdits('abcdef', [{ start: 3, end: 6, newText: 'X' }, { start: 0, end: 3, newText: 'Y' }]), 'YX');
  });

  void it('does not mutate the edit list it is given', () => {
    const edits: TextEdit[] = [{ start: 0, end: 1, newText: 'A' }, { start: 2, end: 3, newText: 'C' }];
    const copy = structuredClone(edits);
    applyEdits('abc', edits);
    assert.deepEqual(edits, copy);
  });

  void it('throws on overlapping edits', () => {
    assert.throws(() => applyEdits('abcdefgh', [{ start: 0, end: 5, newText: '' }, { start: 3, end: 8, newText: '' }]), /overlapping edits at offset 0/);
    assert.throws(() => applyEdits('abcdefgh', [{ start: 2, end: 4, newText: '' }, { start: 0, end: 8, newText: '' }]), /overlapping edits/);
  });
});

void describe('nonOverlappingFixes', () => {
  void it('keeps every fix when none conflict, in the given order', () => {
    const fixes = [fix('b', [10, 12, '']), fix('a', [0, 2, '']), fix('c', [2, 4, ''])];
    assert.deepEqual(titles(nonOverlappingFixes(fixes)), ['b', 'a', 'c']);
  });

  void it('drops a fix overlapping an earlier pick; the earlier fix wins', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('first', [0, 10, '']), fix('second', [5, 15, '']), fix('third', [15, 20, ''])])), ['first', 'third']);
    assert.deepEqual(titles(nonOverlappingFixes([fix('second', [5, 15, '']), fix('first', [0, 10, ''])])), ['second']);
  });

  void it('drops a fix when any one of its edits conflicts', () => {
    const fixes = [fix('a', [0, 5, '']), fix('b', [20, 25, ''], [3, 4, 'x']), fix('c', [20, 25, ''])];
    assert.deepEqual(titles(nonOverlappingFixes(fixes)), ['a', 'c']);
  });

  void it('drops an insertion inside a replaced range', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('replace', [5, 10, 'x']), fix('insert', [7, 7, 'y'])])), ['replace']);
  });

  void it('treats two insertions at the same point as conflicting (their order would be arbitrary)', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('one', [5, 5, 'a']), fix('two', [5, 5, 'b'])])), ['one']);
  });

  void it('treats an insertion at the start of a replaced range as conflicting', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('replace', [5, 10, 'x']), fix('insert', [5, 5, 'y'])])), ['replace']);
    assert.deepEqual(titles(nonOverlappingFixes([fix('insert', [5, 5, 'y']), fix('replace', [5, 10, 'x'])])), ['insert']);
  });

  void it('allows an insertion right after a replaced range, and adjacent replacements', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('replace', [5, 10, 'x']), fix('insert', [10, 10, 'y'])])), ['replace', 'insert']);
    assert.deepEqual(titles(nonOverlappingFixes([fix('replace', [5, 10, 'x']), fix('next', [10, 12, 'z'])])), ['replace', 'next']);
  });

  void it('drops a fix whose own edits overlap each other', () => {
    assert.deepEqual(titles(nonOverlappingFixes([fix('self-overlap', [0, 5, ''], [3, 8, '']), fix('ok', [0, 5, '']), fix('self-insert', [20, 20, 'a'], [20, 20, 'b'])])), [
      'ok',
    ]);
  });

  void it('returns fixes that applyEdits can apply together', () => {
    const text = 'a = 1; b = 2; c = 3;';
    const chosen = nonOverlappingFixes([fix('a', [4, 5, '10']), fix('ab', [0, 13, '']), fix('c', [18, 19, '30'], [0, 0, '// fixed\n'])]);
    assert.equal(applyEdits(text, chosen.flatMap((picked) => picked.edits)), '// fixed\na = 10; b = 2; c = 30;');
  });
});
