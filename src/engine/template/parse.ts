import { isAlias, isMap as isYamlMap, isPair, isScalar as isYamlScalar, isSeq as isYamlSeq, parseDocument } from 'yaml';
import type { Node as YamlNode, YAMLError } from 'yaml';
import type { TEntry, TNode } from './nodes';
import { MAX_TEMPLATE_BYTES, templateBytes, tooLargeMessage } from './limits';
import { LineIndex, type SourceRange } from './source-range';
import { readJsonTemplate } from './json-fast-path';
import { indentQuotedContinuations } from './tolerant-quotes';

/** A problem found while reading the text; it becomes a finding, never an exception. */
export interface ParseProblem {
  code: 'syntax' | 'duplicate-key' | 'complex-key' | 'not-a-mapping' | 'too-deep' | 'alias-budget' | 'too-large' | 'not-text';
  message: string;
  range: SourceRange;
}

export interface ParseResult {
  root?: TNode;
  problems: ParseProblem[];
  lines: LineIndex;
}

export { MAX_TEMPLATE_BYTES };
/** The most of a complex key's source a finding quotes. */
const KEY_SLICE_CHARS = 60;
/** Deeper than any real template; a guard against stack exhaustion on hostile input. */
export const MAX_DEPTH = 200;
/** Nodes an alias may expand to in total ("billion laughs" guard). */
export const MAX_ALIAS_EXPANSION = 10_000;

const TOO_DEEP_TO_READ = `Nesting deeper than ${MAX_DEPTH} levels: no CloudFormation template needs this; the deeper part was not read.`;

/** YAML short-form tags and the long-form function each stands for. */
const SHORT_FORMS: Record<string, string> = {
  '!Ref': 'Ref', '!Condition': 'Condition',
  '!And': 'Fn::And', '!Base64': 'Fn::Base64', '!Cidr': 'Fn::Cidr', '!Equals': 'Fn::Equals',
  '!FindInMap': 'Fn::FindInMap', '!GetAtt': 'Fn::GetAtt', '!GetAZs': 'Fn::GetAZs', '!If': 'Fn::If',
  '!ImportValue': 'Fn::ImportValue', '!Join': 'Fn::Join', '!Not': 'Fn::Not', '!Or': 'Fn::Or',
  '!Select': 'Fn::Select', '!Split': 'Fn::Split', '!Sub': 'Fn::Sub', '!Transform': 'Fn::Transform',
  '!Length': 'Fn::Length', '!ToJsonString': 'Fn::ToJsonString', '!ForEach': 'Fn::ForEach',
  '!FindInMapWithDefault': 'Fn::FindInMap', '!GetParam': 'Fn::GetParam', '!ValueOf': 'Fn::ValueOf',
  '!Rain::Embed': 'Rain::Embed',
};

/** Parse YAML or JSON (JSON is read as YAML 1.2, which keeps positions for both). */
export function parseTemplateText(text: string): ParseResult {
  const lines = new LineIndex(text);
  const tooLarge = tooLargeProblem(text, lines);
  if (tooLarge) return { problems: [tooLarge], lines };
  const tooDeep = findExcessiveNesting(text, lines);
  if (tooDeep) return { problems: [tooDeep], lines };
  const json = looksLikeJson(text) ? readJson(text, lines) : undefined;
  if (json) return json;
  // Not plain JSON: a JSON template with // or /* comments would otherwise reach the YAML library,
  // which reads some of them as keys; CloudFormation refuses such a template outright.
  const comment = jsonCommentProblem(text, lines);
  return comment ? { problems: [comment], lines } : readWithYamlLibrary(text, lines);
}

/**
 * The first `//` or `/*` comment of a JSON-looking template (its first sign a `{` or a comment),
 * outside strings. JSON strings never span lines, so each line is scanned on its own.
 */
