import { PRICE_SNAPSHOT, pricesFor } from '../../../cost/price-snapshot';

/**
 * The prices the cost rules quote. The linter has no region of deployment, so they use one
 * reference region and say so; `moodle-ha cost --region` gives the figures for the user's.
 */
export const COST_RULE_REGION = 'us-east-1';
export const costRulePrices = pricesFor(COST_RULE_REGION)!;
export const HOURS_PER_MONTH = 730;

export const pricedAt = `${COST_RULE_REGION} on-demand prices of ${PRICE_SNAPSHOT.date}; 'moodle-ha cost' prices your region`;

export const dollars = (usd: number) => `$${Math.round(usd).toLocaleString('en-US')}`;
