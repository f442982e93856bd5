import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/run-cli';
import { createPricingClient, withLiveEc2Prices } from '../../../src/engine/cost/price-list-api';
import { estimateCost } from '../../../src/engine/cost/estimate-cost';
import { PRICE_SNAPSHOT } from '../../../src/engine/cost/price-snapshot';
import { TemplateModel } from '../../../src/engine/template/template-model';
import { ScriptedError, startScriptedEndpoint, type ScriptedEndpoint } from '../../support/scripted-endpoint';

/**
 * Neither moto nor anything that runs locally serves the AWS Price List API, and no AWS account is
 * reachable: this is a fake GetProducts on 127.0.0.1, driven by the real @aws-sdk/client-pricing.
 * It is as strict as the real API about the request: ServiceCode required and known, each filter a
 * Type of the API's five with a Field and a Value, MaxResults 1–100; it answers PriceList as JSON
 * strings (one document per product, on-demand terms with USD per hour) and pages with NextToken.
 */
const FILTER_TYPES = ['TERM_MATCH', 'EQUALS', 'CONTAINS', 'ANY_OF', 'NONE_OF'];
interface Product { attributes: Record<string, string>; usdPerHour: string }
const linux = (regionCode: string, instanceType: string, usdPerHour: string, extra: Record<string, string> = {}): Product => ({
  attributes: { regionCode, instanceType, operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used', ...extra }, usdPerHour,
});

function fakeGetProducts(products: Product[]) {
  return (action: string, params: Record<string, unknown>) => {
    if (action !== 'GetProducts') throw new ScriptedError('InvalidAction', `${action} is not GetProducts`);
    if (typeof params.ServiceCode !== 'string' || !params.ServiceCode) throw new ScriptedError('ValidationException', 'ServiceCode is required');
    if (params.ServiceCode !== 'AmazonEC2') throw new ScriptedError('NotFoundException', `Service ${params.ServiceCode} not found`);
    const max = params.MaxResults === undefined ? 100 : Number(params.MaxResults);
    if (!Number.isInteger(max) || max < 1 || max > 100) throw new ScriptedError('ValidationException', 'MaxResults must be between 1 and 100');
    const filters = (params.Filters ?? []) as Array<{ Type?: string; Field?: string; Value?: string }>;
    for (const f of filters) {
      if (!f.Type || !FILTER_TYPES.includes(f.Type)) throw new ScriptedError('ValidationException', `1 validation error detected: Value '${f.Type}' at 'filters.member.type' failed to satisfy constraint: Member must satisfy enum value set: [${FILTER_TYPES.join(', ')}]`);
      if (!f.Field || f.Value === undefined) throw new ScriptedError('ValidationException', 'A filter needs a Field and a Value');
    }
    const matches = (p: Product) => filters.every((f) => {
      const v = p.attributes[f.Field!] ?? '';
      const list = f.Value!.split(',');
      switch (f.Type) {
        case 'TERM_MATCH': case 'EQUALS': return v === f.Value;
        case 'CONTAINS': return v.includes(f.Value!);
        case 'ANY_OF': return list.includes(v);
        default: return !list.includes(v);
      }
    });
    const all = products.filter(matches);
    const from = Number(params.NextToken ?? 0);
    const page = all.slice(from, from + max);
    return {
      FormatVersion: 'aws_v1',
      PriceList: page.map((p, i) => JSON.stringify({
        product: { productFamily: 'Compute Instance', attributes: p.attributes, sku: `SKU${from + i}` },
        serviceCode: 'AmazonEC2',
        terms: { OnDemand: { [`SKU${from + i}.JRTCKXETXF`]: { priceDimensions: { [`SKU${from + i}.JRTCKXETXF.6YS6EN2CT7`]: { unit: 'Hrs', pricePerUnit: { USD: p.usdPerHour }, description: 'per On Demand Linux instance hour' } } } } },
      })),
      NextToken: from + max < all.length ? String(from + max) : undefined,
    };
  };
}

const TEMPLATE = `Resources:
  Web:
    Type: AWS::AutoScaling::AutoScalingGroup
    Properties: { MinSize: '2', MaxSize: '2', DesiredCapacity: '2', LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: '1' } }
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties: { LaunchTemplateData: { InstanceType: t3.large } }
`;

describe('cost: prices from the AWS Price List API (a fake GetProducts on 127.0.0.1; nothing local serves Pricing)', function () {
  this.timeout(30_000);
  let endpoint: ScriptedEndpoint;
  afterEach(() => endpoint?.stop());
  const credentials = async () => ({ accessKeyId: 'a', secretAccessKey: 'b' });

  it('asks for AmazonEC2 with TERM_MATCH filters, takes the on-demand hourly price, and says which prices are live and their date', async () => {
    endpoint = await startScriptedEndpoint(fakeGetProducts([
      linux('eu-west-1', 't3.large', '0.1000000000'),
      linux('eu-west-1', 't3.large', '0.2000000000', { tenancy: 'Dedicated' }),
      linux('eu-west-1', 't3.large', '0.3000000000', { operatingSystem: 'Windows' }),
      linux('us-east-1', 't3.large', '0.0832000000'),
    ]));
    const prices = await withLiveEc2Prices(createPricingClient(credentials, endpoint.endpoint), PRICE_SNAPSHOT, { region: 'eu-west-1', instanceTypes: ['t3.large'] }, new Date('2026-12-01T12:00:00Z'));
    const call = endpoint.callsTo('GetProducts')[0].params as { ServiceCode: string; Filters: Array<{ Type: string; Field: string; Value: string }> };
    assert.equal(call.ServiceCode, 'AmazonEC2');
    assert.ok(call.Filters.every((f) => f.Type === 'TERM_MATCH'));
    assert.deepEqual(Object.fromEntries(call.Filters.map((f) => [f.Field, f.Value])), { regionCode: 'eu-west-1', instanceType: 't3.large', operatingSystem: 'Linux', tenancy: 'Shared', preInstalledSw: 'NA', capacitystatus: 'Used' });
    assert.equal(prices.regions['eu-west-1'].ec2['t3.large'], 0.1);
    assert.equal(prices.date, '2026-12-01');
    assert.match(prices.source, /^AWS Price List API on 2026-12-01 for EC2 \(t3\.large\); everything else from the bundled snapshot .* of 2026-12-01$/);

    const estimate = estimateCost(TemplateModel.parse('t.yaml', TEMPLATE), { region: 'eu-west-1', year: 2027, snapshot: prices });
    const ec2 = estimate.lines.find((l) => l.service === 'EC2')!;
    assert.ok(Math.abs(ec2.byMonth[0] - 2 * 744 * 0.1) < 1e-6, `${ec2.byMonth[0]} = 2 nodes × 744 h × $0.10`);
    assert.equal(estimate.prices.source, prices.source, 'the picture says where the prices came from');
  });

  it('a type the Price List has no product for keeps the snapshot\'s price, and the source says so', async () => {
    endpoint = await startScriptedEndpoint(fakeGetProducts([]));
    const prices = await withLiveEc2Prices(createPricingClient(credentials, endpoint.endpoint), PRICE_SNAPSHOT, { region: 'eu-west-1', instanceTypes: ['t3.large'] }, new Date('2027-03-01T00:00:00Z'));
    assert.equal(prices.regions['eu-west-1'].ec2['t3.large'], PRICE_SNAPSHOT.regions['eu-west-1'].ec2['t3.large']);
    assert.match(prices.source, /^bundled snapshot .*\(the Price List API had no price for t3\.large\)$/);
    assert.equal(prices.date, PRICE_SNAPSHOT.date, 'the snapshot\'s date, not the day asked');
  });

  it('the fake refuses what the real API refuses (so the engine\'s request shape is checked)', async () => {
    endpoint = await startScriptedEndpoint(fakeGetProducts([]));
    const { GetProductsCommand } = await import('@aws-sdk/client-pricing');
    const client = createPricingClient(credentials, endpoint.endpoint);
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', Filters: [{ Type: 'MATCH' as never, Field: 'instanceType', Value: 't3.large' }] })), /enum value set/);
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonEC2', MaxResults: 500 })), /MaxResults/);
    await assert.rejects(client.send(new GetProductsCommand({ ServiceCode: 'AmazonEKS2' })), /not found/);
  });

  it('moodle-ha cost --live-prices prices with the API when credentials are present, and falls back to the snapshot, saying why', async () => {
    endpoint = await startScriptedEndpoint(fakeGetProducts([linux('eu-west-1', 't3.large', '0.1000000000')]));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mha-live-prices-'));
    try {
      fs.writeFileSync(path.join(dir, 't.yaml'), TEMPLATE);
      const cli = async (env: NodeJS.ProcessEnv, ...argv: string[]) => {
        let out = '', err = '';
        const code = await runCli(argv, { out: (t) => { out += t; }, err: (t) => { err += t; }, cwd: dir, env, signal: new AbortController().signal });
        return { code, out, err };
      };
      const args = ['cost', 't.yaml', '--region', 'eu-west-1', '--year', '2027', '--live-prices', '--pricing-endpoint', endpoint.endpoint];
      const live = await cli({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, ...args);
      assert.equal(live.code, 0, live.err);
      assert.equal(live.err, '', 'nothing fell back');
      assert.match(live.out, /Prices: AWS Price List API on \d{4}-\d\d-\d\d for EC2 \(t3\.large\)/);
      assert.match(live.out, /EC2 +\$149 /, '2 × 744 h × $0.10 in the busiest month');
      const none = await cli({}, ...args);
      assert.equal(none.code, 0, none.err);
      assert.match(none.err, /No AWS credentials in the environment and no --profile: prices are the snapshot's of \d{4}-\d\d-\d\d/);
      assert.match(none.out, /Prices: bundled snapshot/);
      await endpoint.stop();
      const down = await cli({ AWS_ACCESS_KEY_ID: 'a', AWS_SECRET_ACCESS_KEY: 'b' }, ...args);
      assert.equal(down.code, 0, down.err);
      assert.match(down.err, /The Price List API did not answer .*: prices are the snapshot's/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
