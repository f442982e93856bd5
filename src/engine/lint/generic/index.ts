import { albSubnets } from './alb-subnets';
import { auroraCluster } from './aurora-cluster';
import { base64Argument } from './base64-argument';
import { cacheClusterMode } from './cache-cluster-mode';
import { cidrHostBits } from './cidr-host-bits';
import { conditionNames } from './condition-names';
import { dependsOnConditions } from './depends-on-conditions';
import type { GenericCheck } from './generic-check';
import { getAttTargets } from './getatt-targets';
import { getAzsArgument } from './get-azs-argument';
import { initFileMode } from './init-file-mode';
import { interfaceMetadata } from './interface-metadata';
import { kmsKeyFormat } from './kms-key-format';
import { listenerCertificates } from './listener-certificates';
import { refTargets } from './ref-targets';
import { requiredProperties } from './required-properties';
import { resourceAttributes } from './resource-attributes';
import { ruleNames } from './rule-names';
import { securityGroupNameAsId } from './security-group-name-as-id';
import { serverlessTransform } from './serverless-transform';
import { subTargets } from './sub-targets';
import { subnetOverlap } from './subnet-overlap';

/** Our generic checks, by cfn-lint id. */
export const genericChecks: GenericCheck[] = [
  getAttTargets, getAzsArgument, subTargets, refTargets, conditionNames,
  dependsOnConditions, serverlessTransform, initFileMode, base64Argument, kmsKeyFormat,
  resourceAttributes, listenerCertificates, albSubnets, subnetOverlap, cacheClusterMode,
  ruleNames, interfaceMetadata, cidrHostBits, securityGroupNameAsId,
  auroraCluster, requiredProperties,
];
