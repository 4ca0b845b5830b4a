import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TextMemo } from '../../../server/src/analyzer/text/text-memo';

void describe('TextMemo', () => {
  void it('computes once per text, key and options, and hands back the same result', () => {
    const memo = new TextMemo<object, string[]>(10);
    const patternA = {};
    const patternB = {};
    let computed = 0;
    const compute = (label: string) => () => {
      computed++;
      return [label];
    };
    const first = memo.get('some text', patternA, 'x', compute('a'));
    assert.equal(memo.get('some text', patternA, 'x', compute('again')), first);
    assert.equal(computed, 1);
    assert.deepEqual(memo.get('some text', patternB, 'x', compute('b')), ['b']);
    assert.deepEqual(memo.get('some text', patternA, 'y', compute('a-y')), ['a-y']);
    assert.deepEqual(memo.get('other text', patternA, 'x', compute('other')), ['other']);
    assert.equal(computed, 4);
  });

  void it('keeps the texts of the last two generations, carrying over those used again', () => {
    const memo = new TextMemo<object, number>(2);
    const key = {};
    let computed = 0;
    const compute = () => ++computed;
    memo.get('one', key, '', compute); // 1
    memo.get('two', key, '', compute); // 2; the generation is full: one, two become the previous one
    memo.get('one', key, '', compute); // remembered, and carried into the new generation
    memo.get('three', key, '', compute); // 3; full again: one, three become the previous generation
    assert.equal(computed, 3);
    assert.equal(memo.get('one', key, '', compute), 1, 'used again, so kept');
    assert.equal(memo.get('three', key, '', compute), 3);
    assert.equal(memo.get('two', key, '', compute), 4, 'not used in a generation, so forgotten');
  });
});
