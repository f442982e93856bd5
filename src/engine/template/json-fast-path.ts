import type { TEntry, TNode } from './nodes';
import type { LineIndex, SourceRange } from './source-range';

/** Told of a key seen again in the same object; `firstTime` when it is the key's first repeat. */
export type DuplicateKeyReport = (key: string, first: SourceRange, again: SourceRange, firstTime: boolean) => void;

/**
 * Strict JSON read straight into template nodes, for `.json` templates (a quarter of public ones).
 * The YAML library reads JSON too, as YAML 1.2 flow collections, but several times slower; this
 * reader gives the very same nodes, ranges and duplicate-key reports, and answers undefined for
 * anything that is not plain RFC 8259 JSON, so the YAML path reads it and reports what is wrong
 * exactly as before. A test keeps the two paths equal on every JSON fixture.
 */
export function readJsonTemplate(text: string, lines: LineIndex, reportDuplicate: DuplicateKeyReport): TNode | undefined {
  try {
    return new JsonReader(text, lines, reportDuplicate).document();
  } catch (error) {
    if (error === NOT_PLAIN_JSON) return undefined;
    throw error;
  }
}

/** Thrown inside the reader only: the text is not plain JSON, let the YAML path read it. */
const NOT_PLAIN_JSON = new Error('not plain JSON');

const QUOTE = 34, BACKSLASH = 92, COMMA = 44, COLON = 58, OPEN_BRACE = 123, CLOSE_BRACE = 125, OPEN_BRACKET = 91, CLOSE_BRACKET = 93;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const ESCAPES: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };

class JsonReader {
  private at = 0;

  constructor(
    private readonly text: string,
    private readonly lines: LineIndex,
    private readonly reportDuplicate: DuplicateKeyReport,
  ) {}

  document(): TNode {
    this.space();
    if (this.text.charCodeAt(this.at) !== OPEN_BRACE) throw NOT_PLAIN_JSON;
    const root = this.value();
    this.space();
    if (this.at !== this.text.length) throw NOT_PLAIN_JSON;
    return root;
  }

  private value(): TNode {
    const c = this.text.charCodeAt(this.at);
    if (c === OPEN_BRACE) return this.object();
    if (c === OPEN_BRACKET) return this.array();
    const start = this.at;
    if (c === QUOTE) return { kind: 'scalar', value: this.string(), range: this.lines.rangeOf(start, this.at) };
    for (const [word, value] of WORDS) {
      if (this.text.startsWith(word, start)) { this.at += word.length; return { kind: 'scalar', value, range: this.lines.rangeOf(start, this.at) }; }
    }
    NUMBER.lastIndex = start;
    const number = NUMBER.exec(this.text);
    if (!number) throw NOT_PLAIN_JSON;
    this.at += number[0].length;
    return { kind: 'scalar', value: Number(number[0]), range: this.lines.rangeOf(start, this.at) };
  }

  private object(): TNode {
    const start = this.at++;
    const entries: TEntry[] = [];
    const firstByKey = new Map<string, TEntry>();
    const reported = new Set<string>();
    this.space();
    if (this.text.charCodeAt(this.at) !== CLOSE_BRACE) {
      for (;;) {
        this.space();
        if (this.text.charCodeAt(this.at) !== QUOTE) throw NOT_PLAIN_JSON;
        const keyStart = this.at;
        const key = this.string();
        const keyRange = this.lines.rangeOf(keyStart, this.at);
        this.space();
        if (this.text.charCodeAt(this.at++) !== COLON) throw NOT_PLAIN_JSON;
        this.space();
        const entry: TEntry = { key, keyRange, value: this.value() };
        const first = firstByKey.get(key);
        if (first) {
          this.reportDuplicate(key, first.keyRange, keyRange, !reported.has(key));
          reported.add(key);
        } else firstByKey.set(key, entry);
        entries.push(entry);
        this.space();
        const next = this.text.charCodeAt(this.at++);
        if (next === CLOSE_BRACE) break;
        if (next !== COMMA) throw NOT_PLAIN_JSON;
      }
    } else this.at++;
    return { kind: 'map', entries, range: this.lines.rangeOf(start, this.at) };
  }

  private array(): TNode {
    const start = this.at++;
    const items: TNode[] = [];
    this.space();
    if (this.text.charCodeAt(this.at) !== CLOSE_BRACKET) {
      for (;;) {
        this.space();
        items.push(this.value());
        this.space();
        const next = this.text.charCodeAt(this.at++);
        if (next === CLOSE_BRACKET) break;
        if (next !== COMMA) throw NOT_PLAIN_JSON;
      }
    } else this.at++;
    return { kind: 'seq', items, range: this.lines.rangeOf(start, this.at) };
  }

  /** A string from its opening quote; leaves `at` after the closing one. */
  private string(): string {
    const text = this.text;
    let i = ++this.at;
    let out = '';
    let runStart = i;
    for (;;) {
      const c = text.charCodeAt(i);
      if (Number.isNaN(c) || c < 0x20) throw NOT_PLAIN_JSON; // unterminated, or a raw control character
      if (c === QUOTE) break;
      if (c !== BACKSLASH) { i++; continue; }
      out += text.slice(runStart, i);
      const e = text[i + 1];
      if (e === 'u') {
        const hex = text.slice(i + 2, i + 6);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) throw NOT_PLAIN_JSON;
        out += String.fromCharCode(parseInt(hex, 16));
        i += 6;
      } else {
        const escaped = ESCAPES[e];
        if (escaped === undefined) throw NOT_PLAIN_JSON;
        out += escaped;
        i += 2;
      }
      runStart = i;
    }
    out += text.slice(runStart, i);
    this.at = i + 1;
    return out;
  }

  /** JSON's whitespace only (space, tab, LF, CR). */
  private space(): void {
    const text = this.text;
    let i = this.at;
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.at = i;
  }
}

const WORDS: Array<[string, boolean | null]> = [['true', true], ['false', false], ['null', null]];
