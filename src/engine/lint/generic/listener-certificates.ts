import { entry, intrinsicName, isMap, isScalar, isSeq, type TNode } from '../../template/nodes';
import { alternatives } from './alternatives';
import type { GenericCheck } from './generic-check';

const NEEDS_CERTIFICATE = new Set(['HTTPS', 'TLS']);

/**
 * cfn-lint E3676: an ELBv2 listener on HTTPS or TLS needs a certificate. `Certificates` under an
 * !If whose other branch is AWS::NoValue leaves the listener without one whenever the condition is
 * false, so that branch is reported too (on the Certificates key).
 */
export const listenerCertificates: GenericCheck = {
  id: 'E3676',
  severity: 'error',
  description: 'An HTTPS or TLS listener has a certificate.',
  check(model, report) {
    for (const r of model.resourcesOfType('AWS::ElasticLoadBalancingV2::Listener')) {
      const protocol = entry(r.properties, 'Protocol')?.value;
      if (!isScalar(protocol) || !NEEDS_CERTIFICATE.has(String(protocol.value))) continue;
      const certificates = entry(r.properties, 'Certificates');
      const missing = !certificates || alternatives(certificates.value).some((v) => (isSeq(v) && v.items.length === 0) || isNoValue(v));
      if (!missing) continue;
      report({
        message: `Listener '${r.logicalId}' uses ${String(protocol.value)} but ${certificates ? 'has no certificate on one branch of its Certificates' : 'has no Certificates'}.`,
        range: certificates ? certificates.keyRange : r.keyRange, path: [...r.path, 'Properties', 'Certificates'],
      });
    }
  },
};

function isNoValue(v: TNode): boolean {
  return intrinsicName(v) === 'Ref' && isMap(v) && isScalar(v.entries[0].value) && v.entries[0].value.value === 'AWS::NoValue';
}
