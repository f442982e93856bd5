import { at, entry, isScalar, type TMap } from './nodes';

/**
 * The one answer to "is this CloudFormation?", by content and never by file name. A template
 * has AWSTemplateFormatVersion, an AWS:: Transform (SAM and other macros), or a resource whose
 * Type is AWS::, Custom:: or Alexa::. The linter, the deploy gate, the pictures, the replica and
 * the editor's pickers all ask here, so a file is a template for all of them or for none.
 */
export function isCloudFormationTemplate(parsed: { root?: TMap; text: string; resources(): { type: string }[] }): boolean {
  if (!parsed.root) return looksLikeCloudFormation(parsed.text);
  if (entry(parsed.root, 'AWSTemplateFormatVersion')) return true;
  const transform = at(parsed.root, ['Transform']);
  if (isScalar(transform) && String(transform.value).startsWith('AWS::')) return true;
  return parsed.resources().some((r) => RESOURCE_TYPE.test(r.type));
}

/**
 * The same signs looked for in text that is not parsed (yet, or at all): cheap enough for a file
 * picker or for deciding to warm up the validator. Only the first 200,000 characters are read.
 */
export function looksLikeCloudFormation(text: string): boolean {
  return TEXT_SIGNS.test(text.slice(0, 200_000));
}

const RESOURCE_TYPE = /^(AWS|Custom|Alexa)::/;
const TEXT_SIGNS = /AWSTemplateFormatVersion|Type["']?\s*:\s*["']?(AWS|Custom|Alexa)::|Transform["']?\s*:\s*["']?AWS::/;