export function jsonCommentProblem(text: string, lines: LineIndex): ParseProblem | undefined {
  const first = /\S/.exec(text);
  if (!first || !(text[first.index] === '{' || text.startsWith('//', first.index) || text.startsWith('/*', first.index))) return undefined;
  let offset = 0;
  for (const line of text.split('\n')) {
    let inString = false;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (inString) { if (c === '\\') i++; else if (c === '"') inString = false; continue; }
      if (c === '"') inString = true;
      else if (c === '/' && (line[i + 1] === '/' || line[i + 1] === '*')) {
        return {
          code: 'syntax',
          message: `JSON has no comments, and CloudFormation refuses a template with one ('${line[i + 1] === '/' ? '//' : '/*'}' here). Remove the comment, or write the template in YAML, where comments start with #.`,
          range: lines.rangeOf(offset + i, offset + line.length),
        };
      }
    }
    offset += line.length + 1;
  }
  return undefined;
}

/** The YAML library's reading (any YAML, and JSON that is not plain); exported for the test that holds the JSON reader to it. */
export function readWithYamlLibrary(text: string, lines: LineIndex): ParseResult {
  let doc = parseYaml(text);
  // PyYAML (and so CloudFormation and cfn-lint) reads a quoted scalar whose continuation lines
  // are not indented; the YAML library does not. Re-read with those lines indented (same lines).
  if (doc.errors.some(isUnindentedQuote)) {
    const relaxed = indentQuotedContinuations(text);
    if (relaxed !== text) {
      const retry = parseYaml(relaxed);
      if (retry.errors.length < doc.errors.length) doc = retry;
    }
  }
  const problems: ParseProblem[] = [];
  for (const error of doc.errors) problems.push(fromYamlError(error, lines));
  if (!doc.contents) return { problems, lines };
  const converter = new Converter(lines, text, doc, problems);
  let root: TNode | undefined;
  try {
    root = converter.convert(doc.contents as YamlNode, 0);
  } catch {
    // Stack exhaustion in the YAML library itself is the only way here; say so at the top of the file.
    problems.push({ code: 'too-deep', message: TOO_DEEP_TO_READ, range: lines.rangeOf(0, 0) });
    return { problems, lines };
  }
  // Deep nesting can be found twice (the library's own stack, then the converter's depth cap): once is enough.
  const firstDeep = problems.findIndex((p) => p.code === 'too-deep');
  if (firstDeep >= 0) for (let i = problems.length - 1; i > firstDeep; i--) if (problems[i].code === 'too-deep') problems.splice(i, 1);
  if (root && root.kind !== 'map') {
    problems.push({ code: 'not-a-mapping', message: 'A CloudFormation template must be a mapping (key: value pairs) at the top level.', range: root.range });
  }
  return { root, problems, lines };
}

/** A JSON object first thing (after whitespace): worth trying the JSON reader. */
function looksLikeJson(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return c === 123;
  }
  return false;
}

/** Plain JSON without the YAML library (same nodes and duplicate-key problems); undefined sends the text to the YAML path. */
function readJson(text: string, lines: LineIndex): ParseResult | undefined {
  const problems: ParseProblem[] = [];
  const root = readJsonTemplate(text, lines, (key, first, again, firstTime) => {
    // In the YAML path's order: the first occurrence once, then each repeat.
    if (firstTime) problems.push(duplicateProblem(key, first));
    problems.push(duplicateProblem(key, again));
  });
  return root ? { root, problems, lines } : undefined;
}

/** The one size check (in bytes, as CloudFormation counts): every parse path calls it once per document. */
export function tooLargeProblem(text: string, lines?: LineIndex): ParseProblem | undefined {
  if (text.length <= MAX_TEMPLATE_BYTES / 4) return undefined; // cannot be over in UTF-8; skips the count
  const bytes = templateBytes(text);
  if (bytes <= MAX_TEMPLATE_BYTES) return undefined;
  return { code: 'too-large', message: tooLargeMessage(bytes, 'template'), range: (lines ?? new LineIndex(text.slice(0, 1))).rangeOf(0, 0) };
}

