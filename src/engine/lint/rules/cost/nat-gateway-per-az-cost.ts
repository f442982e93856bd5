import { TemplateValues } from '../../../cost/template-values';
import { defineRule } from '../../rule';
import { webTierOf } from '../helpers';
import { costRulePricing, dollars, HOURS_PER_MONTH } from './cost-figures';

export const natGatewayPerAzCost = defineRule({
  id: 'MHA9001',
  name: 'nat-gateway-per-az-cost',
  category: 'cost',
  defaultSeverity: 'info',
  description: 'What a NAT gateway in every availability zone costs a Moodle stack each month, against one shared gateway and what that trades away.',
  check({ model, topology, region, report }) {
    if (!webTierOf(topology)) return;
    const values = new TemplateValues(model);
    const nats = model.resourcesOfType('AWS::EC2::NatGateway').filter((r) => values.exists(r));
    if (nats.length < 2) return;
    const { prices, pricedAt } = costRulePricing(region);
    const each = prices.natGatewayHour * HOURS_PER_MONTH;
    report({
      path: nats[0].path, atKey: true,
      message: `${nats.length} NAT gateways cost about ${dollars(each * nats.length)} a month before data (${dollars(each)} each; ${pricedAt}). `
        + `One gateway shared by every zone costs ${dollars(each)}, but while its zone is down the web servers in the others lose outbound traffic (package updates, mail, the CodeDeploy agent), `
        + 'and new servers there cannot boot if they install packages at boot. Keep one per zone for production; one is a fair saving for a test stack.',
    });
  },
});
