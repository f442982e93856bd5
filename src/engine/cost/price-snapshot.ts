/**
 * On-demand list prices (USD, Linux, no reservations or savings plans) for what a Moodle HA stack
 * bills for, per supported region. This is a dated snapshot shipped with the extension: it is
 * written down by hand from AWS's public price pages for the regions below and is an estimate,
 * not a quote. Every picture and report names the snapshot's date so a reader knows its age;
 * prices missing here are reported as "not priced", never guessed.
 */
export interface RegionPrices {
  /** EC2 instance, per hour. */
  ec2: Record<string, number>;
  /** Aurora (MySQL/PostgreSQL-compatible) instance, per hour. */
  aurora: Record<string, number>;
  /** RDS single-AZ instance, per hour (Multi-AZ with one standby bills twice). */
  rds: Record<string, number>;
  /** ElastiCache node (Redis OSS/Valkey/memcached), per hour. */
  elasticache: Record<string, number>;
  natGatewayHour: number;
  natGatewayPerGb: number;
  albHour: number;
  /** Per LCU-hour; a small site uses well under one LCU. */
  albLcuHour: number;
  efsStandardGbMonth: number;
  /** EFS Elastic throughput, per GB read / written. */
  efsElasticReadPerGb: number;
  efsElasticWritePerGb: number;
  auroraStorageGbMonth: number;
  /** Aurora Serverless v2, per ACU-hour. */
  auroraServerlessAcuHour: number;
  rdsGp3GbMonth: number;
  ebsGp3GbMonth: number;
  dataTransferOutPerGb: number;
  secretMonth: number;
  alarmMonth: number;
  /** AWS WAF: per web ACL and per rule (a managed rule group is one) a month, per million requests. */
  webAclMonth: number;
  wafRuleMonth: number;
  wafPerMillionRequests: number;
}

export interface PriceSnapshot {
  /** When the snapshot was written down. */
  date: string;
  source: string;
  regions: Record<string, RegionPrices>;
}

const EU_WEST_1: RegionPrices = {
  ec2: {
    't3.small': 0.0228, 't3.medium': 0.0456, 't3.large': 0.0912, 't3.xlarge': 0.1824,
    'm6i.large': 0.107, 'm6i.xlarge': 0.214, 'm7g.large': 0.0907, 'm7g.xlarge': 0.1814,
    'c6i.large': 0.096, 'c6i.xlarge': 0.192, 'c7g.large': 0.0816, 'c7g.xlarge': 0.1632,
  },
  aurora: { 'db.t4g.medium': 0.08, 'db.t4g.large': 0.161, 'db.r6g.large': 0.29, 'db.r6g.xlarge': 0.58, 'db.r7g.large': 0.3075 },
  rds: { 'db.t4g.medium': 0.074, 'db.t4g.large': 0.148, 'db.m6g.large': 0.172, 'db.r6g.large': 0.258, 'db.r6g.xlarge': 0.516 },
  elasticache: { 'cache.t4g.micro': 0.0178, 'cache.t4g.small': 0.036, 'cache.t4g.medium': 0.073, 'cache.r6g.large': 0.228, 'cache.m6g.large': 0.166 },
  natGatewayHour: 0.048, natGatewayPerGb: 0.048,
  albHour: 0.0252, albLcuHour: 0.008,
  efsStandardGbMonth: 0.33, efsElasticReadPerGb: 0.03, efsElasticWritePerGb: 0.06,
  auroraStorageGbMonth: 0.11, auroraServerlessAcuHour: 0.134, rdsGp3GbMonth: 0.127, ebsGp3GbMonth: 0.088,
  dataTransferOutPerGb: 0.09, secretMonth: 0.4, alarmMonth: 0.1,
  webAclMonth: 5, wafRuleMonth: 1, wafPerMillionRequests: 0.6,
};

