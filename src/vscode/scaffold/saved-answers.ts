import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { checkConfigShape } from '../../engine/scaffold/config-schema';
import { resolveOptions, type ScaffoldOptions, type ScaffoldOptionsInput } from '../../engine/scaffold/options';
import { OPTIONS_FILE } from '../../engine/scaffold/plan';

/**
 * The folder of the project a template belongs to: where moodle-ha.options.json sits, beside the
 * template or one folder up (the scaffold writes infra/moodle-ha.yaml). Undefined when there is none.
 */
export async function projectOfTemplate(templateFile: string): Promise<string | undefined> {
  for (const dir of [path.dirname(templateFile), path.dirname(path.dirname(templateFile))]) {
    const found = await fs.stat(path.join(dir, OPTIONS_FILE)).then((s) => s.isFile(), () => false);
    if (found) return dir;
  }
  return undefined;
}

/** The answers the wizard saved in `projectDir`, checked like `moodle-ha scaffold --config`. */
export async function readSavedAnswers(projectDir: string): Promise<ScaffoldOptions> {
  const file = path.join(projectDir, OPTIONS_FILE);
  let value: unknown;
  try {
    value = JSON.parse((await fs.readFile(file, 'utf8')).replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MhaError('usage', `Cannot read the saved answers in ${file}: ${(error as Error).message}.`, { nextStep: 'Fix the file, or run Moodle HA: New Project… again.' });
  }
  const problems = checkConfigShape(value);
  if (problems.length) {
    throw new MhaError('usage', `${file} has ${problems.length} problem(s), first ${problems[0].field}: ${problems[0].message}`, { nextStep: 'Fix that field, or run Moodle HA: New Project… again.' });
  }
  return resolveOptions(value as ScaffoldOptionsInput);
}
