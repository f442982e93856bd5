import { shiftRange } from '../../template/chunked-parser';
import type { Finding } from '../finding';

/** The same finding `lines` further down (or up), fixes included. */
export function shiftFinding(finding: Finding, lines: number): Finding {
  if (lines === 0) return finding;
  return {
    ...finding,
    range: shiftRange(finding.range, lines),
    ...(finding.fixes ? { fixes: finding.fixes.map((fix) => ({ ...fix, edits: fix.edits.map((e) => ({ ...e, range: shiftRange(e.range, lines) })) })) } : {}),
  };
}