/**
 * Non-string keys (`1:`, `true:`) are read as the strings CloudFormation makes of them, and
 * complex keys (`? [a]`) are reported by the converter: the library's own stringKeys option
 * renders such keys, which costs time exponential in their nesting.
 */
function parseYaml(text: string): ReturnType<typeof parseDocument> {
  // Every short form (`!Ref`, `!Sub`…) is an unknown tag to the library, and each one becomes a
  // YAMLWarning, an Error whose stack trace V8 captures: on public templates that was about half
  // of the parse time. We read only code, message and position, so no stack is captured here.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return parseDocument(text, { uniqueKeys: false, prettyErrors: false, strict: false, stringKeys: false });
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function isUnindentedQuote(error: YAMLError): boolean {
  return error.code === 'MISSING_CHAR' && /Missing closing ["']quote/.test(error.message);
}

/**
 * The YAML library recurses per level; near the stack limit V8 can abort the whole process (not
 * throw), so hostile nesting is refused before parsing. Flow brackets are counted outside quotes;
 * block nesting is bounded by indentation.
 */
function findExcessiveNesting(text: string, lines: LineIndex): ParseProblem | undefined {
  let depth = 0;
  let quote = '';
  let lineStart = true;
  let indent = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\n') { lineStart = true; indent = 0; if (quote === "'") quote = ''; continue; }
    if (lineStart) {
      if (c === ' ') { if (++indent > MAX_DEPTH * 8) return deepProblem(i, lines); continue; }
      lineStart = false;
    }
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
      continue;
    }
    if (c === '"' || (c === "'" && /[\s[{,:]/.test(text[i - 1] ?? ' '))) quote = c;
    else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) { const nl = text.indexOf('\n', i); i = nl < 0 ? text.length : nl - 1; }
    else if (c === '[' || c === '{') { if (++depth > MAX_DEPTH) return deepProblem(i, lines); }
    else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

function deepProblem(offset: number, lines: LineIndex): ParseProblem {
  return { code: 'too-deep', message: `Nesting deeper than ${MAX_DEPTH} levels: no CloudFormation template needs this, so the file was not read.`, range: lines.rangeOf(offset, offset + 1) };
}

function fromYamlError(error: YAMLError, lines: LineIndex): ParseProblem {
  const [start, end] = error.pos;
  const firstLine = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  const range = lines.rangeOf(start, Math.max(end, start + 1));
  // Two of the library's messages speak of its own API or of JavaScript's stack; say what they mean.
  if (error.code === 'MULTIPLE_DOCS') {
    return { code: 'syntax', message: "A template is one YAML document, and another one starts here (after '---'); CloudFormation reads only one. Move it to a file of its own, or remove the '---' line.", range };
  }
  if (error.code === 'RESOURCE_EXHAUSTION') return { code: 'too-deep', message: TOO_DEEP_TO_READ, range };
  const code = error.code === 'DUPLICATE_KEY' ? 'duplicate-key' : 'syntax';
  const message = code === 'duplicate-key'
    ? `Duplicate key: ${firstLine}. YAML keeps only one of them, so the other is silently lost.`
    : tabHint(firstLine, error.code);
  return { code, message, range };
}

function tabHint(message: string, code: string): string {
  return code === 'TAB_AS_INDENT' ? `${message} (YAML indentation must use spaces, not tabs)` : message;
}

class Converter {
  private aliasBudget = MAX_ALIAS_EXPANSION;
  /** Anchored nodes by name, found once: the library's own alias lookup walks the whole document each time. */
  private anchorMap?: Map<string, YamlNode>;
  private readonly sizes = new Map<YamlNode, number>();
  private aliasReported = false;
  private depthReported = false;

  constructor(
    private readonly lines: LineIndex,
    private readonly text: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly problems: ParseProblem[],
  ) {}

  convert(node: YamlNode | null | undefined, depth: number): TNode | undefined {
    if (!node) return undefined;
    const range = this.range(node);
    if (depth > MAX_DEPTH) {
      if (!this.depthReported) {
        this.depthReported = true;
        this.problems.push({ code: 'too-deep', message: TOO_DEEP_TO_READ, range });
      }
      return { kind: 'scalar', value: null, range };
    }
    if (isAlias(node)) return this.convertAlias(node, depth);
    const plain = this.convertPlain(node, depth, range);
    const tag = (node as { tag?: string }).tag;
    const fn = tag ? SHORT_FORMS[tag] : undefined;
    if (!fn || !plain) return plain;
    const value = fn === 'Fn::GetAtt' ? splitGetAtt(plain) : plain;
    return { kind: 'map', entries: [{ key: fn, keyRange: range, value }], range, shortForm: tag };
  }

  private convertPlain(node: YamlNode, depth: number, range: SourceRange): TNode | undefined {
    if (isYamlScalar(node)) {
      const v = node.value;
      const value = v === null || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? v : String(v);
      return { kind: 'scalar', value, range };
    }
    if (isYamlSeq(node)) {
      const items: TNode[] = [];
      for (const item of node.items) {
        const converted = this.convert(item as YamlNode, depth + 1);
        if (converted) items.push(converted);
      }
      return { kind: 'seq', items, range };
    }
    if (isYamlMap(node)) {
      const entries: TEntry[] = [];
      const firstByKey = new Map<string, TEntry>();
      const reported = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const keyNode = pair.key as YamlNode | null;
        const keyRange = keyNode ? this.range(keyNode) : range;
        const key = isYamlScalar(keyNode) ? scalarKey(keyNode.value) : keyNode ? this.complexKey(keyNode, keyRange) : '';
        const value = this.convert(pair.value as YamlNode, depth + 1) ?? { kind: 'scalar', value: null, range: keyRange };
        const converted: TEntry = { key, keyRange, value };
        const first = firstByKey.get(key);
        if (first && isYamlScalar(keyNode)) {
          // Like cfn-lint, every occurrence is reported: the first one is where a reader looks.
          if (!reported.has(key)) { reported.add(key); this.problems.push(duplicateProblem(key, first.keyRange)); }
          this.problems.push(duplicateProblem(key, keyRange));
        } else if (!first) firstByKey.set(key, converted);
        entries.push(converted);
      }
      return { kind: 'map', entries, range };
    }
    return undefined;
  }

  /**
   * A collection used as a key: CloudFormation has no such thing. Never render it (nested complex
   * keys double the work per level); name it by a bounded slice of its source instead.
   */
  private complexKey(node: YamlNode, range: SourceRange): string {
    const [start, end] = node.range ?? [0, 0];
    const slice = this.text.slice(start, Math.min(end, start + KEY_SLICE_CHARS)).replace(/\s+/g, ' ').trim();
    this.problems.push({ code: 'complex-key', message: `Complex keys are not allowed in CloudFormation ('${slice}${end - start > KEY_SLICE_CHARS ? '…' : ''}'): a key must be a plain name.`, range });
    return slice;
  }

  private convertAlias(node: YamlNode, depth: number): TNode | undefined {
    const name = (node as unknown as { source: string }).source;
    const target = this.anchors().get(name);
    const refused = aliasProblem(name, node, target);
    if (refused) {
      // The YAML library reads these as null; PyYAML (CloudFormation, cfn-lint) refuses the file.
      this.problems.push({ code: 'syntax', message: refused, range: this.range(node) });
      return { kind: 'scalar', value: null, range: this.range(node) };
    }
    let size = target ? this.sizes.get(target) : 0;
    if (size === undefined) { size = countNodes(target!, this.aliasBudget + 1); this.sizes.set(target!, size); }
    this.aliasBudget -= size;
    if (this.aliasBudget < 0) {
      if (!this.aliasReported) {
        this.aliasReported = true;
        this.problems.push({ code: 'alias-budget', message: `YAML aliases expand to more than ${MAX_ALIAS_EXPANSION} nodes (an "alias bomb"); the rest were not expanded.`, range: this.range(node) });
      }
      return { kind: 'scalar', value: null, range: this.range(node) };
    }
    const converted = this.convert(target, depth + 1);
    // Findings inside an alias point at the alias, where the user can see them.
    return converted ? relocate(converted, this.range(node)) : undefined;
  }

  private anchors(): Map<string, YamlNode> {
    if (this.anchorMap) return this.anchorMap;
    const map = new Map<string, YamlNode>();
    const stack: unknown[] = [this.doc.contents];
    while (stack.length) {
      const n = stack.pop() as (YamlNode & { anchor?: string }) | undefined;
      if (!n || typeof n !== 'object') continue;
      // Later anchors of the same name win for later aliases in YAML; the first one is kept here,
      // which only matters for templates that reuse anchor names (none in CloudFormation practice).
      if (n.anchor && !map.has(n.anchor)) map.set(n.anchor, n);
      if (isYamlSeq(n)) stack.push(...n.items);
      else if (isYamlMap(n)) for (const p of n.items) { if (isPair(p)) stack.push(p.key, p.value); }
    }
    this.anchorMap = map;
    return map;
  }

  private range(node: YamlNode): SourceRange {
    const r = node.range;
    if (!r) return this.lines.rangeOf(0, 0);
    return this.lines.rangeOf(r[0], r[1]);
  }
}

/** Why an alias cannot be read as YAML loaders read it: no anchor before it, or inside its own anchor's node. */
function aliasProblem(name: string, alias: YamlNode, target: YamlNode | undefined): string | undefined {
  const at = alias.range?.[0] ?? 0;
  if (!target || (target.range?.[0] ?? 0) > at) {
    return `Undefined YAML alias '*${name}': no anchor '&${name}' comes before it, so CloudFormation cannot read the template. Put the anchor on an earlier value, or write the value out.`;
  }
  if (target.range && at >= target.range[0] && at < target.range[1]) {
    return `YAML alias '*${name}' is inside the value its anchor '&${name}' names, so the value would contain itself forever; CloudFormation cannot read the template. Write the inner value out.`;
  }
  return undefined;
}

function duplicateProblem(key: string, range: SourceRange): ParseProblem {
  return { code: 'duplicate-key', message: `Duplicate key '${key}': YAML keeps only one of them, so the other is silently lost.`, range };
}

/** How CloudFormation names a non-string key: `1` → "1", `true` → "true", `null` → "null". */
function scalarKey(value: unknown): string {
  return value === null || value === undefined ? 'null' : typeof value === 'object' ? '' : String(value);
}

function countNodes(node: YamlNode, limit: number): number {
  let count = 0;
  const stack: unknown[] = [node];
  while (stack.length && count <= limit) {
    const n = stack.pop();
    count++;
    if (isYamlSeq(n)) stack.push(...n.items);
    else if (isYamlMap(n)) for (const p of n.items) { if (isPair(p)) stack.push(p.value); }
  }
  return count;
}

function relocate(node: TNode, range: SourceRange): TNode {
  switch (node.kind) {
    case 'scalar': return { ...node, range };
    case 'seq': return { kind: 'seq', items: node.items.map((i) => relocate(i, range)), range };
    case 'map': return { kind: 'map', entries: node.entries.map((e) => ({ key: e.key, keyRange: range, value: relocate(e.value, range) })), range, shortForm: node.shortForm };
  }
}

/** `!GetAtt Res.Attr.Sub` means `["Res", "Attr.Sub"]`. */
function splitGetAtt(node: TNode): TNode {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return node;
  const dot = node.value.indexOf('.');
  if (dot < 0) return node;
  return {
    kind: 'seq',
    range: node.range,
    items: [
      { kind: 'scalar', value: node.value.slice(0, dot), range: node.range },
      { kind: 'scalar', value: node.value.slice(dot + 1), range: node.range },
    ],
  };
}
