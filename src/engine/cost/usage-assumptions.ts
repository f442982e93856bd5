/**
 * What a template cannot say about a site's usage, stated so every estimate can show it. The
 * defaults fit a school of a few thousand users; the CLI and the picture let the user change them.
 */
export interface UsageAssumptions {
  /** moodledata on the shared file system. */
  moodledataGb: number;
  /** Database storage in use. */
  databaseGb: number;
  /** Traffic from the site to the internet, per month. */
  egressGb: number;
  /** Traffic through the NAT gateways (updates, outbound calls), per month. */
  natGb: number;
  /** EFS Elastic throughput: data read and written, per month. */
  efsReadGb: number;
  efsWriteGb: number;
  /** Load balancer capacity units used on average. */
  albLcu: number;
  /** Root volume of a web server when the launch template does not size it. */
  webRootVolumeGb: number;
  /** Requests the load balancer receives a month, in millions (a web ACL bills each). */
  requestsMillions: number;
}

export const DEFAULT_USAGE: UsageAssumptions = {
  moodledataGb: 100, databaseGb: 50, egressGb: 200, natGb: 50, efsReadGb: 200, efsWriteGb: 40, albLcu: 1, webRootVolumeGb: 20, requestsMillions: 10,
};

/** The assumptions as sentences, for the report and the picture. */
export function describeUsage(usage: UsageAssumptions): string[] {
  return [
    `moodledata ${usage.moodledataGb} GB on the shared file system; ${usage.efsReadGb} GB read and ${usage.efsWriteGb} GB written a month (Elastic throughput)`,
    `database storage ${usage.databaseGb} GB`,
    `${usage.egressGb} GB a month from the site to the internet; ${usage.natGb} GB a month through NAT`,
    `${usage.albLcu} load balancer capacity unit(s) on average; ${usage.requestsMillions} million requests a month`,
    `web server root volumes ${usage.webRootVolumeGb} GB where the launch template does not say`,
  ];
}
