import { registerDeferredFeature } from './deferred/deferred-feature';
import { registerLint } from './lint/register-lint';
import { openWalkthroughOnFirstRun } from './project/first-run';
import { registerProjectContext } from './project/project-context';
import type { Services } from './services';

/**
 * Each feature wires its providers, views and listeners here. Linting is in the main bundle;
 * the Stacks and Local Replica features load from their own bundles right after activation.
 */
export const features: Array<(services: Services) => void | Promise<string[]>> = [
  registerLint,
  registerProjectContext,
  openWalkthroughOnFirstRun,
  (services) => registerDeferredFeature(services, 'stacks.js', 'moodleHa.stack.'),
  (services) => registerDeferredFeature(services, 'replica.js', 'moodleHa.replica.'),
];
