import type { FileKind } from './file-kind';
import { LineIndex } from './text/line-index';

/** The text under analysis with its path and kind; line lookups are computed on first use. */
export class SourceText {
  private lineIndex: LineIndex | undefined;

  constructor(
    readonly path: string,
    readonly text: string,
    readonly kind: FileKind,
  ) {}

  get lines(): LineIndex {
    this.lineIndex ??= new LineIndex(this.text);
    return this.lineIndex;
  }

  /** The whitespace that starts the line containing `offset`. */
  indentationAt(offset: number): string {
    const lineText = this.lines.lineText(this.lines.lineOf(offset));
    return /^[ \t]*/.exec(lineText)?.[0] ?? '';
  }
}
