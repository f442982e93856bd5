import { asNumber, asString, at, entry, isMap, isSeq, type TNode } from '../template/nodes';
import type { ResourceView, TemplateModel } from '../template/template-model';
import { referencedIds, refTarget } from './references';
import type { CloudFrontOrigin, Known, ListenerInfo, LoadBalancerInfo, Part, TargetGroupInfo } from './types';

const ELBV2 = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLASSIC = 'AWS::ElasticLoadBalancing::LoadBalancer';
const LISTENER = 'AWS::ElasticLoadBalancingV2::Listener';
const LISTENER_RULE = 'AWS::ElasticLoadBalancingV2::ListenerRule';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';

/**
 * The load balancer in front of Moodle. With several, the one whose target groups the web tier
 * registers in wins (`webTargetGroupIds`), so an internal NLB does not hide the public ALB.
 */
export function deriveLoadBalancer(model: TemplateModel, webTargetGroupIds: string[], webClassicIds: string[]): Part<LoadBalancerInfo> {
  const v2 = model.resourcesOfType(ELBV2).map((lb) => readElbV2(model, lb));
  const preferred = v2.find((lb) => lb.targetGroupIds.some((tg) => webTargetGroupIds.includes(tg))) ?? v2[0];
  const classic = model.resourcesOfType(CLASSIC);
  const classicPreferred = classic.find((lb) => webClassicIds.includes(lb.logicalId));
  if (classicPreferred && !preferred?.targetGroupIds.some((tg) => webTargetGroupIds.includes(tg))) return { found: true, ...readClassic(classicPreferred) };
  if (preferred) return { found: true, ...preferred };
  if (classic[0]) return { found: true, ...readClassic(classic[0]) };
  return { found: false, reason: 'No AWS::ElasticLoadBalancingV2::LoadBalancer or AWS::ElasticLoadBalancing::LoadBalancer in Resources.' };
}

function readElbV2(model: TemplateModel, lb: ResourceView): LoadBalancerInfo {
  const type = asString(at(lb.properties, ['Type'])) ?? 'application';
  const kind = type === 'network' ? 'network' : type === 'gateway' ? 'gateway' : 'application';
  const listeners = model.resourcesOfType(LISTENER).filter((l) => refTarget(at(l.properties, ['LoadBalancerArn'])) === lb.logicalId);
  const listenerIds = new Set(listeners.map((l) => l.logicalId));
  const rules = model.resourcesOfType(LISTENER_RULE).filter((r) => listenerIds.has(refTarget(at(r.properties, ['ListenerArn'])) ?? ''));
  const mentioned = new Set<string>();
  for (const r of [...listeners, ...rules]) referencedIds(at(r.properties, r.type === LISTENER ? ['DefaultActions'] : ['Actions']), mentioned);
  const targetGroups = model.resourcesOfType(TARGET_GROUP).filter((tg) => mentioned.has(tg.logicalId));
  return {
    logicalId: lb.logicalId,
    kind,
    scheme: scheme(at(lb.properties, ['Scheme'])),
    listeners: listeners.map(readListener),
    cloudFrontOrigins: cloudFrontOriginsOf(model, (node) => refTarget(node) === lb.logicalId),
    targetGroupIds: targetGroups.map((tg) => tg.logicalId),
    path: lb.path,
    targetGroups: targetGroups.map(readTargetGroup),
  };
}

function scheme(node: TNode | undefined): Known<'internet-facing' | 'internal'> {
  if (!node) return 'internet-facing';
  const v = asString(node);
  return v === 'internal' || v === 'internet-facing' ? v : 'unknown';
}

function readListener(l: ResourceView): ListenerInfo {
  const port = at(l.properties, ['Port']);
  const protocol = at(l.properties, ['Protocol']);
  const actions = at(l.properties, ['DefaultActions']);
  return {
    logicalId: l.logicalId,
    port: asNumber(port) ?? 'unknown',
    protocol: asString(protocol)?.toUpperCase() ?? 'unknown',
    redirectsToHttps: isSeq(actions) && actions.items.some(isHttpsRedirect),
    path: l.path,
    defaultActionsPath: [...l.path, 'Properties', 'DefaultActions'],
    condition: asString(entry(l.node, 'Condition')?.value),
  };
}

