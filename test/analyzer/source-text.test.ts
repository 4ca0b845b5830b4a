import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { SourceText } from '../../server/src/analyzer/source-text';
import { detectFileKind } from '../../server/src/analyzer/file-kind';

void describe('SourceText', () => {
  const kind = detectFileKind('a.ts', '')!;

  void it('exposes a line index over its text', () => {
    const source = new SourceText('a.ts', 'one\r\ntwo\n', kind);
    assert.equal(source.lines.lineCount, 3);
    assert.equal(source.lines.lineText(1), 'two');
    assert.equal(source.lines, source.lines, 'computed once');
  });

  void it('indentationAt returns the leading spaces and tabs of the offset line', () => {
    const text = 'a\n    b\n\t\tc\n \t d\n';
    const source = new SourceText('a.ts', text, kind);
    assert.equal(source.indentationAt(text.indexOf('a')), '');
    assert.equal(source.indentationAt(text.indexOf('b')), '    ');
    assert.equal(source.indentationAt(text.indexOf('c')), '\t\t');
    assert.equal(source.indentationAt(text.indexOf('d')), ' \t ');
    assert.equal(source.indentationAt(text.indexOf('\n', text.indexOf('b'))), '    ', 'the line break belongs to its line');
  });
});
