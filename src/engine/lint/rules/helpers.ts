import type { TemplatePath } from '../../template/nodes';
import type { TemplateModel } from '../../template/template-model';
import type { HaTopology, LaunchAlternative, WebTierInfo } from '../../topology/types';

export type FoundWebTier = WebTierInfo & { found: true };

/** The web tier, when the template has one: rules about missing parts only apply to a Moodle stack. */
export function webTierOf(topology: HaTopology): FoundWebTier | undefined {
  return topology.webTier.found ? topology.webTier : undefined;
}

export function propertyPath(resourcePath: TemplatePath, ...keys: Array<string | number>): TemplatePath {
  return [...resourcePath, 'Properties', ...keys];
}

/** Where the launch template/configuration's user data is (or the resource itself). */
export function userDataPath(model: TemplateModel, web: FoundWebTier): TemplatePath {
  const launch = web.launchPath ?? web.asgPath ?? ['Resources', web.asgLogicalId];
  for (const candidate of [propertyPath(launch, 'LaunchTemplateData', 'UserData'), propertyPath(launch, 'UserData')]) {
    if (model.get(candidate)) return candidate;
  }
  return launch;
}

export function asgPathOf(web: FoundWebTier): TemplatePath {
  return web.asgPath ?? ['Resources', web.asgLogicalId];
}

/** How a finding names the config.php it read: this template's, or the one a sibling template writes. */
export function configPhpName(topology: HaTopology): string {
  const by = topology.moodleConfigWrittenBy;
  if (!by) return 'config.php';
  // The scaffold's bundle: a template its hooks render on each server (bundle-config.ts).
  if (by.endsWith('.template')) return `The config.php rendered from ${by} (deployed to these servers with the code)`;
  return `The config.php that ${by} writes (deployed to these servers with the code)`;
}

/** Where a launch template's LaunchTemplateData, or a launch configuration's Properties, are. */
export function launchDataPath(launch: Pick<LaunchAlternative, 'type' | 'path'>): TemplatePath {
  return launch.type === 'AWS::EC2::LaunchTemplate' ? propertyPath(launch.path, 'LaunchTemplateData') : propertyPath(launch.path);
}

/** Every launch template/configuration the web tier's group can use (each Fn::If branch), or its one launch. */
export function launchAlternativesOf(web: FoundWebTier): LaunchAlternative[] {
  if (web.launchAlternatives?.length) return web.launchAlternatives;
  if (!web.launchPath) return [];
  const type = web.launchTemplateId ? 'AWS::EC2::LaunchTemplate' : 'AWS::AutoScaling::LaunchConfiguration';
  return [{ logicalId: web.launchTemplateId ?? web.launchConfigurationId ?? '?', type, path: web.launchPath, when: [], imdsV2Required: web.imdsV2Required }];
}
