/**
 * CloudFormation's own limits on a template, shared by lint and deploy so both refuse the same
 * files (AWS CloudFormation quotas: template body in S3 1 MB, counted in bytes as cfn-lint's
 * E1002 does; 500 resources; 200 parameters, outputs and mappings).
 */
export const MAX_TEMPLATE_BYTES = 1_000_000;
export const MAX_RESOURCES = 500;
export const MAX_PARAMETERS = 200;
export const MAX_OUTPUTS = 200;
export const MAX_MAPPINGS = 200;
/**
 * CloudFormation documents no quota on conditions; past this many, AWS's validator is not asked
 * (its condition analysis grows steeply: 500 conditions in a cycle took 11 s) and an info says so.
 */
export const MAX_CONDITIONS_VALIDATED = 200;

export function templateBytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}

/** "1.4 MB" for a byte count, as the too-large messages say it. */
export function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function tooLargeMessage(bytes: number, what: 'template' | 'file'): string {
  return `The ${what} is ${megabytes(bytes)} (${bytes.toLocaleString('en')} bytes); CloudFormation accepts templates up to 1 MB (${MAX_TEMPLATE_BYTES.toLocaleString('en')} bytes), so it was not ${what === 'file' ? 'read' : 'linted'}. Split it into nested stacks.`;
}
