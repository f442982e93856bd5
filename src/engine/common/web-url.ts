/** An http(s) URL and nothing else: template outputs and container labels are text, and file:, vscode: or command: links must never be opened. */
export function isWebUrl(value: string | undefined): value is string {
  if (!value || !/^https?:\/\//i.test(value)) return false;
  try { return ['http:', 'https:'].includes(new URL(value).protocol); } catch { return false; }
}
