import { at } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { deriveCode } from './code';
import { deriveDatabase } from './database';
import { deriveLoadBalancer } from './load-balancer';
import { extractMoodleConfig } from './moodle-config';
import { referencedIds } from './references';
import { deriveSessionCache } from './session-cache';
import { deriveSharedStorage } from './storage';
import type { HaTopology, Part, WebTierInfo } from './types';
import { deriveWebTier } from './web-tier';

/** Reads what the template means for Moodle: one derivation for the linter, the replica and the stack view. */
export function deriveTopology(model: TemplateModel): HaTopology {
  const webTier = safely('web tier', () => deriveWebTier(model));
  const web = webTier.found ? webTier : undefined;
  const topology: HaTopology = {
    loadBalancer: safely('load balancer', () => deriveLoadBalancer(model, web?.targetGroupIds ?? [], web?.classicLoadBalancerIds ?? [])),
    webTier,
    sharedStorage: safely('shared storage', () => deriveSharedStorage(model, webTier)),
    database: safely('database', () => deriveDatabase(model, webTier)),
    sessionCache: safely('session cache', () => deriveSessionCache(model, launchReferences(model, webTier))),
    code: safely('code delivery', () => deriveCode(model, webTier)),
  };
  const config = extractMoodleConfig(web ? [web.userData, web.bootstrapMetadata].filter(Boolean).join('\n') : undefined);
  if (config) topology.moodleConfig = config;
  return topology;
}

/**
 * The linter calls this outside the per-rule guard, and templates being edited are half-written:
 * a part that cannot be read is reported missing, with why, instead of stopping the whole lint.
 */
function safely<T>(part: string, derive: () => Part<T>): Part<T> {
  try {
    return derive();
  } catch (error) {
    return { found: false, reason: `The ${part} could not be read from this template: ${(error as Error).message}` };
  }
}

function launchReferences(model: TemplateModel, web: Part<WebTierInfo>): Set<string> {
  const id = web.found ? web.launchTemplateId ?? web.launchConfigurationId : undefined;
  const launch = id ? model.resource(id) : undefined;
  return launch ? referencedIds(at(launch.node, ['Properties'])) : new Set();
}
