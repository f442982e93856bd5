import type { LineIndex, SourceRange } from '../template/source-range';
import type { TemplateModel } from '../template/template-model';
import type { Finding, QuickFix, Severity } from './finding';
import type { RawDiagnostic } from './validator/protocol';

const severityOf: Record<RawDiagnostic['severity'], Severity> = {
  FATAL: 'error', ERROR: 'error', WARN: 'warning', INFO: 'info', DEBUG: 'info',
};

/**
 * Validator findings that cfn-lint reports as errors under its own id, and CloudFormation refuses:
 * a value outside a property's allowed values (the resource schema's enum) is W3030 to the
 * validator and E3030 to cfn-lint; the resource's handler rejects it at deploy time.
 */
const AS_CFN_LINT_ERROR: Record<string, string> = { W3030: 'E3030' };

/** Notes the validator adds about how it ran, not about the template. */
const NOT_ABOUT_THE_TEMPLATE = new Set(['I9003']);

/** What mapping needs of the validated text; a TemplateModel, or just the text for a partial template. */
export interface ValidatedText {
  text: string;
  lines: LineIndex;
  resource?: TemplateModel['resource'];
  /** Names a Ref may point at, for the "did you mean" of an unknown reference. */
  referenceTargets?(): string[];
}

/** The validator's diagnostics as our findings, with ranges in our coordinates and fixes as edits. */
export function mapValidatorDiagnostics(model: ValidatedText, diagnostics: RawDiagnostic[]): Finding[] {
  const findings: Finding[] = [];
  for (const d of diagnostics) {
    if (NOT_ABOUT_THE_TEMPLATE.has(d.ruleId)) continue;
    const range = rangeOf(model, d);
    const fixes = fixesFor(model, d, range);
    const message = shortenUnknownReference(d, model);
    const promoted = AS_CFN_LINT_ERROR[d.ruleId];
    findings.push({
      ruleId: promoted ?? d.ruleId,
      severity: promoted ? 'error' : severityOf[d.severity] ?? 'warning',
      message: d.suggestedFix && !message.includes(d.suggestedFix) ? `${message} (${d.suggestedFix})` : message,
      source: 'CloudFormation',
      origin: 'validator',
      range,
      docsUrl: d.documentationUrl?.startsWith('https://') && !d.documentationUrl.endsWith('.git') ? d.documentationUrl : undefined,
      ...(fixes.length ? { fixes } : {}),
    });
  }
  return findings;
}

/**
 * "'Topik' is not one of ['AWS::AccountId', …every name in the template…]" is unreadable in a
 * 500-resource template; say what it is and suggest the closest name instead. Only a list of
 * reference targets is rewritten (it holds the pseudo parameters): the same wording is every enum
 * message ("'mysqlx' is not one of ['mysql', …]"), which must keep its allowed values.
 */
function shortenUnknownReference(d: RawDiagnostic, model: ValidatedText): string {
  const message = d.message;
  const match = /^'([^']+)' is not one of \[(.*)\]$/s.exec(message);
  if (!match || !model.referenceTargets || !/'AWS::(Region|AccountId|StackName)'/.test(match[2])) return message;
  const name = match[1];
  const closest = closestName(name, model.referenceTargets());
  return `'${name}' is not a parameter, resource or pseudo parameter of this template${closest ? `. Did you mean '${closest}'?` : ''}`;
}

function closestName(name: string, candidates: string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const c of candidates) {
    const d = editDistance(name.toLowerCase(), c.toLowerCase());
    if (d <= Math.max(2, Math.floor(name.length / 3)) && (!best || d < best.distance)) best = { name: c, distance: d };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length];
}

function rangeOf(model: ValidatedText, d: RawDiagnostic): SourceRange {
  if (d.startLine && d.startLine > 0) {
    const start = { line: d.startLine - 1, character: Math.max(0, (d.startColumn ?? 1) - 1) };
    const end = d.endLine && d.endLine > 0
      ? { line: d.endLine - 1, character: Math.max(0, (d.endColumn ?? 1) - 1) }
      : start;
    return { start, end };
  }
  if (d.logicalId && model.resource) {
    const resource = model.resource(d.logicalId);
    if (resource) return resource.keyRange;
  }
  return model.lines.lineRange(0);
}

/** "… 'BucketNam' was unexpected. Did you mean 'BucketName'?" maps to an edit of that key. */
function fixesFor(model: ValidatedText, d: RawDiagnostic, range: SourceRange): QuickFix[] {
  const didYouMean = /'([^']+)' was unexpected\. Did you mean '([^']+)'\?/.exec(d.message);
  if (didYouMean) {
    const [, wrong, right] = didYouMean;
    const start = model.lines.offsetAt(range.start);
    const found = model.text.indexOf(wrong, start);
    if (found >= 0 && found < start + 200) {
      return [{ title: `Rename '${wrong}' to '${right}'`, preferred: true, edits: [{ range: model.lines.rangeOf(found, found + wrong.length), newText: right }] }];
    }
  }
  return [];
}
