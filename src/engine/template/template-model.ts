import { at, entry, isMap, isScalar, type TEntry, type TemplatePath, type TMap, type TNode } from './nodes';
import { isCloudFormationTemplate } from './is-cloudformation';
import { parseTemplateText, type ParseProblem, type ParseResult } from './parse';
import { LineIndex, type SourceRange } from './source-range';

export interface ResourceView {
  logicalId: string;
  type: string;
  /** The whole resource mapping (Type, Properties, DeletionPolicy…). */
  node: TMap;
  keyRange: SourceRange;
  properties?: TMap;
  path: TemplatePath;
}

/**
 * A parsed CloudFormation template that keeps the source range of every key and value, so a
 * finding can point at the right characters and a quick fix can edit them.
 */
export class TemplateModel {
  readonly root?: TMap;
  readonly problems: ParseProblem[];
  readonly lines: LineIndex;
  private resourceCache?: ResourceView[];

  private constructor(readonly uri: string, readonly text: string, parsed: ParseResult) {
    this.root = isMap(parsed.root) ? parsed.root : undefined;
    this.problems = parsed.problems;
    this.lines = parsed.lines;
  }

  static parse(uri: string, text: string): TemplateModel {
    return new TemplateModel(uri, text, parseTemplateText(text));
  }

  /** A model from text parsed elsewhere (the incremental parser). */
  static fromParsed(uri: string, text: string, parsed: ParseResult): TemplateModel {
    return new TemplateModel(uri, text, parsed);
  }

  get isJson(): boolean { return /^\s*[{[]/.test(this.text); }

  /** CloudFormation by content, not by file name (is-cloudformation.ts). */
  get isCloudFormation(): boolean {
    return isCloudFormationTemplate(this);
  }

  get(path: TemplatePath): TNode | undefined {
    return at(this.root, path);
  }

  /** The range of the deepest existing node on `path` (the key when `preferKey`). */
  rangeOf(path: TemplatePath, preferKey = false): SourceRange {
    let node: TNode | undefined = this.root;
    let best: SourceRange = this.root?.range ?? this.lines.rangeOf(0, 0);
    for (const key of path) {
      if (!node) break;
      if (typeof key === 'number') {
        node = node.kind === 'seq' ? node.items[key] : undefined;
        if (node) best = node.range;
        continue;
      }
      const e: TEntry | undefined = node.kind === 'map' ? entry(node, key) : undefined;
      if (!e) break;
      best = preferKey ? e.keyRange : e.value.range;
      node = e.value;
    }
    return best;
  }

  section(name: 'Parameters' | 'Resources' | 'Outputs' | 'Conditions' | 'Mappings' | 'Metadata'): TMap | undefined {
    const node = this.get([name]);
    return isMap(node) ? node : undefined;
  }

  resources(): ResourceView[] {
    if (this.resourceCache) return this.resourceCache;
    const views: ResourceView[] = [];
    for (const e of this.section('Resources')?.entries ?? []) {
      if (!isMap(e.value)) continue;
      const typeNode = entry(e.value, 'Type')?.value;
      const type = isScalar(typeNode) ? String(typeNode.value) : '';
      const props = entry(e.value, 'Properties')?.value;
      views.push({ logicalId: e.key, type, node: e.value, keyRange: e.keyRange, properties: isMap(props) ? props : undefined, path: ['Resources', e.key] });
    }
    this.resourceCache = views;
    return views;
  }

  resourcesOfType(...types: string[]): ResourceView[] {
    return this.resources().filter((r) => types.includes(r.type));
  }

  /** Every name a Ref can point at: parameters, resources and pseudo parameters. */
  referenceTargets(): string[] {
    const parameters = this.section('Parameters')?.entries.map((e) => e.key) ?? [];
    return [...parameters, ...this.resources().map((r) => r.logicalId), ...PSEUDO_PARAMETERS];
  }

  resource(logicalId: string): ResourceView | undefined {
    return this.resources().find((r) => r.logicalId === logicalId);
  }
}

const PSEUDO_PARAMETERS = ['AWS::AccountId', 'AWS::NotificationARNs', 'AWS::NoValue', 'AWS::Partition', 'AWS::Region', 'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix'];
