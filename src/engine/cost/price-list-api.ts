import { GetProductsCommand, PricingClient, type Filter } from '@aws-sdk/client-pricing';
import type { AwsCredentialIdentityProvider } from '@smithy/types';
import type { PriceSnapshot, RegionPrices } from './price-snapshot';

/** The Price List API answers from us-east-1 (also eu-central-1, ap-south-1), whatever region is priced. */
export const PRICING_REGION = 'us-east-1';

export interface LivePriceRequest {
  /** The region whose prices are wanted (the stack's). */
  region: string;
  /** EC2 instance types the template runs. */
  instanceTypes: string[];
  signal?: AbortSignal;
}

/**
 * The snapshot's prices for one region with the EC2 instance prices the template needs read from
 * the AWS Price List API (GetProducts, on-demand, Linux, shared tenancy). The picture's source says
 * which figures are live and which come from the snapshot, and the date of each.
 */
export async function withLiveEc2Prices(pricing: PricingClient, snapshot: PriceSnapshot, request: LivePriceRequest, today = new Date()): Promise<PriceSnapshot> {
  const base = snapshot.regions[request.region];
  if (!base) throw new RangeError(`No prices for region '${request.region}': the snapshot has ${Object.keys(snapshot.regions).join(', ')}.`);
  const ec2: Record<string, number> = { ...base.ec2 };
  const live: string[] = [];
  for (const type of [...new Set(request.instanceTypes)].sort()) {
    const price = await ec2OnDemandHourly(pricing, request.region, type, request.signal);
    if (price !== undefined) { ec2[type] = price; live.push(type); }
  }
  const date = today.toISOString().slice(0, 10);
  const region: RegionPrices = { ...base, ec2 };
  return {
    // Nothing read live: the prices are the snapshot's, and so is their date.
    date: live.length ? date : snapshot.date,
    source: live.length
      ? `AWS Price List API on ${date} for EC2 (${live.join(', ')}); everything else from the ${snapshot.source} of ${snapshot.date}`
      : `${snapshot.source} (the Price List API had no price for ${request.instanceTypes.join(', ') || 'these instance types'})`,
    regions: { [request.region]: region },
  };
}

/** One instance type's on-demand hourly price in USD, or undefined when the Price List has none. */
export async function ec2OnDemandHourly(pricing: PricingClient, region: string, instanceType: string, signal?: AbortSignal): Promise<number | undefined> {
  const term = (Field: string, Value: string): Filter => ({ Type: 'TERM_MATCH', Field, Value });
  let token: string | undefined;
  do {
    const page = await pricing.send(new GetProductsCommand({
      ServiceCode: 'AmazonEC2',
      FormatVersion: 'aws_v1',
      Filters: [term('regionCode', region), term('instanceType', instanceType), term('operatingSystem', 'Linux'), term('tenancy', 'Shared'), term('preInstalledSw', 'NA'), term('capacitystatus', 'Used')],
      MaxResults: 20,
      NextToken: token,
    }), { abortSignal: signal });
    for (const item of page.PriceList ?? []) {
      const price = onDemandUsdPerHour(typeof item === 'string' ? item : String(item));
      if (price !== undefined) return price;
    }
    token = page.NextToken;
  } while (token);
  return undefined;
}

/** A price list item (a JSON document per product) → its on-demand price per hour, if it has exactly one. */
function onDemandUsdPerHour(item: string): number | undefined {
  let doc: { terms?: { OnDemand?: Record<string, { priceDimensions?: Record<string, { unit?: string; pricePerUnit?: { USD?: string } }> }> } };
  try { doc = JSON.parse(item); } catch { return undefined; }
  const dimensions = Object.values(doc.terms?.OnDemand ?? {}).flatMap((t) => Object.values(t.priceDimensions ?? {})).filter((d) => d.unit === 'Hrs');
  const prices = dimensions.map((d) => Number(d.pricePerUnit?.USD)).filter((p) => Number.isFinite(p) && p > 0);
  return prices.length === 1 ? prices[0] : undefined;
}

/** A Pricing client for the Price List API; endpoint for tests (a local stand-in). */
export function createPricingClient(credentials: AwsCredentialIdentityProvider | undefined, endpoint?: string): PricingClient {
  return new PricingClient({ region: PRICING_REGION, credentials, endpoint, maxAttempts: 3 });
}
