// Compares our errors with cfn-lint's on the same files: recall of cfn-lint's errors (±1 line) and
// our errors that cfn-lint does not report, by kind. Used by scripts/bench-lint.mjs.
import path from 'node:path';

/** cfn-lint rules whose verdict depends on today's date (deprecated runtimes and versions); left out of recall. */
export const DATE_DEPENDENT_RULES = new Set(['E2531', 'E2533', 'W2531', 'E3710']);

/**
 * @param reference cfn-lint's JSON matches ({ Filename, Level, Rule: { Id }, Location, Message })
 * @param ours our JSON records ({ file, line, severity, rule, source, message })
 * @param files the absolute paths both were run on
 * @param notTemplates files we do not take for CloudFormation templates (an appspec.yml, a macro's
 *   test event): cfn-lint lints them as broken templates; by design we skip them
 *   (docs/known-differences.md), so their errors are counted apart, not in recall
 */
export function compareWithCfnLint(reference, ours, files, notTemplates = new Set()) {
  const norm = (f) => path.resolve(f);
  const skipped = new Set([...notTemplates].map(norm));
  const notTemplateErrors = reference.filter((m) => m.Level === 'Error' && skipped.has(norm(m.Filename)));
  const refErrors = reference.filter((m) => m.Level === 'Error' && !DATE_DEPENDENT_RULES.has(m.Rule.Id) && !skipped.has(norm(m.Filename)));
  const ourErrors = ours.filter((r) => r.severity === 'error' && r.source === 'CloudFormation' && !DATE_DEPENDENT_RULES.has(r.rule));
  const oursByFile = groupBy(ourErrors, (r) => norm(r.file));
  const refByFile = groupBy(refErrors, (m) => norm(m.Filename));
  const dated = groupBy(reference.filter((m) => DATE_DEPENDENT_RULES.has(m.Rule.Id)), (m) => norm(m.Filename));
  const missed = [];
  for (const m of refErrors) {
    const line = m.Location.Start.LineNumber;
    if (!(oursByFile.get(norm(m.Filename)) ?? []).some((r) => Math.abs(r.line - line) <= 1)) missed.push(m);
  }
  const unconfirmed = [];
  for (const r of ourErrors) {
    const refs = [...(refByFile.get(norm(r.file)) ?? []), ...(dated.get(norm(r.file)) ?? [])];
    if (!refs.some((m) => Math.abs(m.Location.Start.LineNumber - r.line) <= 1)) unconfirmed.push(r);
  }
  return {
    files: files.length,
    notTemplates: skipped.size,
    notTemplateErrors: notTemplateErrors.length,
    referenceErrors: refErrors.length,
    ourErrors: ourErrors.length,
    recall: refErrors.length ? (refErrors.length - missed.length) / refErrors.length : 1,
    missed,
    unconfirmed,
    missedByRule: countBy(missed, (m) => m.Rule.Id),
    unconfirmedByRule: countBy(unconfirmed, (r) => r.rule),
  };
}

function groupBy(xs, key) {
  const map = new Map();
  for (const x of xs) { const k = key(x); if (!map.has(k)) map.set(k, []); map.get(k).push(x); }
  return map;
}

function countBy(xs, key) {
  const counts = {};
  for (const x of xs) counts[key(x)] = (counts[key(x)] ?? 0) + 1;
  return Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1]));
}
