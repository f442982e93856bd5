import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { expandFileArguments } from '../../engine/common/find-files';
import { severityRank, type Severity } from '../../engine/lint/finding';
import type { FileFindings } from '../../engine/lint/format/file-findings';
import { toRecords } from '../../engine/lint/format/file-findings';
import { formatSarif } from '../../engine/lint/format/format-sarif';
import { formatText } from '../../engine/lint/format/format-text';
import { toolVersion } from '../../engine/common/version';
import { lintFiles } from '../../engine/lint/lint-files';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha lint <files, folders or globs…> [options]

Lints CloudFormation templates (YAML or JSON) with AWS's validator and the Moodle-HA rules.
Files that are not CloudFormation are skipped.

Options:
  --format text|json|sarif   output format (default: text)
  --region R                 validate region-specific values against region R
  --severity error|warning|info
                             the lowest severity to report (default: info)
  --no-validator             only the parser and the Moodle-HA rules (no AWS validator)
  --cfn-lint                 also run cfn-lint (when installed) as a third source and the
                             arbiter: errors it does not confirm are dropped
  --cfn-lint-path P          the cfn-lint (or Python with cfnlint) to use
  --rule ID=off|error|warning|info
                             turn a rule off or change its severity (repeatable)
  --verbose                  say for each file whether it is a Moodle stack (the
                             Moodle-HA rules run only on one) and why

Exit code: 0 no errors, 1 errors found, 2 usage or I/O error.`;

export const lintCommand: CliCommand = {
  name: 'lint',
  summary: 'Lint CloudFormation templates (AWS validator + Moodle-HA rules)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('lint', args, {
      format: { type: 'string', default: 'text' },
      region: { type: 'string' },
      severity: { type: 'string', default: 'info' },
      'no-validator': { type: 'boolean', default: false },
      'cfn-lint': { type: 'boolean', default: false },
      'cfn-lint-path': { type: 'string' },
      rule: { type: 'string', multiple: true },
    });
    const format = values.format as string;
    if (!['text', 'json', 'sarif'].includes(format)) throw new MhaError('usage', `Unknown format '${format}'.`, { nextStep: 'Use --format text, json or sarif.' });
    const minimum = values.severity as Severity;
    if (!Object.hasOwn(severityRank, minimum)) throw new MhaError('usage', `Unknown severity '${minimum}'.`, { nextStep: 'Use --severity error, warning or info.' });
    if (positionals.length === 0) throw new MhaError('usage', 'No files given.', { nextStep: "Name templates, folders or globs, e.g. 'moodle-ha lint infra/'." });
    const rules: Record<string, 'off' | Severity> = {};
    for (const r of (values.rule as string[] | undefined) ?? []) {
      const [id, level] = r.split('=');
      // Rule ids look like MHA1001 or W3005; anything else (constructor, __proto__) is no rule.
      if (!id || !/^[A-Z]{1,4}\d{1,5}$/.test(id) || !['off', 'error', 'warning', 'info'].includes(level)) throw new MhaError('usage', `Bad --rule '${r}'.`, { nextStep: 'Write it as --rule MHA1001=off (or =error, =warning, =info).' });
      rules[id] = level as 'off' | Severity;
    }

    const { files, unmatched } = expandFileArguments(positionals, context.cwd);
    for (const u of unmatched) context.err(`moodle-ha lint: no such file or no templates in '${u}'\n`);
    if (files.length === 0) return ExitCode.usage;

    // baselineWasm: this process is ours, so the validator's WASM may skip V8's optimising tier (less memory and CPU on a run).
    const results = await lintFiles(files, { region: values.region as string | undefined, rules, useValidator: !values['no-validator'], baselineWasm: true, signal: context.signal, cfnLint: values['cfn-lint'] as boolean, cfnLintPath: values['cfn-lint-path'] as string | undefined });
    const cfnLintFailed = results.find((r) => r.sources?.cfnLint === 'failed');
    if (cfnLintFailed) context.err(`moodle-ha lint: cfn-lint did not run: ${cfnLintFailed.sources!.notes[cfnLintFailed.sources!.notes.length - 1]}\n`);
    const shown: FileFindings[] = results.map((r) => ({
      ...r,
      file: path.relative(context.cwd, r.file) || r.file,
      findings: r.findings.filter((f) => severityRank[f.severity] <= severityRank[minimum]),
    }));
    if (format === 'json') context.out(JSON.stringify(toRecords(shown), null, 2) + '\n');
    else if (format === 'sarif') context.out(formatSarif(shown, toolVersion));
    else context.out(formatText(shown.filter((r) => r.findings.length || (r.skipped && r.skipped !== 'not a CloudFormation template') || files.length === 1 || (context.verbose && r.moodleStack)), { verbose: !!context.verbose, linted: results.length, notCloudFormation: files.length > 1 ? results.filter((r) => r.skipped === 'not a CloudFormation template').length : 0 }));

    const unreadable = results.some((r) => r.skipped?.startsWith('cannot read'));
    if (results.some((r) => r.findings.some((f) => f.severity === 'error'))) return ExitCode.findings;
    return unreadable || unmatched.length ? ExitCode.usage : ExitCode.ok;
  },
};
