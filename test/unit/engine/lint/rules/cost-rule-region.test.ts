import { strict as assert } from 'node:assert';
import { lintTemplate } from '../../../../../src/engine/lint/lint-template';
import { readFixture } from './lint-text';

/** A Moodle stack with a NAT gateway in each of two zones; linted whole, so the region goes the way the CLI and the editor send it. */
const TWO_NATS = readFixture('MHA9001-nat-gateway-per-az.yaml');

async function natMessage(region?: string): Promise<string> {
  const { findings } = await lintTemplate('stack.yaml', TWO_NATS, { region });
  const found = findings.filter((f) => f.ruleId === 'MHA9001');
  assert.equal(found.length, 1, `one MHA9001 finding, got ${JSON.stringify(findings.map((f) => f.ruleId))}`);
  return found[0].message;
}

describe('cost rules quote the region the template is linted for', () => {
  it('eu-west-2: London\'s NAT gateway price ($0.05/h → $37 a month each), named as such', async () => {
    const message = await natMessage('eu-west-2');
    assert.match(message, /^2 NAT gateways cost about \$73 a month before data \(\$37 each; eu-west-2 on-demand prices of \d{4}-\d\d-\d\d;/);
  });

  it('a region the snapshot does not price: us-east-1\'s figures, and the message says why', async () => {
    const message = await natMessage('sa-east-1');
    assert.match(message, /\(\$33 each; us-east-1 on-demand prices of \d{4}-\d\d-\d\d \(the price snapshot has no figures for sa-east-1\)/);
  });

  it('no region: us-east-1\'s figures, saying no region was given', async () => {
    assert.match(await natMessage(), /us-east-1 on-demand prices of \d{4}-\d\d-\d\d \(no region given for the lint\)/);
  });
});
