import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { readRegularFile } from '../../engine/common/read-bounded';
import { resolveOptions, type ScaffoldOptionsInput } from '../../engine/scaffold/options';
import { checkConfigShape, MAX_CONFIG_BYTES } from '../../engine/scaffold/config-schema';
import { planScaffold } from '../../engine/scaffold/plan';
import { validateOptions } from '../../engine/scaffold/validate-options';
import { findConflicts, writePlan } from '../../engine/scaffold/write-plan';
import { ExitCode, type CliCommand } from '../cli-command';
import { parseCommandArgs } from '../parse-args';

const usage = `Usage: moodle-ha scaffold --out DIR (--yes | --config options.json) [options]

Writes a highly-available Moodle project: infra/moodle-ha.yaml (CloudFormation) and its
parameters, the Moodle bundle (moodle/: config.php template, appspec.yml, deploy hooks), a README,
and with --format cdk a CDK app. Answers come from --config (the JSON the VS Code wizard saves,
any field may be left out) or, with --yes, the defaults.

Options:
  --out DIR                 the project folder (created if missing)
  --config FILE             the answers as JSON (same shape as moodle-ha.options.json)
  --yes                     use the default for every answer not in --config
  --format cloudformation|cdk
                            overrides the format in --config
  --force                   overwrite existing files that differ (they are listed first)

Exit code: 0 written, 1 invalid answers or existing files, 2 usage or I/O error.`;

export const scaffoldCommand: CliCommand = {
  name: 'scaffold',
  summary: 'Write a highly-available Moodle project (CloudFormation or CDK + Moodle bundle)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('scaffold', args, {
      out: { type: 'string' },
      config: { type: 'string' },
      yes: { type: 'boolean', default: false },
      format: { type: 'string' },
      force: { type: 'boolean', default: false },
    });
    if (positionals.length) throw new MhaError('usage', `Unexpected argument '${positionals[0]}'.`, { nextStep: "Give the folder with --out DIR." });
    if (!values.out) throw new MhaError('usage', 'No output folder.', { nextStep: "Add --out DIR, e.g. 'moodle-ha scaffold --out my-moodle --yes'." });
    if (!values.yes && !values.config) {
      context.err(`moodle-ha scaffold needs answers: --config options.json (the wizard's saved answers) or --yes for the defaults.\n\n${usage}\n`);
      return ExitCode.usage;
    }
    const input: ScaffoldOptionsInput = values.config ? await readConfig(path.resolve(context.cwd, values.config as string)) : {};
    if (values.format) {
      if (values.format !== 'cloudformation' && values.format !== 'cdk') throw new MhaError('usage', `Unknown format '${values.format}'.`, { nextStep: 'Use --format cloudformation or --format cdk.' });
      input.format = values.format;
    }
    const options = resolveOptions(input);
    const problems = validateOptions(options);
    if (problems.length) {
      context.err(`moodle-ha scaffold: the answers have ${problems.length} problem(s):\n${problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`);
      return ExitCode.findings;
    }
    const outDir = path.resolve(context.cwd, values.out as string);
    const plan = planScaffold(options);
    const conflicts = await findConflicts(plan, outDir).catch(() => []);
    if (conflicts.length && !values.force) {
      context.err(`moodle-ha scaffold: ${conflicts.length} file(s) in ${outDir} already exist with other content:\n${conflicts.map((c) => `  ${c.path}`).join('\n')}\n  → Re-run with --force to overwrite them, or choose another --out folder.\n`);
      return ExitCode.findings;
    }
    const started = Date.now();
    const result = await writePlan(plan, outDir, { onConflict: () => 'overwrite', signal: context.signal });
    const shown = path.relative(context.cwd, outDir) || '.';
    context.out(`Wrote ${result.written.length} file(s) to ${shown}${result.unchanged.length ? ` (${result.unchanged.length} unchanged)` : ''} in ${Date.now() - started} ms.\n`);
    for (const file of result.written) context.out(`  ${file}${conflicts.some((c) => c.path === file) ? '  (overwritten)' : ''}\n`);
    if (!options.domain.certificateArn) context.out('\nDEMO MODE: no certificate, so the site is served over plain HTTP. Add a domain and an ACM certificate before real use.\n');
    context.out(`\nNext: read ${path.join(shown, 'README.md')}; check the template with 'moodle-ha lint ${path.join(shown, 'infra')}'.\n`);
    return ExitCode.ok;
  },
};

async function readConfig(file: string): Promise<ScaffoldOptionsInput> {
  const read = await readRegularFile(file, MAX_CONFIG_BYTES);
  if (!read.ok) throw new MhaError('io', `Cannot read ${file} (${read.reason}).`, { nextStep: 'Check the --config path.' });
  const text = Buffer.from(read.bytes).toString('utf8');
  if (read.bytes.length > MAX_CONFIG_BYTES) throw new MhaError('usage', `${file} is over ${MAX_CONFIG_BYTES / 1024} KB: not a set of answers.`, { nextStep: 'Use the file the wizard saves (moodle-ha.options.json) as a model.' });
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MhaError('usage', `${file} is not valid JSON: ${(error as Error).message}.`, { nextStep: 'Use the file the wizard saves (moodle-ha.options.json) as a model.' });
  }
  const problems = checkConfigShape(value);
  if (problems.length) {
    throw new MhaError('usage', `${file} has ${problems.length} problem(s):\n${problems.slice(0, 30).map((p) => `  ${p.field}: ${p.message}`).join('\n')}${problems.length > 30 ? `\n  … and ${problems.length - 30} more` : ''}`, {
      nextStep: 'Fix these fields (the wizard saves a valid file: moodle-ha.options.json) and run scaffold again.',
    });
  }
  return value as ScaffoldOptionsInput;
}
