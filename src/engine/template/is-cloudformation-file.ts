import { readRegularFile } from '../common/read-bounded';
import { decodeTemplateBytes } from './decode';
import { looksLikeCloudFormation } from './is-cloudformation';
import { MAX_TEMPLATE_BYTES } from './limits';
import { TemplateModel } from './template-model';

/**
 * Whether a file on disk is a template (for pickers): a regular file within CloudFormation's size
 * limit, in an encoding lint reads, whose content says so. Text signs can sit in a comment or a
 * string, so the parsed template decides; files without them are not parsed at all.
 */
export async function isCloudFormationFile(file: string): Promise<boolean> {
  const read = await readRegularFile(file, MAX_TEMPLATE_BYTES);
  if (!read.ok) return false;
  const decoded = decodeTemplateBytes(read.bytes);
  if (!decoded.ok || !looksLikeCloudFormation(decoded.text)) return false;
  return TemplateModel.parse(file, decoded.text).isCloudFormation;
}
