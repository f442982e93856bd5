/** One outcome of the check: a refusal stops the migration before anything moves; a warning does not. */
export interface CheckFinding {
  level: 'refuse' | 'warn' | 'info';
  code: string;
  message: string;
  nextStep?: string;
}

export function refusals(findings: CheckFinding[]): CheckFinding[] { return findings.filter((f) => f.level === 'refuse'); }

export function formatFindings(findings: CheckFinding[]): string {
  const mark = { refuse: '✗ refuse', warn: '! warn  ', info: '· info  ' } as const;
  return findings.map((f) => `${mark[f.level]} ${f.code}: ${f.message}${f.nextStep ? `\n           → ${f.nextStep}` : ''}`).join('\n') + (findings.length ? '\n' : '');
}
