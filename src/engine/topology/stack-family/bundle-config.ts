import * as path from 'node:path';
import type { TemplateFiles } from './template-files';

/**
 * Where a CodeDeploy bundle keeps the config.php its hooks render, relative to the template: the
 * scaffold's layout (infra/moodle-ha.yaml beside moodle/config.php.template, see
 * src/engine/scaffold/plan.ts). Moodle's settings then travel with the code, not in the template.
 */
const BUNDLE_DIR = path.join('..', 'moodle');

/** The project's CodeDeploy bundle folder for `templateFile`, in the scaffold's layout. */
export function bundleDirOf(templateFile: string): string {
  return path.resolve(path.dirname(templateFile), BUNDLE_DIR);
}

/**
 * The config.php template of the bundle deployed with this template, when the project has the
 * scaffold's layout; undefined otherwise. Placeholders ({{NAME}}) stay as they are: a setting set to
 * one is not a literal and is not judged; a setting absent from the file is absent on every server.
 */
export function bundleConfigOf(templateFile: string, files: TemplateFiles): { file: string; config: string } | undefined {
  const file = path.join(bundleDirOf(templateFile), 'config.php.template');
  const text = files.readText(file);
  if (!text || !/\$CFG->/.test(text)) return undefined;
  return { file: path.relative(path.dirname(templateFile), file), config: text };
}
