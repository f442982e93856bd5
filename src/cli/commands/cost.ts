import * as path from 'node:path';
import { MhaError } from '../../engine/common/errors';
import { drawCostSvg } from '../../engine/cost/draw-cost-svg';
import { estimateCost, type CostEstimate } from '../../engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../engine/cost/price-snapshot';
import { DEFAULT_USAGE, type UsageAssumptions } from '../../engine/cost/usage-assumptions';
import { writePictureFile } from '../../engine/pictures/picture-file';
import { readTemplateFile } from '../../engine/pictures/read-template-file';
import { ExitCode, type CliCommand, type CliContext } from '../cli-command';
import { createPricingClient, withLiveEc2Prices } from '../../engine/cost/price-list-api';
import { templateInstanceTypes } from '../../engine/cost/template-instance-types';
import type { TemplateModel } from '../../engine/template/template-model';
import { describeError } from '../../engine/common/errors';
import { fromIni } from '@aws-sdk/credential-providers';
import { parseCommandArgs } from '../parse-args';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const usage = `Usage: moodle-ha cost <template> [options]

Estimates what a stack costs month by month over a school year: web servers from a replay of its
scheduled actions, everything else by the hour, usage from stated assumptions. Prices come from
the snapshot shipped with this version (${PRICE_SNAPSHOT.date}; regions ${Object.keys(PRICE_SNAPSHOT.regions).join(', ')}).

Options:
  --region R            the region to price (default: the template's region parameter, else eu-west-1)
  --year Y              the calendar year to replay (default: next year)
  --param K=V           a parameter value instead of its Default (repeatable)
  --assume K=N          a usage assumption (repeatable): ${Object.keys(DEFAULT_USAGE).join(', ')}
  --live-prices         read the EC2 instance prices from the AWS Price List API (needs AWS credentials
                        from the environment or --profile; falls back to the snapshot, saying why)
  --profile P           the AWS profile for --live-prices
  --pricing-endpoint URL  another Price List endpoint (a local stand-in) for --live-prices
  --out FILE            also write the picture (.svg or .html)
  --json                the estimate as JSON`;

export const costCommand: CliCommand = {
  name: 'cost',
  summary: 'Estimate a stack\'s monthly cost over a school year (and draw it)',
  usage,
  async run(args, context) {
    const { values, positionals } = parseCommandArgs('cost', args, {
      region: { type: 'string' }, year: { type: 'string' }, param: { type: 'string', multiple: true },
      assume: { type: 'string', multiple: true }, out: { type: 'string' }, json: { type: 'boolean', default: false },
      'live-prices': { type: 'boolean', default: false }, profile: { type: 'string' }, 'pricing-endpoint': { type: 'string' },
    });
    if (positionals.length !== 1) throw new MhaError('usage', 'Name one template.', { nextStep: "e.g. 'moodle-ha cost infra/moodle-ha.yaml'." });
    const year = values.year === undefined ? new Date().getUTCFullYear() + 1 : Number(values.year);
    if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new MhaError('usage', `Bad --year '${values.year}'.`, { nextStep: 'Give a year such as 2027.' });
    const region = (values.region as string | undefined) ?? 'eu-west-1';
    if (!Object.hasOwn(PRICE_SNAPSHOT.regions, region)) throw new MhaError('usage', `No prices for region '${region}'.`, { nextStep: `Use one of ${Object.keys(PRICE_SNAPSHOT.regions).join(', ')}.` });
    const parameters = pairs('param', values.param as string[] | undefined);
    const usageValues: Partial<UsageAssumptions> = {};
    for (const [key, text] of Object.entries(pairs('assume', values.assume as string[] | undefined))) {
      const n = Number(text);
      if (!Object.hasOwn(DEFAULT_USAGE, key)) throw new MhaError('usage', `Unknown assumption '${key}'.`, { nextStep: `Use one of ${Object.keys(DEFAULT_USAGE).join(', ')}.` });
      if (!Number.isFinite(n) || n < 0) throw new MhaError('usage', `--assume ${key} needs a number of 0 or more, not '${text}'.`);
      usageValues[key as keyof UsageAssumptions] = n;
    }
    const model = readTemplateFile(path.resolve(context.cwd, positionals[0]));
    const snapshot = values['live-prices'] ? await livePrices(model, region, parameters, values.profile as string | undefined, values['pricing-endpoint'] as string | undefined, context) : PRICE_SNAPSHOT;
    const estimate = estimateCost(model, { region, year, parameters, usage: usageValues, snapshot });
    if (values.out) writePictureFile(path.resolve(context.cwd, values.out as string), drawCostSvg(estimate), `Capacity and cost ${year}`);
    context.out(values.json ? `${JSON.stringify(estimate, null, 2)}\n` : formatCostText(estimate));
    return ExitCode.ok;
  },
};

