import { toPlain } from '../../../template/nodes';
import { defineRule } from '../../rule';
import { propertyPath } from '../helpers';

interface Statement { Effect?: unknown; Action?: unknown; Condition?: Record<string, Record<string, unknown>> }

/** A Deny of every client action (or all actions) when aws:SecureTransport is false. */
function deniesPlainNfs(policy: unknown): boolean {
  const raw = (policy as { Statement?: unknown } | undefined)?.Statement;
  const statements = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Statement[];
  return statements.some((s) => {
    if (s?.Effect !== 'Deny') return false;
    const actions = (Array.isArray(s.Action) ? s.Action : [s.Action]).map(String);
    const coversClients = actions.some((a) => a === '*' || a === 'elasticfilesystem:*')
      || ['ClientMount', 'ClientWrite'].every((a) => actions.includes(`elasticfilesystem:${a}`));
    const secure = s.Condition?.Bool?.['aws:SecureTransport'];
    return coversClients && String(secure).toLowerCase() === 'false';
  });
}

export const efsTlsOnly = defineRule({
  id: 'MHA2007',
  name: 'efs-tls-only',
  category: 'storage',
  defaultSeverity: 'warning',
  description: "moodledata's EFS refuses clients without TLS (a FileSystemPolicy that denies aws:SecureTransport false), so no web server can mount it in clear.",
  check({ model, topology, report }) {
    const storage = topology.sharedStorage;
    if (!storage.found || storage.kind !== 'efs' || !storage.path) return;
    const policyPath = propertyPath(storage.path, 'FileSystemPolicy');
    const policy = toPlain(model.get(policyPath));
    if (deniesPlainNfs(policy)) return;
    report({
      path: policy ? policyPath : storage.path, atKey: true,
      message: `File system ${storage.logicalId} accepts plain NFS: ${policy ? 'its FileSystemPolicy has no Deny for aws:SecureTransport false' : 'it has no FileSystemPolicy'}, so a web server mounted without the tls option sends student files and backups across the VPC in clear. Add a FileSystemPolicy statement { Effect: Deny, Principal: { AWS: '*' }, Action: '*', Condition: { Bool: { aws:SecureTransport: 'false' } } } (with an Allow of ClientMount/ClientWrite/ClientRootAccess through mount targets, since a policy replaces the default one), and mount with amazon-efs-utils' tls option.`,
    });
  },
});