const US_EAST_1: RegionPrices = {
  ec2: {
    't3.small': 0.0208, 't3.medium': 0.0416, 't3.large': 0.0832, 't3.xlarge': 0.1664,
    'm6i.large': 0.096, 'm6i.xlarge': 0.192, 'm7g.large': 0.0816, 'm7g.xlarge': 0.1632,
    'c6i.large': 0.085, 'c6i.xlarge': 0.17, 'c7g.large': 0.0725, 'c7g.xlarge': 0.145,
  },
  aurora: { 'db.t4g.medium': 0.073, 'db.t4g.large': 0.146, 'db.r6g.large': 0.26, 'db.r6g.xlarge': 0.519, 'db.r7g.large': 0.276 },
  rds: { 'db.t4g.medium': 0.065, 'db.t4g.large': 0.129, 'db.m6g.large': 0.152, 'db.r6g.large': 0.225, 'db.r6g.xlarge': 0.45 },
  elasticache: { 'cache.t4g.micro': 0.016, 'cache.t4g.small': 0.032, 'cache.t4g.medium': 0.065, 'cache.r6g.large': 0.206, 'cache.m6g.large': 0.149 },
  natGatewayHour: 0.045, natGatewayPerGb: 0.045,
  albHour: 0.0225, albLcuHour: 0.008,
  efsStandardGbMonth: 0.3, efsElasticReadPerGb: 0.03, efsElasticWritePerGb: 0.06,
  auroraStorageGbMonth: 0.1, auroraServerlessAcuHour: 0.12, rdsGp3GbMonth: 0.115, ebsGp3GbMonth: 0.08,
  dataTransferOutPerGb: 0.09, secretMonth: 0.4, alarmMonth: 0.1,
  webAclMonth: 5, wafRuleMonth: 1, wafPerMillionRequests: 0.6,
};

const EU_WEST_2: RegionPrices = {
  ...EU_WEST_1,
  ec2: {
    't3.small': 0.0236, 't3.medium': 0.0472, 't3.large': 0.0944, 't3.xlarge': 0.1888,
    'm6i.large': 0.111, 'm6i.xlarge': 0.222, 'm7g.large': 0.0944, 'm7g.xlarge': 0.1888,
    'c6i.large': 0.101, 'c6i.xlarge': 0.202, 'c7g.large': 0.0858, 'c7g.xlarge': 0.1716,
  },
  aurora: { 'db.t4g.medium': 0.083, 'db.t4g.large': 0.167, 'db.r6g.large': 0.3, 'db.r6g.xlarge': 0.6, 'db.r7g.large': 0.318 },
  rds: { 'db.t4g.medium': 0.077, 'db.t4g.large': 0.154, 'db.m6g.large': 0.178, 'db.r6g.large': 0.268, 'db.r6g.xlarge': 0.536 },
  elasticache: { 'cache.t4g.micro': 0.0186, 'cache.t4g.small': 0.037, 'cache.t4g.medium': 0.075, 'cache.r6g.large': 0.236, 'cache.m6g.large': 0.172 },
  natGatewayHour: 0.05, natGatewayPerGb: 0.05, albHour: 0.0264,
  efsStandardGbMonth: 0.33, dataTransferOutPerGb: 0.09,
};

const AP_SOUTHEAST_2: RegionPrices = {
  ...EU_WEST_1,
  ec2: {
    't3.small': 0.0264, 't3.medium': 0.0528, 't3.large': 0.1056, 't3.xlarge': 0.2112,
    'm6i.large': 0.12, 'm6i.xlarge': 0.24, 'm7g.large': 0.1018, 'm7g.xlarge': 0.2035,
    'c6i.large': 0.111, 'c6i.xlarge': 0.222, 'c7g.large': 0.0944, 'c7g.xlarge': 0.1888,
  },
  aurora: { 'db.t4g.medium': 0.088, 'db.t4g.large': 0.176, 'db.r6g.large': 0.32, 'db.r6g.xlarge': 0.64, 'db.r7g.large': 0.34 },
  rds: { 'db.t4g.medium': 0.08, 'db.t4g.large': 0.16, 'db.m6g.large': 0.186, 'db.r6g.large': 0.28, 'db.r6g.xlarge': 0.56 },
  elasticache: { 'cache.t4g.micro': 0.02, 'cache.t4g.small': 0.04, 'cache.t4g.medium': 0.08, 'cache.r6g.large': 0.252, 'cache.m6g.large': 0.184 },
  natGatewayHour: 0.059, natGatewayPerGb: 0.059, albHour: 0.0252,
  efsStandardGbMonth: 0.36, dataTransferOutPerGb: 0.114,
};

export const PRICE_SNAPSHOT: PriceSnapshot = {
  date: '2026-12-01',
  source: 'bundled snapshot of AWS on-demand list prices (approximate; check the AWS Pricing Calculator before you budget)',
  regions: { 'us-east-1': US_EAST_1, 'eu-west-1': EU_WEST_1, 'eu-west-2': EU_WEST_2, 'ap-southeast-2': AP_SOUTHEAST_2 },
};

export function pricesFor(region: string, snapshot: PriceSnapshot = PRICE_SNAPSHOT): RegionPrices | undefined {
  return Object.hasOwn(snapshot.regions, region) ? snapshot.regions[region] : undefined;
}
