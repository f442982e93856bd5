import type { ScaffoldOptions } from '../../engine/scaffold/options';
import { pickStep } from './quick-input';
import { WIZARD_STEPS, type WizardStep } from './wizard-steps';

export type WizardPath = 'recommended' | 'full';

/** The questions a newcomer must answer; everything else keeps the HA defaults (defaultOptions: 2 AZs, Aurora MySQL, EFS…). */
const RECOMMENDED_FIELDS = ['projectName', 'region', 'domain.name', 'domain.certificateArn'];

export function stepsFor(path: WizardPath): WizardStep[] {
  if (path === 'full') return WIZARD_STEPS;
  return WIZARD_STEPS.filter((s) => s.kind === 'input' && RECOMMENDED_FIELDS.includes(s.fields[0]));
}

/** The domain and certificate questions: what a scaffolded HTTP-only project lacks for HTTPS. */
export function domainSteps(): WizardStep[] {
  return WIZARD_STEPS.filter((s) => s.kind === 'input' && ['domain.name', 'domain.certificateArn'].includes(s.fields[0]));
}

/** The first question: the short recommended path, or every option. Undefined when cancelled. */
export async function askWizardPath(): Promise<WizardPath | undefined> {
  const recommended = stepsFor('recommended').length;
  const answer = await pickStep({ title: 'Moodle HA: New Project' }, 'How do you want to set up the project?', [
    { value: 'recommended' as WizardPath, label: `Recommended: ${recommended} questions`, description: 'name, region, domain, certificate', detail: 'Every other part keeps the HA defaults, listed on the summary page before anything is written. Change them later in moodle-ha.options.json.' },
    { value: 'full' as WizardPath, label: `Every question (up to ${WIZARD_STEPS.length})`, description: 'sizes, engines, schedules, mail, alarms, code source' },
  ], 'recommended');
  return typeof answer === 'string' ? answer : undefined;
}

/** How the summary describes the design, one line per part. */
export function describeDesign(o: ScaffoldOptions): string[] {
  const db = { 'aurora-mysql': 'Aurora MySQL', 'aurora-postgresql': 'Aurora PostgreSQL', mysql: 'RDS MySQL', mariadb: 'RDS MariaDB', postgres: 'RDS PostgreSQL' }[o.database.engine];
  return [
    `${o.format === 'cdk' ? 'CDK app (TypeScript)' : 'CloudFormation YAML'} for '${o.projectName}' (${o.environment}) in ${o.region}, ${o.azCount} Availability Zones`,
    `Web: ${o.web.minSize}–${o.web.maxSize} × ${o.web.instanceType}, ${o.web.server}, Moodle ${o.web.moodleVersion}, PHP ${o.web.phpVersion}`,
    `Data: ${db} ${o.database.instanceClass}, ${o.storage.kind.toUpperCase()} for moodledata, ElastiCache ${o.cache.engine}`,
    o.domain.certificateArn ? `Site: https://${o.domain.name || '(the load balancer name)'}` : 'Site: HTTP only, no certificate (DEMO mode: not for real users)',
  ];
}
