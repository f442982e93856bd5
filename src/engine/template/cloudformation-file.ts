import { readRegularFile } from '../common/read-bounded';
import { looksLikeCloudFormation } from './is-cloudformation';
import { MAX_TEMPLATE_BYTES } from './limits';
import { TemplateModel } from './template-model';

/**
 * Whether a file on disk is a CloudFormation template, by content (TemplateModel.isCloudFormation,
 * the linter's own test), not by name: parameters.json, appspec.yml or moodle-ha.options.json are
 * not. A file over CloudFormation's size limit, unreadable or not UTF-8 text is not one either.
 */
export async function isCloudFormationFile(file: string): Promise<boolean> {
  const read = await readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!read.ok || read.bytes.length > MAX_TEMPLATE_BYTES) return false;
  let text: string;
  try { text = new TextDecoder('utf-8', { fatal: true }).decode(read.bytes); } catch { return false; }
  // Cheap first look (the engine's one text test): a file without a template's markers is never parsed.
  if (!looksLikeCloudFormation(text)) return false;
  return TemplateModel.parse(file, text).isCloudFormation;
}

/** The files among `files` that are CloudFormation templates, in the same order. */
export async function cloudFormationFiles(files: string[]): Promise<string[]> {
  const verdicts = await Promise.all(files.map((f) => isCloudFormationFile(f)));
  return files.filter((_, i) => verdicts[i]);
}
