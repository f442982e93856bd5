/**
 * Geometry for the drill chart, kept apart from the SVG text so tests can check it: every label is a
 * box, boxes of event labels never overlap (events at the same second go on separate rows), and
 * every box stays inside the picture.
 */
export interface Box { x: number; y: number; width: number; height: number }
export interface TextBox extends Box { text: string; fontSize: number; anchor: 'start' | 'end' | 'middle' }

/** Sans-serif at `fontSize`: a generous average advance, so real glyphs fit inside the box. */
export function textWidth(text: string, fontSize: number): number {
  return Math.ceil(text.length * fontSize * 0.62);
}

export function overlaps(a: Box, b: Box, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

export function inside(box: Box, width: number, height: number): boolean {
  return box.x >= 0 && box.y >= 0 && box.x + box.width <= width && box.y + box.height <= height;
}

/** A text box whose top-left is computed from where the text is anchored (SVG's baseline at `baseline`). */
export function textBox(text: string, at: number, baseline: number, fontSize: number, anchor: TextBox['anchor'] = 'start'): TextBox {
  const width = textWidth(text, fontSize);
  const x = anchor === 'start' ? at : anchor === 'end' ? at - width : at - width / 2;
  return { text, fontSize, anchor, x, y: baseline - fontSize, width, height: fontSize + 2 };
}

/** Where SVG's `x` goes for a box laid out by its left edge. */
export function anchorX(box: TextBox): number {
  return box.anchor === 'start' ? box.x : box.anchor === 'end' ? box.x + box.width : box.x + box.width / 2;
}

export interface EventLabelInput { x: number; text: string }

/**
 * Event labels above the plot: each starts just right of its line (or ends at the right edge when it
 * would not fit), on the first row where it overlaps nothing. Rows count down from `bottom`.
 */
export function layoutEventLabels(events: EventLabelInput[], left: number, right: number, bottom: number, fontSize = 10): { boxes: TextBox[]; rows: number } {
  const rowHeight = fontSize + 4;
  const rows: TextBox[][] = [];
  const boxes: TextBox[] = [];
  for (const e of [...events].sort((a, b) => a.x - b.x)) {
    const width = Math.min(textWidth(e.text, fontSize), right - left);
    const start = Math.max(left, Math.min(e.x + 2, right - width));
    let row = 0;
    for (; row < rows.length; row++) {
      const candidate = { x: start, y: 0, width, height: 1 };
      if (!rows[row].some((b) => overlaps(candidate, { ...b, y: 0, height: 1 }, 4))) break;
    }
    rows[row] ??= [];
    const baseline = bottom - row * rowHeight;
    const text = width < textWidth(e.text, fontSize) ? e.text.slice(0, Math.max(1, Math.floor(width / (fontSize * 0.62)) - 1)) + '…' : e.text;
    const box: TextBox = { text, fontSize, anchor: 'start', x: start, y: baseline - fontSize, width, height: fontSize + 2 };
    rows[row].push(box);
    boxes.push(box);
  }
  return { boxes, rows: rows.length };
}

/** Legend items left to right, wrapping onto a new line when the next would cross `right`. */
export function layoutLegend(labels: string[], left: number, right: number, top: number, fontSize = 11): { items: Array<{ swatch: Box; label: TextBox }>; height: number } {
  const lineHeight = fontSize + 6;
  let x = left, y = top;
  const items: Array<{ swatch: Box; label: TextBox }> = [];
  for (const text of labels) {
    const w = 14 + textWidth(text, fontSize);
    if (x + w > right && x > left) { x = left; y += lineHeight; }
    items.push({ swatch: { x, y: y + 2, width: 10, height: 10 }, label: textBox(text, x + 14, y + fontSize, fontSize) });
    x += w + 16;
  }
  return { items, height: labels.length ? y - top + lineHeight : 0 };
}

/** 0, a middle and a top value that reads well (1, 2, 5 × 10^n). */
export function niceMax(value: number): number {
  if (value <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(value));
  for (const m of [1, 2, 5, 10]) if (m * p >= value) return m * p;
  return 10 * p;
}

/** Tick seconds along the x-axis: a readable step, the last tick being the end of the drill. */
export function timeTicks(seconds: number, maxTicks = 8): number[] {
  const step = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300].find((s) => seconds / s <= maxTicks) ?? Math.ceil(seconds / maxTicks);
  const ticks: number[] = [];
  for (let t = 0; t < seconds; t += step) ticks.push(t);
  if (seconds - ticks[ticks.length - 1] < step / 2 && ticks.length > 1) ticks.pop();
  ticks.push(seconds);
  return ticks;
}
