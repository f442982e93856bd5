import { MAX_CONDITIONS_VALIDATED, MAX_MAPPINGS, MAX_OUTPUTS, MAX_PARAMETERS, MAX_RESOURCES } from '../../template/limits';
import type { TemplateModel } from '../../template/template-model';
import type { Finding } from '../finding';

export interface LimitCheck {
  findings: Finding[];
  /** Set when AWS's validator must not be asked: past these counts its run time has no bound. */
  skipValidator?: string;
}

/**
 * CloudFormation's cheap limits, counted before AWS's validator is asked: the validator reports
 * them only at the end of a run that can take minutes (10,000 buckets: 122 s). Over-limit
 * resources and outputs are errors under cfn-lint's ids (E3010, E6010); parameters and mappings
 * over their quota are warnings (cfn-lint 1.51 does not report them), and many conditions only
 * skip the validator (CloudFormation documents no quota on them).
 */
export function checkTemplateLimits(model: TemplateModel): LimitCheck {
  const findings: Finding[] = [];
  const skipped: string[] = [];
  const count = (section: 'Resources' | 'Outputs' | 'Parameters' | 'Mappings' | 'Conditions') => model.section(section)?.entries.length ?? 0;
  const over = (section: 'Resources' | 'Outputs' | 'Parameters' | 'Mappings', limit: number, ruleId: string, severity: Finding['severity']) => {
    const n = count(section);
    if (n <= limit) return;
    skipped.push(`${n} ${section.toLowerCase()}`);
    findings.push({
      ruleId, severity, source: 'CloudFormation', path: [section], range: model.rangeOf([section], true),
      message: `The template has ${n.toLocaleString('en')} ${section.toLowerCase()}; CloudFormation allows at most ${limit}. Split it into nested stacks.`,
    });
  };
  over('Resources', MAX_RESOURCES, 'E3010', 'error');
  over('Outputs', MAX_OUTPUTS, 'E6010', 'error');
  over('Parameters', MAX_PARAMETERS, 'G2010', 'warning');
  over('Mappings', MAX_MAPPINGS, 'G7010', 'warning');
  const conditions = count('Conditions');
  if (conditions > MAX_CONDITIONS_VALIDATED) skipped.push(`${conditions} conditions`);
  if (!skipped.length) return { findings };
  const reason = `AWS's validator was not run: the template has ${skipped.join(', ')}, and past CloudFormation's limits its checks can take minutes.`;
  findings.push({ ruleId: 'G0001', severity: 'info', source: 'CloudFormation', path: [], range: model.lines.lineRange(0), message: reason });
  return { findings, skipValidator: reason };
}
