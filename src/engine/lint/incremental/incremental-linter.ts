import { ChunkedParser } from '../../template/chunked-parser';
import type { Chunk } from '../../template/chunks';
import { LineIndex } from '../../template/source-range';
import { TemplateModel } from '../../template/template-model';
import type { Finding } from '../finding';
import { canValidate, lintModel, type LintOptions, type LintResult } from '../lint-template';
import { mapValidatorDiagnostics } from '../map-validator';
import { buildPartialTemplate, referencesOf } from './partial-template';
import { shiftFinding } from './shift-finding';

/**
 * Lints one document as it is edited. `lintFull` checks everything and remembers the validator's
 * findings per piece of the template (section or resource). `lintFast`, for each keystroke,
 * re-parses only the pieces that changed, runs the Moodle-HA rules over the whole model (they are
 * cheap), reuses the remembered validator findings of unchanged pieces (moved to their new lines),
 * and asks the validator about the changed resources alone. Callers follow a burst of fast lints
 * with a full one when typing pauses.
 */
export class IncrementalLinter {
  private readonly parser = new ChunkedParser();
  /** Validator findings of the last full lint, by chunk text, with lines relative to the chunk. */
  private remembered?: Map<string, Finding[]>;
  /** Resource types at the last full lint, by logical id. */
  private rememberedTypes = new Map<string, string>();

  constructor(private readonly uri: string, private readonly options: LintOptions) {}

  async lintFull(text: string, signal?: AbortSignal): Promise<LintResult> {
    const parsed = this.parser.parse(text);
    const model = TemplateModel.fromParsed(this.uri, text, parsed);
    const { validator } = this.options;
    const result = await lintModel(model, { ...this.options, signal }, () => validator?.validate(this.uri, text, { region: this.options.region, signal, key: this.uri })
      .then((diagnostics) => {
        const findings = mapValidatorDiagnostics(model, diagnostics);
        this.remembered = parsed.chunks ? rememberByChunk(parsed.chunks, findings) : undefined;
        this.rememberedTypes = new Map(model.resources().map((r) => [r.logicalId, r.type]));
        return findings;
      }));
    if (!validator || !canValidate(model)) this.remembered = undefined;
    return result;
  }

  async lintFast(text: string, signal?: AbortSignal): Promise<LintResult> {
    const parsed = this.parser.parse(text);
    const { validator } = this.options;
    const remembered = this.remembered;
    if (!validator || !remembered || !parsed.chunks) return this.lintFull(text, signal);
    const model = TemplateModel.fromParsed(this.uri, text, parsed);
    const chunks = parsed.chunks;
    return lintModel(model, { ...this.options, signal }, () => {
      const renamed = idsThatChanged(this.rememberedTypes, model);
      // A resource also needs a fresh look when a name it refers to appeared, vanished or changed type.
      const changed = chunks.filter((c) => c.kind === 'resource' && (!remembered.has(c.text)
        || (renamed.size > 0 && [...referencesOf(model.get(['Resources', c.key.slice('Resources/'.length)]))].some((id) => renamed.has(id)))));
      const reusable = new Set(chunks.filter((c) => !changed.includes(c)));
      const reused = [...reusable].flatMap((c) => (remembered.get(c.text) ?? []).map((f) => shiftFinding(f, c.startLine)));
      const partial = buildPartialTemplate(model, chunks, changed);
      if (!partial) return Promise.resolve(reused);
      return validator.validate(this.uri, partial.text, { region: this.options.region, signal, key: `${this.uri}#partial` }).then((diagnostics) => {
        const validated = { text: partial.text, lines: new LineIndex(partial.text), referenceTargets: () => model.referenceTargets() };
        const fresh: Finding[] = [];
        for (const finding of mapValidatorDiagnostics(validated, diagnostics)) {
          const line = finding.range.start.line;
          const place = partial.placements.find((p) => line >= p.partialStartLine && line < p.partialStartLine + p.chunk.lineCount);
          if (place) fresh.push(shiftFinding(finding, place.chunk.startLine - place.partialStartLine));
        }
        return [...reused, ...fresh];
      });
    });
  }
}

function rememberByChunk(chunks: Chunk[], findings: Finding[]): Map<string, Finding[]> {
  const byChunk = new Map<string, Finding[]>(chunks.map((c) => [c.text, []]));
  for (const finding of findings) {
    const line = finding.range.start.line;
    const chunk = chunks.find((c) => line >= c.startLine && line < c.startLine + c.lineCount);
    // A finding outside every piece (before the first key) is dropped until the next full lint.
    if (chunk) byChunk.get(chunk.text)!.push(shiftFinding(finding, -chunk.startLine));
  }
  return byChunk;
}

function idsThatChanged(before: Map<string, string>, model: TemplateModel): Set<string> {
  const now = new Map(model.resources().map((r) => [r.logicalId, r.type]));
  const changed = new Set<string>();
  for (const [id, type] of before) if (now.get(id) !== type) changed.add(id);
  for (const id of now.keys()) if (!before.has(id)) changed.add(id);
  return changed;
}
