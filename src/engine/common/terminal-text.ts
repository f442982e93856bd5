/**
 * Text bound for a terminal, with every C0 and C1 control character (and DEL) except newline and
 * tab written as a visible \uXXXX escape. Template text (logical ids, values, stack outputs) reaches
 * the CLI's output, and an ESC or CSI in it could move the cursor, erase lines or hide text: a
 * template could overwrite its own errors with a fake "0 errors". The escape is also valid inside
 * JSON strings, so JSON and SARIF output stay parseable.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

export function escapeControl(text: string): string {
  return text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
