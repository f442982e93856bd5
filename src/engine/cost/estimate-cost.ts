import { deriveTopology } from '../topology/derive';
import type { TemplateModel } from '../template/template-model';
import { billableInventory, type AlwaysOnItem, type BillableInventory, type Service } from './billable-inventory';
import { replayCapacityYear, type CapacityYear } from './capacity-year';
import { PRICE_SNAPSHOT, pricesFor, type PriceSnapshot, type RegionPrices } from './price-snapshot';
import { serverlessFloorYear } from './serverless-floor-year';
import { TemplateValues } from './template-values';
import { DEFAULT_USAGE, describeUsage, type UsageAssumptions } from './usage-assumptions';

export interface CostOptions {
  region: string;
  year: number;
  parameters?: Record<string, string>;
  usage?: Partial<UsageAssumptions>;
  snapshot?: PriceSnapshot;
}

export interface CostLine {
  service: Service;
  what: string;
  logicalIds: string[];
  /** USD per calendar month, January first. */
  byMonth: number[];
}

export interface CostEstimate {
  region: string;
  year: number;
  prices: { source: string; date: string };
  lines: CostLine[];
  byMonth: number[];
  yearTotal: number;
  busiestMonth: number;
  quietestMonth: number;
  capacity?: CapacityYear;
  assumptions: string[];
  /** What the estimate leaves out, with why (unpriced types, unknown sizes). */
  notPriced: { logicalId: string; why: string }[];
}

const MONTH_HOURS = (year: number) => Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(year, m + 1, 0)).getUTCDate() * 24);

/**
 * A month-by-month estimate of what the template costs to run for a school year: the web tier
 * from a minute-by-minute replay of its scheduled actions (at the floor the schedule sets),
 * everything else by the hour all month, usage-based items from stated assumptions.
 */
export function estimateCost(model: TemplateModel, options: CostOptions): CostEstimate {
  const snapshot = options.snapshot ?? PRICE_SNAPSHOT;
  const prices = pricesFor(options.region, snapshot);
  if (!prices) throw new RangeError(`No prices for region '${options.region}': the snapshot has ${Object.keys(snapshot.regions).join(', ')}.`);
  const usage = { ...DEFAULT_USAGE, ...options.usage };
  const values = new TemplateValues(model, options.parameters, options.region);
  const topology = deriveTopology(model);
  const asg = topology.webTier.found ? model.resource(topology.webTier.asgLogicalId) : undefined;
  const inventory = billableInventory(model, values, asg);
  const hours = MONTH_HOURS(options.year);
  const notPriced = [...inventory.notPriced];
  const lines: CostLine[] = [];

  let capacity: CapacityYear | undefined;
  if (asg && topology.webTier.found) {
    capacity = replayCapacityYear(model, values, asg, options.year, topology.webTier.scalingPolicyIds.length > 0);
    lines.push(...webLines(inventory, capacity, prices, usage, notPriced));
  }
  const assumptions: string[] = [];
  for (const item of inventory.alwaysOn.filter((i) => i.serverless)) {
    // The floor the holiday schedules set, day by day; load adds ACUs above it.
    const floor = serverlessFloorYear(model, values, item.logicalId, item.serverless!.minAcu, options.year);
    const scheduled = floor.changes.length ? `, its minimum lowered in the holidays by ${floor.changes.length} schedules` : '';
    lines.push({ service: 'Database', what: `${item.what}${scheduled}`, logicalIds: [item.logicalId, ...floor.changes], byMonth: floor.acuHoursByMonth.map((h) => h * item.serverless!.instances * prices.auroraServerlessAcuHour) });
    for (const id of floor.ignored) notPriced.push({ logicalId: id, why: 'a capacity schedule whose expression or input the estimate cannot read (only yearly cron(...) on fixed days with a literal MinCapacity)' });
    assumptions.push('Aurora Serverless v2 counted at its minimum capacity, as the schedules set it from the day they fire (term-time load runs above it, up to MaxCapacity)');
  }
  for (const group of groupAlwaysOn(inventory.alwaysOn.filter((i) => !i.serverless))) {
    const hourly = group.items.reduce((sum, item) => sum + hourlyPrice(item, prices, notPriced) * item.count, 0);
    const storage = group.items.reduce((sum, item) => sum + (item.storageGb ?? 0) * prices.rdsGp3GbMonth, 0);
    const monthly = group.items.reduce((sum, item) => sum + monthlyPrice(item, prices), 0);
    lines.push({ service: group.service, what: group.what, logicalIds: group.items.map((i) => i.logicalId), byMonth: hours.map((h) => hourly * h + storage + monthly) });
  }
  lines.push(...usageLines(inventory, prices, usage, hours));
  const byMonth = hours.map((_, m) => lines.reduce((sum, line) => sum + line.byMonth[m], 0));
  return {
    region: options.region, year: options.year,
    prices: { source: snapshot.source, date: snapshot.date },
    lines: lines.filter((l) => l.byMonth.some((v) => v > 0)),
    byMonth,
    yearTotal: byMonth.reduce((a, b) => a + b, 0),
    busiestMonth: byMonth.indexOf(Math.max(...byMonth)),
    quietestMonth: byMonth.indexOf(Math.min(...byMonth)),
    capacity,
    assumptions: [
      ...(capacity ? [`web servers counted at the floor the schedule sets${capacity.scalesOnLoad ? ' (its scaling policy adds more under load, up to MaxSize)' : ''}`] : []),
      ...assumptions,
      ...describeUsage(usage),
      'on-demand prices; no free tier, reservations or savings plans',
    ],
    notPriced,
  };
}