function pairs(flag: string, items: string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items ?? []) {
    const at = item.indexOf('=');
    if (at < 1) throw new MhaError('usage', `Bad --${flag} '${item}'.`, { nextStep: `Write it as --${flag} NAME=VALUE.` });
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

function formatCostText(e: CostEstimate): string {
  const money = (n: number) => `$${Math.round(n).toLocaleString('en-US')}`.padStart(9);
  const lines = [
    `${e.region}, ${e.year}: ${money(e.yearTotal).trim()} for the year; ${money(e.byMonth[e.busiestMonth]).trim()} in ${MONTHS[e.busiestMonth]} (busiest), ${money(e.byMonth[e.quietestMonth]).trim()} in ${MONTHS[e.quietestMonth]} (quietest).`,
    `Prices: ${e.prices.source}, ${e.prices.date}.`,
    '',
    `${'service'.padEnd(18)} ${MONTHS[e.busiestMonth].padStart(9)} ${MONTHS[e.quietestMonth].padStart(9)} ${'year'.padStart(9)}  what`,
    ...e.lines.map((l) => `${l.service.padEnd(18)} ${money(l.byMonth[e.busiestMonth])} ${money(l.byMonth[e.quietestMonth])} ${money(l.byMonth.reduce((a, b) => a + b, 0))}  ${l.what}`),
    '',
    'Assumptions:', ...e.assumptions.map((a) => `  - ${a}`),
    ...(e.notPriced.length ? ['Not in the estimate:', ...e.notPriced.map((n) => `  - ${n.logicalId}: ${n.why}`)] : []),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * The snapshot with the template's EC2 prices read live. Credentials come from the environment or a
 * named profile only (never the instance metadata service); any failure falls back to the snapshot,
 * said on stderr.
 */
async function livePrices(model: TemplateModel, region: string, parameters: Record<string, string>, profile: string | undefined, endpoint: string | undefined, context: CliContext) {
  const env = context.env;
  const fromEnvironment = env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY
    ? async () => ({ accessKeyId: env.AWS_ACCESS_KEY_ID!, secretAccessKey: env.AWS_SECRET_ACCESS_KEY!, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) })
    : undefined;
  const credentials = profile ? fromIni({ profile }) : fromEnvironment ?? (env.AWS_PROFILE ? fromIni({ profile: env.AWS_PROFILE }) : undefined);
  if (!credentials) {
    context.err(`No AWS credentials in the environment and no --profile: prices are the snapshot's of ${PRICE_SNAPSHOT.date}.\n`);
    return PRICE_SNAPSHOT;
  }
  try {
    return await withLiveEc2Prices(createPricingClient(credentials, endpoint), PRICE_SNAPSHOT, { region, instanceTypes: templateInstanceTypes(model, region, parameters), signal: context.signal });
  } catch (error) {
    if (context.signal.aborted) throw error;
    context.err(`The Price List API did not answer (${describeError(error)}): prices are the snapshot's of ${PRICE_SNAPSHOT.date}.\n`);
    return PRICE_SNAPSHOT;
  }
}
