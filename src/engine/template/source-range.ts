/** Zero-based line and character, as VS Code counts them. The CLI adds one when it prints. */
export interface SourcePosition {
  line: number;
  character: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/** Maps character offsets to line/character positions, built once per text. */
export class LineIndex {
  private readonly lineStarts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      if (text.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  get lineCount(): number { return this.lineStarts.length; }

  positionAt(offset: number): SourcePosition {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    let low = 0;
    let high = this.lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (this.lineStarts[mid] <= clamped) low = mid; else high = mid - 1;
    }
    return { line: low, character: clamped - this.lineStarts[low] };
  }

  offsetAt(position: SourcePosition): number {
    const start = this.lineStarts[Math.min(Math.max(position.line, 0), this.lineStarts.length - 1)];
    return Math.min(start + position.character, this.text.length);
  }

  rangeOf(startOffset: number, endOffset: number): SourceRange {
    return { start: this.positionAt(startOffset), end: this.positionAt(endOffset) };
  }

  /** The whole of one line, for findings that have nothing more precise. */
  lineRange(line: number): SourceRange {
    const l = Math.max(0, Math.min(line, this.lineStarts.length - 1));
    const start = this.lineStarts[l];
    const next = l + 1 < this.lineStarts.length ? this.lineStarts[l + 1] - 1 : this.text.length;
    return { start: { line: l, character: 0 }, end: { line: l, character: Math.max(0, next - start) } };
  }
}

export const startOfFile: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
