import type { SourceRange } from '../template/source-range';
import type { TemplateModel } from '../template/template-model';
import type { Finding, QuickFix, Severity } from './finding';
import type { RawDiagnostic } from './validator/protocol';

const severityOf: Record<RawDiagnostic['severity'], Severity> = {
  FATAL: 'error', ERROR: 'error', WARN: 'warning', INFO: 'info', DEBUG: 'info',
};

/** Notes the validator adds about how it ran, not about the template. */
const NOT_ABOUT_THE_TEMPLATE = new Set(['I9003']);

/** The validator's diagnostics as our findings, with ranges in our coordinates and fixes as edits. */
export function mapValidatorDiagnostics(model: TemplateModel, diagnostics: RawDiagnostic[]): Finding[] {
  const findings: Finding[] = [];
  for (const d of diagnostics) {
    if (NOT_ABOUT_THE_TEMPLATE.has(d.ruleId)) continue;
    const range = rangeOf(model, d);
    const fixes = fixesFor(model, d, range);
    findings.push({
      ruleId: d.ruleId,
      severity: severityOf[d.severity] ?? 'warning',
      message: d.suggestedFix && !d.message.includes(d.suggestedFix) ? `${d.message} (${d.suggestedFix})` : d.message,
      source: 'CloudFormation',
      range,
      docsUrl: d.documentationUrl?.startsWith('https://') && !d.documentationUrl.endsWith('.git') ? d.documentationUrl : undefined,
      ...(fixes.length ? { fixes } : {}),
    });
  }
  return findings;
}

function rangeOf(model: TemplateModel, d: RawDiagnostic): SourceRange {
  if (d.startLine && d.startLine > 0) {
    const start = { line: d.startLine - 1, character: Math.max(0, (d.startColumn ?? 1) - 1) };
    const end = d.endLine && d.endLine > 0
      ? { line: d.endLine - 1, character: Math.max(0, (d.endColumn ?? 1) - 1) }
      : start;
    return { start, end };
  }
  if (d.logicalId) {
    const resource = model.resource(d.logicalId);
    if (resource) return resource.keyRange;
  }
  return model.lines.lineRange(0);
}

/** "… 'BucketNam' was unexpected. Did you mean 'BucketName'?" maps to an edit of that key. */
function fixesFor(model: TemplateModel, d: RawDiagnostic, range: SourceRange): QuickFix[] {
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
