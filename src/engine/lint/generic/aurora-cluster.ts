import { entry, isScalar } from '../../template/nodes';
import { alternatives } from './alternatives';
import type { GenericCheck } from './generic-check';

/** DBCluster properties AWS documents as "Multi-AZ DB clusters only": an Aurora cluster refuses them. */
const MULTI_AZ_ONLY = ['AllocatedStorage', 'DBClusterInstanceClass', 'Iops', 'PubliclyAccessible'];
/** The storage types an Aurora cluster takes (standard, I/O-Optimized). */
const AURORA_STORAGE = ['aurora', 'aurora-iopt1'];

/**
 * cfn-lint E3693: an Aurora DB cluster (every engine it can have is aurora-*) takes no Multi-AZ
 * DB cluster settings: storage size, instance class, IOPS and public access belong to its
 * instances or do not apply, and its storage type is `aurora` or `aurora-iopt1`. AWS's validator
 * does not relate the engine to these properties. Reported on the property, as cfn-lint does; an
 * engine that is not a literal on every branch is not judged.
 */
export const auroraCluster: GenericCheck = {
  id: 'E3693',
  severity: 'error',
  description: 'An Aurora DB cluster has no Multi-AZ DB cluster settings.',
  check(model, report) {
    for (const r of model.resourcesOfType('AWS::RDS::DBCluster')) {
      const engines = alternatives(entry(r.properties, 'Engine')?.value);
      if (!engines.length || !engines.every((e) => isScalar(e) && typeof e.value === 'string' && e.value.startsWith('aurora'))) continue;
      const at = [...r.path, 'Properties'];
      for (const key of MULTI_AZ_ONLY) {
        const property = entry(r.properties, key);
        if (property) report({ message: `'${key}' is a Multi-AZ DB cluster setting; an Aurora cluster does not take it (set it on the DB instances where it applies, or remove it).`, range: property.keyRange, path: [...at, key] });
      }
      for (const storage of alternatives(entry(r.properties, 'StorageType')?.value)) {
        if (!isScalar(storage) || typeof storage.value !== 'string' || AURORA_STORAGE.includes(storage.value)) continue;
        report({ message: `StorageType '${storage.value}' is not an Aurora storage type: use ${AURORA_STORAGE.map((s) => `'${s}'`).join(' or ')}.`, range: storage.range, path: [...at, 'StorageType'] });
      }
    }
  },
};
