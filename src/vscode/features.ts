import { registerLint } from './lint/register-lint';
import type { Services } from './services';
import { registerStacks } from './deploy/stack-feature';
import { registerReplica } from './sim/replica-feature';

/**
 * Each feature (lint, scaffold, replica, stacks…) wires its providers, views and listeners here.
 * Keep each register function cheap: heavy work starts lazily, after activation.
 */
export const features: Array<(services: Services) => void> = [
  registerLint,
  registerStacks,
  registerReplica,
];
