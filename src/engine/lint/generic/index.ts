import { conditionNames } from './condition-names';
import type { GenericCheck } from './generic-check';
import { getAttTargets } from './getatt-targets';
import { getAzsArgument } from './get-azs-argument';
import { refTargets } from './ref-targets';
import { subTargets } from './sub-targets';

/** Our generic checks, by cfn-lint id. */
export const genericChecks: GenericCheck[] = [getAttTargets, getAzsArgument, subTargets, refTargets, conditionNames];