function webLines(inventory: BillableInventory, capacity: CapacityYear, prices: RegionPrices, usage: UsageAssumptions, notPriced: CostEstimate['notPriced']): CostLine[] {
  const web = inventory.web;
  const type = web?.instanceType;
  const hourly = type ? prices.ec2[type] : undefined;
  if (!type || hourly === undefined) notPriced.push({ logicalId: capacity.asgLogicalId, why: type ? `instance type ${type} is not in the price snapshot` : 'the web tier\'s instance type is not known from the template' });
  const volume = web?.rootVolumeGb ?? usage.webRootVolumeGb;
  return [
    { service: 'EC2', what: `web servers (${type ?? 'unknown type'}), node-hours from the schedule`, logicalIds: [capacity.asgLogicalId], byMonth: capacity.nodeHoursByMonth.map((h) => h * (hourly ?? 0)) },
    { service: 'EBS', what: `web server root volumes (${volume} GB gp3 each)`, logicalIds: [capacity.asgLogicalId], byMonth: capacity.nodeHoursByMonth.map((h) => (h / 730) * volume * prices.ebsGp3GbMonth) },
  ];
}

function usageLines(inventory: BillableInventory, prices: RegionPrices, usage: UsageAssumptions, hours: number[]): CostLine[] {
  const lines: CostLine[] = [];
  const flat = (service: Service, what: string, ids: string[], amount: number) => lines.push({ service, what, logicalIds: ids, byMonth: hours.map(() => amount) });
  if (inventory.sharedFileSystems.length) {
    flat('EFS', `moodledata storage (${usage.moodledataGb} GB) and Elastic throughput`, inventory.sharedFileSystems,
      usage.moodledataGb * prices.efsStandardGbMonth + usage.efsReadGb * prices.efsElasticReadPerGb + usage.efsWriteGb * prices.efsElasticWritePerGb);
  }
  if (inventory.auroraClusters.length) flat('Database', `Aurora storage (${usage.databaseGb} GB)`, inventory.auroraClusters, usage.databaseGb * prices.auroraStorageGbMonth);
  const nats = inventory.alwaysOn.filter((i) => i.family === 'nat').map((i) => i.logicalId);
  if (nats.length) flat('NAT gateways', `data processed (${usage.natGb} GB)`, nats, usage.natGb * prices.natGatewayPerGb);
  const albs = inventory.alwaysOn.filter((i) => i.family === 'alb').map((i) => i.logicalId);
  if (albs.length) lines.push({ service: 'Load balancer', what: `capacity units (${usage.albLcu} LCU)`, logicalIds: albs, byMonth: hours.map((h) => h * usage.albLcu * prices.albLcuHour) });
  const acls = inventory.alwaysOn.filter((i) => i.family === 'web-acl').map((i) => i.logicalId);
  if (acls.length) flat('Firewall', `requests inspected (${usage.requestsMillions} million)`, acls, acls.length * usage.requestsMillions * prices.wafPerMillionRequests);
  flat('Data transfer', `to the internet (${usage.egressGb} GB)`, [], usage.egressGb * prices.dataTransferOutPerGb);
  return lines;
}

function hourlyPrice(item: AlwaysOnItem, prices: RegionPrices, notPriced: CostEstimate['notPriced']): number {
  const table = item.family === 'ec2' ? prices.ec2 : item.family === 'aurora' ? prices.aurora : item.family === 'rds' ? prices.rds : item.family === 'elasticache' ? prices.elasticache : undefined;
  if (table) {
    const price = item.priceKey && Object.hasOwn(table, item.priceKey) ? table[item.priceKey] : undefined;
    if (price === undefined) notPriced.push({ logicalId: item.logicalId, why: item.priceKey ? `${item.priceKey} is not in the price snapshot` : 'its size is not known from the template' });
    return price ?? 0;
  }
  switch (item.family) {
    case 'nat': return prices.natGatewayHour;
    case 'alb': return prices.albHour;
    case 'aurora-serverless': return prices.auroraServerlessAcuHour;
    default: return 0;
  }
}

function monthlyPrice(item: AlwaysOnItem, prices: RegionPrices): number {
  switch (item.family) {
    case 'secret': return prices.secretMonth * item.count;
    case 'alarm': return prices.alarmMonth * item.count;
    case 'web-acl': return prices.webAclMonth + prices.wafRuleMonth * item.count;
    default: return 0;
  }
}

/** Items of one service and kind, so the table reads "2 NAT gateways", not two rows. */
function groupAlwaysOn(items: AlwaysOnItem[]): { service: Service; what: string; items: AlwaysOnItem[] }[] {
  const groups = new Map<string, AlwaysOnItem[]>();
  for (const item of items) {
    const key = `${item.service}|${item.what}`;
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.values()].map((group) => ({
    service: group[0].service,
    what: group.length === 1 ? group[0].what : `${group.length} × ${group[0].what.replace(/^1 (× )?/, '')}`,
    items: group,
  }));
}
