import { isMap, isScalar, isSeq, type TemplatePath } from '../../../template/nodes';
import type { SourcePosition } from '../../../template/source-range';
import type { TemplateModel } from '../../../template/template-model';
import type { TextEdit } from '../../finding';

/** A YAML value to write: a scalar (`true`, `!Ref X`) or a nested block, one line per item. */
export type YamlValue = string | YamlBlock;
export interface YamlBlock { lines: string[] }

export function block(...lines: string[]): YamlBlock {
  return { lines };
}

/** Replace a literal scalar's text; intrinsics and collections are left to the user. */
export function replaceScalar(model: TemplateModel, path: TemplatePath, newText: string): TextEdit | undefined {
  const node = model.get(path);
  if (!isScalar(node)) return undefined;
  return { range: node.range, newText };
}

/**
 * Insert `key: value` into the block-style mapping at `mapPath`, at the indentation of its keys.
 * It goes before the first key, or after the last one when the first shares its line with a
 * list dash (`- Key: x`). Flow mappings (`{...}`) and JSON templates are not edited: undefined.
 */
export function insertKey(model: TemplateModel, mapPath: TemplatePath, key: string, value: YamlValue): TextEdit | undefined {
  return insertKeys(model, mapPath, [[key, value]]);
}

/** Several keys in one edit, in the order given. */
export function insertKeys(model: TemplateModel, mapPath: TemplatePath, pairs: Array<[string, YamlValue]>): TextEdit | undefined {
  if (model.isJson) return undefined;
  const map = model.get(mapPath);
  if (!isMap(map) || map.entries.length === 0 || map.shortForm) return undefined;
  if (model.text[model.lines.offsetAt(map.range.start)] === '{') return undefined;
  const first = map.entries[0].keyRange.start;
  const lineStart = model.lines.offsetAt({ line: first.line, character: 0 });
  const prefix = model.text.slice(lineStart, lineStart + first.character);
  const text = pairs.map(([key, value]) => render(' '.repeat(first.character), key, value)).join('');
  if (/^\s*$/.test(prefix)) return insertAt(first.line, text);
  if (!/^\s*-\s+$/.test(prefix)) return undefined;
  const lastEnd = map.entries[map.entries.length - 1].value.range.end;
  return lineAfter(model, lastEnd, text);
}

/**
 * Append items to a block-style list (`- a` lines) after its last item, at the dash's column.
 * `items` are the lines of each new item, the first without its dash (`['Key: x', 'Value: y']`).
 */
export function appendToList(model: TemplateModel, listPath: TemplatePath, items: string[][]): TextEdit | undefined {
  if (model.isJson) return undefined;
  const list = model.get(listPath);
  if (!isSeq(list) || list.items.length === 0) return undefined;
  const first = list.items[0].range.start;
  const lineStart = model.lines.offsetAt({ line: first.line, character: 0 });
  const prefix = model.text.slice(lineStart, lineStart + first.character);
  const dash = prefix.match(/^(\s*)-\s+$/);
  if (!dash) return undefined;
  const pad = dash[1];
  const text = items.map((lines) => lines.map((l, i) => `${pad}${i === 0 ? '- ' : '  '}${l}\n`).join('')).join('');
  return lineAfter(model, list.items[list.items.length - 1].range.end, text);
}

/** Set a scalar when the key exists, insert it when it does not. */
export function setKey(model: TemplateModel, mapPath: TemplatePath, key: string, value: string): TextEdit | undefined {
  const existing = model.get([...mapPath, key]);
  if (existing) return replaceScalar(model, [...mapPath, key], value);
  return insertKey(model, mapPath, key, value);
}

/**
 * Set `Properties.<key>` of a resource, creating `Properties:` when the resource has none.
 */
export function setProperty(model: TemplateModel, resourcePath: TemplatePath, key: string, value: YamlValue): TextEdit | undefined {
  const props = model.get([...resourcePath, 'Properties']);
  if (isMap(props) && props.entries.length) {
    if (model.get([...resourcePath, 'Properties', key])) return typeof value === 'string' ? replaceScalar(model, [...resourcePath, 'Properties', key], value) : undefined;
    return insertKey(model, [...resourcePath, 'Properties'], key, value);
  }
  if (props) return undefined;
  return insertKey(model, resourcePath, 'Properties', block(...render('', key, value).trimEnd().split('\n')));
}

function render(indent: string, key: string, value: YamlValue): string {
  if (typeof value === 'string') return `${indent}${key}: ${value}\n`;
  return `${indent}${key}:\n` + value.lines.map((l) => `${indent}  ${l}\n`).join('');
}

function insertAt(line: number, newText: string): TextEdit {
  const at: SourcePosition = { line, character: 0 };
  return { range: { start: at, end: at }, newText };
}

/** At the start of the line after `end` (or at `end` when it already starts a line). */
function lineAfter(model: TemplateModel, end: SourcePosition, text: string): TextEdit {
  if (end.character === 0) return insertAt(end.line, text);
  if (end.line + 1 < model.lines.lineCount) return insertAt(end.line + 1, text);
  const eof = model.lines.positionAt(model.text.length);
  return { range: { start: eof, end: eof }, newText: '\n' + text.replace(/\n$/, '') };
}

/** Apply edits to text (later edits first, so earlier offsets stay valid); used by tests and the CLI. */
export function applyEdits(model: TemplateModel, edits: TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => model.lines.offsetAt(b.range.start) - model.lines.offsetAt(a.range.start));
  let text = model.text;
  for (const e of sorted) {
    text = text.slice(0, model.lines.offsetAt(e.range.start)) + e.newText + text.slice(model.lines.offsetAt(e.range.end));
  }
  return text;
}