function isHttpsRedirect(action: TNode): boolean {
  return asString(at(action, ['Type']))?.toLowerCase() === 'redirect'
    && (asString(at(action, ['RedirectConfig', 'Protocol'])) ?? '').toUpperCase() === 'HTTPS';
}

function readTargetGroup(tg: ResourceView): TargetGroupInfo {
  return { logicalId: tg.logicalId, stickiness: stickiness(at(tg.properties, ['TargetGroupAttributes'])), path: tg.path };
}

/** `stickiness.enabled` among the target group attributes; absent means off. */
function stickiness(attributes: TNode | undefined): Known<boolean> {
  if (!attributes) return false;
  if (!isSeq(attributes)) return 'unknown';
  for (const a of attributes.items) {
    if (asString(at(a, ['Key'])) !== 'stickiness.enabled') continue;
    const v = asString(at(a, ['Value']));
    return v === undefined ? 'unknown' : /^true$/i.test(v);
  }
  return false;
}

function readClassic(lb: ResourceView): LoadBalancerInfo {
  const listeners = at(lb.properties, ['Listeners']);
  const infos: ListenerInfo[] = isSeq(listeners) ? listeners.items.map((l, i) => ({
    logicalId: `${lb.logicalId}.Listeners[${i}]`,
    port: asNumber(at(l, ['LoadBalancerPort'])) ?? 'unknown',
    protocol: asString(at(l, ['Protocol']))?.toUpperCase() ?? 'unknown',
    // A classic ELB cannot redirect; only an ALB can send HTTP to HTTPS.
    redirectsToHttps: false,
    path: [...lb.path, 'Properties', 'Listeners', i],
  })) : [];
  const props = lb.properties;
  const classicStickiness = !!(entry(props, 'LBCookieStickinessPolicy') || entry(props, 'AppCookieStickinessPolicy'));
  return {
    logicalId: lb.logicalId,
    kind: 'classic',
    scheme: scheme(at(props, ['Scheme'])),
    listeners: infos,
    targetGroupIds: [],
    path: lb.path,
    targetGroups: [],
    classicStickiness: isMap(props) ? classicStickiness : false,
  };
}

/**
 * CloudFront distributions with an origin whose DomainName `isOrigin` accepts (a GetAtt of the
 * load balancer's DNSName here; a parameter carrying it in a nested stack).
 */
export function cloudFrontOriginsOf(model: TemplateModel, isOrigin: (domainName: TNode | undefined) => boolean, file?: string, conditions: string[] = []): CloudFrontOrigin[] {
  const out: CloudFrontOrigin[] = [];
  for (const d of model.resourcesOfType('AWS::CloudFront::Distribution')) {
    const config = at(d.properties, ['DistributionConfig']);
    const origins = at(config, ['Origins']);
    if (!isSeq(origins)) continue;
    const viewer = asString(at(config, ['DefaultCacheBehavior', 'ViewerProtocolPolicy']));
    const condition = asString(entry(d.node, 'Condition')?.value);
    for (const o of origins.items) {
      if (!isOrigin(at(o, ['DomainName']))) continue;
      const protocol = at(o, ['CustomOriginConfig', 'OriginProtocolPolicy']);
      out.push({
        distributionId: d.logicalId,
        ...(file ? { file } : {}),
        originProtocol: protocol ? asString(protocol) ?? 'unknown' : 'unknown',
        viewerHttps: viewer === undefined ? (at(config, ['DefaultCacheBehavior', 'ViewerProtocolPolicy']) ? 'unknown' : false) : viewer === 'redirect-to-https' || viewer === 'https-only',
        conditions: [...conditions, ...(condition ? [condition] : [])],
      });
    }
  }
  return out;
}
