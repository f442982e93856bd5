import { at } from '../../../template/nodes';
import { TemplateValues } from '../../../cost/template-values';
import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';
import { costRulePricing, dollars, HOURS_PER_MONTH } from './cost-figures';

/** Aurora Serverless v2's lowest floor for a cluster that never pauses. */
const SERVERLESS_FLOOR_ACU = 0.5;

export const databaseIdleInHolidays = defineRule({
  id: 'MHA9002',
  name: 'database-idle-in-holidays',
  category: 'cost',
  defaultSeverity: 'info',
  description: 'A web tier that scales down for the school holidays beside a provisioned Aurora cluster that bills the same all year: what Aurora Serverless v2 would cost at its floor.',
  check({ model, topology, region, report }) {
    const web = webTierOf(topology);
    const db = topology.database;
    if (!web || web.scheduledActions.length === 0 || !db.found || db.kind !== 'aurora' || db.serverlessV1) return;
    const values = new TemplateValues(model);
    const instances = model.resourcesOfType('AWS::RDS::DBInstance').filter((r) => values.exists(r) && at(r.properties, ['DBClusterIdentifier']) !== undefined);
    const classes = instances.map((r) => values.text(at(r.properties, ['DBInstanceClass'])));
    if (instances.length === 0 || classes.some((c) => c === 'db.serverless')) return;
    const { prices, pricedAt } = costRulePricing(region);
    const priced = classes.map((c) => (c && Object.hasOwn(prices.aurora, c) ? prices.aurora[c] : undefined));
    if (priced.some((p) => p === undefined)) return; // an unknown or unpriced class: nothing honest to say
    const monthly = priced.reduce((sum: number, p) => sum + (p as number) * HOURS_PER_MONTH, 0);
    const floor = instances.length * SERVERLESS_FLOOR_ACU * prices.auroraServerlessAcuHour * HOURS_PER_MONTH;
    report({
      path: db.path ?? instances[0].path, atKey: true,
      message: `The web tier scales down for the holidays, but ${instances.length} provisioned Aurora instance(s) (${[...new Set(classes)].join(', ')}) bill ${dollars(monthly)} a month all year, in August as in exam week (${pricedAt}). `
        + `Aurora Serverless v2 (DBInstanceClass: db.serverless) at a floor of ${SERVERLESS_FLOOR_ACU} ACU would cost about ${dollars(floor)} a month while the site is quiet, and grows with load; check its maximum ACUs against term-time peaks before switching.`,
    });
  },
});
