import { PRICE_SNAPSHOT, pricesFor, type RegionPrices } from '../../../cost/price-snapshot';

/** The region the cost rules quote when the lint names none, or one the snapshot does not price. */
export const COST_RULE_FALLBACK_REGION = 'us-east-1';
export const HOURS_PER_MONTH = 730;

export interface CostRulePricing {
  prices: RegionPrices;
  /** Where the figures come from, in words, for the finding's message. */
  pricedAt: string;
}

/**
 * The prices a cost rule quotes: those of the region the template is linted for (`lint --region`,
 * moodleHa.lint.region), so a school in eu-west-2 reads London's figures. Without a region, or
 * with one the snapshot has no prices for, us-east-1's, and the message says which and why.
 */
export function costRulePricing(region: string | undefined): CostRulePricing {
  const own = region ? pricesFor(region) : undefined;
  const used = own ? region! : COST_RULE_FALLBACK_REGION;
  const why = own ? '' : region ? ` (the price snapshot has no figures for ${region})` : ' (no region given for the lint)';
  return {
    prices: own ?? pricesFor(COST_RULE_FALLBACK_REGION)!,
    pricedAt: `${used} on-demand prices of ${PRICE_SNAPSHOT.date}${why}; 'moodle-ha cost' prices the whole stack`,
  };
}

export const dollars = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;
