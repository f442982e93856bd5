import type { TEntry, TMap, TNode } from './nodes';
import { parseTemplateText, tooLargeProblem, type ParseProblem, type ParseResult } from './parse';
import { splitIntoChunks, type Chunk } from './chunks';
import { LineIndex, type SourceRange } from './source-range';

interface ParsedChunk {
  /** The chunk's one entry, with ranges as if the chunk started at line 0. */
  entry: TEntry;
}

export interface ChunkedParseResult extends ParseResult {
  /** The pieces the text was split into; absent when it was parsed whole. */
  chunks?: Chunk[];
}

/**
 * Parses a template as you type: the text is split into sections and resources, each piece is
 * parsed once and remembered by its exact text, so an edit re-parses only the piece it touched.
 * Whenever a piece does not parse cleanly on its own, the whole text is parsed instead, so
 * problems are always reported exactly as a full parse reports them.
 */
export class ChunkedParser {
  private cache = new Map<string, ParsedChunk>();
  /** Entries as placed in the last text, by chunk text: reused as they are when a chunk did not move. */
  private placed = new Map<string, { startLine: number; entry: TEntry }>();

  parse(text: string): ChunkedParseResult {
    // The size limit is the document's, not a chunk's: checked once here, before splitting.
    const tooLarge = tooLargeProblem(text);
    if (tooLarge) {
      this.cache.clear();
      this.placed.clear();
      return { problems: [tooLarge], lines: new LineIndex(text) };
    }
    const chunks = splitIntoChunks(text);
    if (!chunks) return this.whole(text);
    const next = new Map<string, ParsedChunk>();
    const placed = new Map<string, { startLine: number; entry: TEntry }>();
    const lines = new LineIndex(text);
    const topEntries: TEntry[] = [];
    const resourceEntries: TEntry[] = [];
    let resourcesEntry: TEntry | undefined;
    const seen = new Set<string>();
    for (const chunk of chunks) {
      if (seen.has(chunk.key)) return this.whole(text); // the full parse reports the duplicate
      seen.add(chunk.key);
      let parsed = this.cache.get(chunk.text) ?? next.get(chunk.text);
      if (!parsed) {
        const result = parseTemplateText(chunk.text);
        const root = result.root;
        if (result.problems.length || root?.kind !== 'map' || root.entries.length !== 1) return this.whole(text);
        parsed = { entry: root.entries[0] };
      }
      next.set(chunk.text, parsed);
      const previous = this.placed.get(chunk.text);
      const entry = previous?.startLine === chunk.startLine ? previous.entry
        : chunk.startLine === 0 ? parsed.entry : shiftEntry(parsed.entry, chunk.startLine);
      placed.set(chunk.text, { startLine: chunk.startLine, entry });
      if (chunk.kind === 'resource') resourceEntries.push(entry);
      else if (chunk.kind === 'resources-header') { resourcesEntry = entry; topEntries.push(entry); }
      else topEntries.push(entry);
    }
    this.cache = next;
    this.placed = placed;
    if (resourcesEntry) {
      const last = resourceEntries[resourceEntries.length - 1];
      const range: SourceRange = { start: resourcesEntry.keyRange.start, end: last ? last.value.range.end : resourcesEntry.value.range.end };
      const index = topEntries.indexOf(resourcesEntry);
      const start = resourceEntries[0]?.keyRange.start ?? resourcesEntry.value.range.start;
      topEntries[index] = { ...resourcesEntry, value: { kind: 'map', entries: resourceEntries, range: { start, end: range.end } } };
    }
    const root: TMap = { kind: 'map', entries: topEntries, range: lines.rangeOf(0, text.length) };
    return { root, problems: [], lines, chunks };
  }

  private whole(text: string): ChunkedParseResult {
    this.cache.clear();
    this.placed.clear();
    return parseTemplateText(text);
  }
}

function shiftEntry(entry: TEntry, lines: number): TEntry {
  return { key: entry.key, keyRange: shiftRange(entry.keyRange, lines), value: shiftNode(entry.value, lines) };
}

function shiftNode(node: TNode, lines: number): TNode {
  switch (node.kind) {
    case 'scalar': return { kind: 'scalar', value: node.value, range: shiftRange(node.range, lines) };
    case 'seq': return { kind: 'seq', items: node.items.map((i) => shiftNode(i, lines)), range: shiftRange(node.range, lines) };
    case 'map': return { kind: 'map', entries: node.entries.map((e) => shiftEntry(e, lines)), range: shiftRange(node.range, lines), ...(node.shortForm ? { shortForm: node.shortForm } : {}) };
  }
}

export function shiftRange(range: SourceRange, lines: number): SourceRange {
  return { start: { line: range.start.line + lines, character: range.start.character }, end: { line: range.end.line + lines, character: range.end.character } };
}

export type { ParseProblem };
