import {
  ChangeResourceRecordSetsCommand, GetHostedZoneCommand, ListResourceRecordSetsCommand,
  type Change, type ResourceRecordSet, type Route53Client,
} from '@aws-sdk/client-route-53';
import { MhaError } from '../../common/errors';
import { awsErrorCode } from '../../deploy/map-aws-error';
import type { Journal } from '../journal';
import { CUTOVER_STEP } from './restore-on-stack';

export const DNS_STEP = 'cutover.dns';

/** The TTL the switched record gets: short, so a rollback reaches users within a minute. */
export const SWITCHED_TTL = 60;

export interface DnsSwitchRequest {
  route53: Route53Client;
  zoneId: string;
  /** The site's name, e.g. moodle.school.edu (wwwroot's host). */
  recordName: string;
  /** The stack's load balancer DNS name. */
  target: string;
  signal?: AbortSignal;
}

/** What the switch changes, shown to the user before it is applied. */
export interface DnsSwitchPlan {
  zoneId: string;
  name: string;
  /** The records of that name before the switch (what a rollback puts back); empty when there were none. */
  before: ResourceRecordSet[];
  after: ResourceRecordSet;
  /** How long resolvers may still send users to the source after the switch: the old records' longest TTL. */
  staleSeconds: number;
}

/** Reads the record the site's name has now and what the switch would make of it; changes nothing. */
export async function planDnsSwitch(request: DnsSwitchRequest): Promise<DnsSwitchPlan> {
  const name = fqdn(request.recordName);
  const zone = await request.route53.send(new GetHostedZoneCommand({ Id: request.zoneId }), { abortSignal: request.signal }).catch((error: unknown) => {
    if (awsErrorCode(error) !== 'NoSuchHostedZone') throw error;
    throw new MhaError('migrate.input', `Route 53 has no hosted zone ${request.zoneId} in this account.`, { nextStep: "Give --zone-id the ID of the zone that holds the site's name (aws route53 list-hosted-zones)." });
  });
  const zoneName = fqdn(zone.HostedZone?.Name ?? '');
  if (name === zoneName) {
    throw new MhaError('usage', `${name} is the zone's apex, which cannot be a CNAME.`, { nextStep: 'Point the apex at the load balancer with an alias A record by hand (Route 53 console), or serve Moodle on a name below it (moodle.…).' });
  }
  if (!name.endsWith(`.${zoneName}`)) throw new MhaError('usage', `${name} is not in the zone ${zoneName}.`, { nextStep: 'Give --zone-id the zone the name belongs to.' });
  const listed = await request.route53.send(new ListResourceRecordSetsCommand({ HostedZoneId: request.zoneId, StartRecordName: name, MaxItems: 10 }), { abortSignal: request.signal });
  const before = (listed.ResourceRecordSets ?? []).filter((r) => fqdn(r.Name ?? '') === name && ['A', 'AAAA', 'CNAME'].includes(r.Type ?? ''));
  if (before.some((r) => r.SetIdentifier)) {
    throw new MhaError('usage', `${name} has weighted, latency or failover records: the switch would not know which one users get.`, { nextStep: 'Switch those records by hand, or make the name a plain record first.' });
  }
  const after: ResourceRecordSet = { Name: name, Type: 'CNAME', TTL: SWITCHED_TTL, ResourceRecords: [{ Value: fqdn(request.target) }] };
  return { zoneId: request.zoneId, name, before, after, staleSeconds: Math.max(0, ...before.map((r) => r.TTL ?? 60)) };
}

/**
 * Points the site's name at the stack, once the stack holds the restored site; journalled with the
 * records it replaced, so a rollback puts exactly those back. A CNAME cannot share its name with
 * other records, so address records of the name are deleted in the same change (atomic in Route 53).
 */
export async function applyDnsSwitch(journal: Journal, route53: Route53Client, plan: DnsSwitchPlan, signal?: AbortSignal): Promise<{ changeId: string; skipped: boolean }> {
  if (!journal.done(CUTOVER_STEP.restore)) {
    throw new MhaError('usage', 'The site is not restored on the stack yet: switching DNS now would send users to an empty site.', { nextStep: "Run 'moodle-ha migrate cutover …' first and check the new site." });
  }
  const { result, skipped } = await journal.step(DNS_STEP, async () => {
    const changes: Change[] = [
      ...plan.before.filter((r) => r.Type !== 'CNAME').map((r) => ({ Action: 'DELETE' as const, ResourceRecordSet: r })),
      { Action: 'UPSERT', ResourceRecordSet: plan.after },
    ];
    const changed = await route53.send(new ChangeResourceRecordSetsCommand({
      HostedZoneId: plan.zoneId, ChangeBatch: { Comment: 'moodle-ha migrate: switch to the HA stack', Changes: changes },
    }), { abortSignal: signal });
    return { changeId: changed.ChangeInfo?.Id ?? '', plan };
  });
  return { changeId: result.changeId, skipped };
}

/** Puts back the records the switch replaced (a rollback); nothing when the switch never ran. */
export async function revertDnsSwitch(journal: Journal, route53: Route53Client, signal?: AbortSignal): Promise<{ reverted: boolean }> {
  const done = journal.result<{ plan: DnsSwitchPlan }>(DNS_STEP);
  if (!done) return { reverted: false };
  const { plan } = done;
  const wasCname = plan.before.find((r) => r.Type === 'CNAME');
  const changes: Change[] = wasCname
    ? [{ Action: 'UPSERT', ResourceRecordSet: wasCname }]
    // UPSERT rather than CREATE: the same result, and it holds if someone put an address back by hand meanwhile.
    : [{ Action: 'DELETE', ResourceRecordSet: plan.after }, ...plan.before.map((r) => ({ Action: 'UPSERT' as const, ResourceRecordSet: r }))];
  await route53.send(new ChangeResourceRecordSetsCommand({
    HostedZoneId: plan.zoneId, ChangeBatch: { Comment: 'moodle-ha migrate rollback: back to the source', Changes: changes },
  }), { abortSignal: signal });
  journal.forget(DNS_STEP);
  return { reverted: true };
}

export function describeDnsSwitch(plan: DnsSwitchPlan): string {
  const show = (r: ResourceRecordSet) => `${r.Type} ${r.AliasTarget ? `alias ${r.AliasTarget.DNSName}` : (r.ResourceRecords ?? []).map((v) => v.Value).join(', ')} (TTL ${r.TTL ?? '-'} s)`;
  return [
    `${plan.name} in zone ${plan.zoneId}:`,
    `  now:   ${plan.before.length ? plan.before.map(show).join('; ') : 'no record'}`,
    `  after: ${show(plan.after)}`,
    `  resolvers may send users to the source for up to ${plan.staleSeconds} s more (the old TTL); the source stays in maintenance meanwhile.`,
  ].join('\n');
}

function fqdn(name: string): string {
  return `${name.trim().toLowerCase().replace(/\.$/, '')}.`;
}
