/**
 * The one list of drills: the engine, the CLI's usage and the VS Code pick all read it. Metadata only
 * (no drill code), so the CLI's help and the extension's quick pick load nothing heavy.
 */
export interface DrillEntry {
  name: string;
  /** One line for a pick list or a usage text. */
  detail: string;
  /** Which AWS stand-in it exercises, when it is not plain Docker failure. */
  aws?: string;
}

export const DRILL_CATALOGUE = [
  { name: 'kill-web', detail: 'SIGKILL a web node, restart it: nobody should notice' },
  { name: 'kill-cache', detail: 'Kill the session cache: one memcached logs everyone out; Redis + replica survives' },
  { name: 'restart-db', detail: 'Restart the database: errors while down, full recovery' },
  { name: 'scale-out', detail: 'Add a web node under load' },
  { name: 'scale-in', detail: 'Remove a web node under load' },
  { name: 'rolling-deploy', detail: 'New code, one node at a time, with the CodeDeploy hook scripts' },
  { name: 'rolling-deploy-broken', detail: 'A release that fails validation: automatic rollback' },
  { name: 'upgrade', detail: 'A newer version through the deployment group, with the target group health check and the Auto Scaling group watching', aws: 'target group, Auto Scaling, CodeDeploy' },
  { name: 'rotate-db-secret', detail: "Rotate the database secret as RDS managed rotation does: does the site keep its connection?", aws: 'Secrets Manager' },
  { name: 'replace-unhealthy', detail: "Break one node's PHP: the target group marks it unhealthy, the Auto Scaling group replaces it", aws: 'target group, Auto Scaling, CodeDeploy' },
  { name: 'az-outage', detail: 'Lose every web node in one Availability Zone at once', aws: 'target group, Auto Scaling' },
  { name: 'calendar', detail: "Replay the template's scheduled actions over a school year on a compressed clock: capacity against demand", aws: 'Auto Scaling scheduled actions' },
] as const satisfies readonly DrillEntry[];

export type DrillName = (typeof DRILL_CATALOGUE)[number]['name'];
export const drillNames: readonly DrillName[] = DRILL_CATALOGUE.map((d) => d.name);

export function isDrillName(name: string): name is DrillName {
  return (drillNames as readonly string[]).includes(name);
}

/** The names as a wrapped list for a usage text. */
export function drillNamesText(width = 70, indent = ''): string {
  const lines: string[] = [];
  let line = '';
  for (const name of drillNames) {
    const next = line ? `${line}, ${name}` : name;
    if (next.length > width && line) { lines.push(`${line},`); line = name; } else line = next;
  }
  if (line) lines.push(`${line}.`);
  return lines.map((l) => indent + l).join('\n');
}
