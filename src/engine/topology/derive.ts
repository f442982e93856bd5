import { at } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';
import { deriveCode } from './code';
import { deriveDatabase } from './database';
import { deriveLoadBalancer } from './load-balancer';
import { extractMoodleConfig } from './moodle-config';
import { referencedIds } from './references';
import { cacheStoresOf, deriveSessionCache } from './session-cache';
import { deriveSharedStorage } from './storage';
import { decideMoodleStack } from './moodle-evidence';
import { displayName, loadStackFamily } from './stack-family/family';
import { fileOfUri } from './stack-family/template-files';
import { bundleConfigOf } from './stack-family/bundle-config';
import { bundleHooksOf } from './stack-family/bundle-hooks';
import { moodleConfigFromElsewhere } from './stack-family/family-config';
import { cacheStoresInStack, cloudFrontOriginsFromElsewhere, groupsDeployedFromElsewhere, otherTemplates } from './stack-family/family-facts';
import type { TemplateFiles } from './stack-family/template-files';
import type { HaTopology, Part, PartName, WebTierInfo } from './types';
import { deriveWebTier } from './web-tier';

export interface DeriveOptions {
  /** Reads the stack's other templates (parent, nested stacks); without it the template stands alone. */
  files?: TemplateFiles;
}

/** Reads what the template means for Moodle: one derivation for the linter, the replica and the stack view. */
export function deriveTopology(model: TemplateModel, options: DeriveOptions = {}): HaTopology {
  const family = options.files ? safelyLoad(() => loadStackFamily(model, options.files!)) : undefined;
  const deployedElsewhere = family ? groupsDeployedFromElsewhere(family) : new Map<string, string>();
  const webTier = safely('web tier', () => deriveWebTier(model, { deployedToFromElsewhere: new Set(deployedElsewhere.keys()) }));
  const web = webTier.found ? webTier : undefined;
  if (web && deployedElsewhere.has(web.asgLogicalId)) web.deployedFromStack = deployedElsewhere.get(web.asgLogicalId);
  const topology: HaTopology = {
    loadBalancer: safely('load balancer', () => deriveLoadBalancer(model, web?.targetGroupIds ?? [], web?.classicLoadBalancerIds ?? [])),
    webTier,
    sharedStorage: safely('shared storage', () => deriveSharedStorage(model, webTier)),
    database: safely('database', () => deriveDatabase(model, webTier)),
    sessionCache: safely('session cache', () => deriveSessionCache(model, launchReferences(model, webTier))),
    code: safely('code delivery', () => deriveCode(model, webTier)),
  };
  const config = extractMoodleConfig(web ? [web.userData, web.bootstrapText].filter(Boolean).join('\n') : undefined);
  if (config) topology.moodleConfig = config;
  topology.cacheStores = (family && safelyLoad(() => cacheStoresInStack(family, options.files!))) ?? cacheStoresOf(model).length;
  const others = family ? otherTemplates(family) : [];
  topology.moodleStack = decideMoodleStack(model, others);
  if (family) {
    topology.stackFamily = { root: displayName(family, family.root.file), templates: others.map((o) => o.file) };
    topology.elsewhere = partsElsewhere(topology, others);
    if (topology.loadBalancer.found) {
      const lb = topology.loadBalancer;
      lb.cloudFrontOrigins = [...(lb.cloudFrontOrigins ?? []), ...cloudFrontOriginsFromElsewhere(family, lb.logicalId)];
    }
    // A web tier that gets its code by deployment also gets the config.php that travels with it.
    const deployed = web && (web.deployedFromStack !== undefined || topology.code.found || topology.elsewhere?.code);
    if (!config && deployed) {
      const borrowed = moodleConfigFromElsewhere(family);
      if (borrowed) {
        topology.moodleConfig = borrowed.config;
        topology.moodleConfigWrittenBy = borrowed.file;
      }
    }
  }
  if (web && topology.code.found && options.files) readProjectBundle(topology, fileOfUri(model.uri), options.files);
  return topology;
}

/**
 * The scaffold's layout: CodeDeploy delivers the bundle beside the template with the code, its hooks
 * run on every server, and config.php is rendered on each from the bundle's template (when the
 * template and its stack write none).
 */
function readProjectBundle(topology: HaTopology, templateFile: string, files: TemplateFiles): void {
  const hooks = safelyLoad(() => bundleHooksOf(templateFile, files));
  if (hooks?.length) topology.bundleHooks = hooks;
  if (topology.moodleConfig) return;
  const bundled = safelyLoad(() => bundleConfigOf(templateFile, files));
  if (bundled) {
    topology.moodleConfig = bundled.config;
    topology.moodleConfigWrittenBy = bundled.file;
  }
}

const PARTS: PartName[] = ['loadBalancer', 'webTier', 'sharedStorage', 'database', 'sessionCache', 'code'];
const memberTopologies = new WeakMap<TemplateModel, HaTopology>();

/** For each part missing here, the first other template of the stack that has it. */
function partsElsewhere(topology: HaTopology, others: Array<{ file: string; model: TemplateModel; condition?: string }>): HaTopology['elsewhere'] {
  const out: NonNullable<HaTopology['elsewhere']> = {};
  for (const other of others) {
    let theirs = memberTopologies.get(other.model);
    if (!theirs) memberTopologies.set(other.model, theirs = deriveTopology(other.model));
    for (const part of PARTS) {
      if (topology[part].found || out[part] || !theirs[part].found) continue;
      out[part] = { file: other.file, ...partId(theirs, part), ...(other.condition ? { condition: other.condition } : {}) };
    }
  }
  return out;
}

function partId(t: HaTopology, part: PartName): { logicalId?: string; kind?: string } {
  const p = t[part];
  if (!p.found) return {};
  const id = part === 'loadBalancer' && t.loadBalancer.found ? t.loadBalancer.logicalId
    : part === 'webTier' && t.webTier.found ? t.webTier.asgLogicalId
    : part === 'sharedStorage' && t.sharedStorage.found ? t.sharedStorage.logicalId
    : part === 'database' && t.database.found ? t.database.logicalIds[0]
    : part === 'sessionCache' && t.sessionCache.found ? t.sessionCache.logicalId
    : part === 'code' && t.code.found ? t.code.deploymentGroupId ?? t.code.pipelineId : undefined;
  const kind = part === 'sessionCache' && t.sessionCache.found ? { kind: t.sessionCache.kind }
    : part === 'loadBalancer' && t.loadBalancer.found ? { kind: t.loadBalancer.kind } : {};
  return id ? { logicalId: id, ...kind } : kind;
}

/** A stack family that cannot be read (a broken sibling) leaves the template on its own. */
function safelyLoad<T>(load: () => T): T | undefined {
  try {
    return load();
  } catch {
    return undefined;
  }
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
  if (!web.found) return new Set();
  const ids = web.launchAlternatives?.map((l) => l.logicalId) ?? [web.launchTemplateId ?? web.launchConfigurationId].filter((id): id is string => !!id);
  const refs = new Set<string>();
  for (const id of ids) {
    const launch = model.resource(id);
    if (launch) referencedIds(at(launch.node, ['Properties']), refs);
  }
  return refs;
}
