/** Zero-based line and UTF-16 character, as LSP positions are. */
export interface LineCharacter {
  line: number;
  character: number;
}

/** Offset ↔ line/column conversion for one text; lines end at \n, \r\n or a lone \r. */
export class LineIndex {
  private readonly lineStarts: number[];

  constructor(private readonly text: string) {
    // indexOf scans natively, several times faster than a charCodeAt loop over the whole text.
    const starts = [0];
    let carriageReturn = text.indexOf('\r');
    let lineFeed = text.indexOf('\n');
    while (lineFeed >= 0 || carriageReturn >= 0) {
      if (carriageReturn >= 0 && (lineFeed < 0 || carriageReturn < lineFeed)) {
        const next = lineFeed === carriageReturn + 1 ? carriageReturn + 2 : carriageReturn + 1;
        starts.push(next);
        carriageReturn = text.indexOf('\r', next);
        if (lineFeed >= 0 && lineFeed < next) lineFeed = text.indexOf('\n', next);
      } else {
        starts.push(lineFeed + 1);
        lineFeed = text.indexOf('\n', lineFeed + 1);
      }
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  lineOf(offset: number): number {
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  positionOf(offset: number): LineCharacter {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(clamped);
    return { line, character: clamped - this.lineStarts[line]! };
  }

  lineStart(line: number): number {
    return this.lineStarts[Math.max(0, Math.min(line, this.lineStarts.length - 1))]!;
  }

  /** The line's text without its line break. */
  lineText(line: number): string {
    const start = this.lineStart(line);
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.text.length;
    return this.text.slice(start, next).replace(/\r?\n$|\r$/, '');
  }
}
