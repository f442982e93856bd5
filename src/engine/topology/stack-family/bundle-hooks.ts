import * as path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { bundleDirOf } from './bundle-config';
import type { TemplateFiles } from './template-files';

/** A CodeDeploy lifecycle hook of the project's bundle: the script every server runs as it deploys. */
export interface BundleHook {
  /** The lifecycle event (AfterInstall, …). */
  event: string;
  /** The script's path relative to the template's folder, for messages. */
  file: string;
  text: string;
}

/**
 * The hooks that the project's appspec.yml names, with their scripts' text; [] when the project has
 * no bundle in that layout, or its appspec cannot be read (a missing script is left out).
 */
export function bundleHooksOf(templateFile: string, files: TemplateFiles): BundleHook[] {
  const dir = bundleDirOf(templateFile);
  const appspec = files.readText(path.join(dir, 'appspec.yml'));
  if (!appspec) return [];
  let spec: { hooks?: Record<string, Array<{ location?: unknown }> | null> } | null;
  try {
    spec = parseYaml(appspec) as typeof spec;
  } catch {
    return [];
  }
  const out: BundleHook[] = [];
  for (const [event, entries] of Object.entries(spec?.hooks ?? {})) {
    for (const entry of Array.isArray(entries) ? entries : []) {
      if (typeof entry?.location !== 'string') continue;
      const script = path.resolve(dir, entry.location);
      // Only scripts inside the bundle: a location that climbs out of it is not the bundle's.
      if (!script.startsWith(dir + path.sep)) continue;
      const text = files.readText(script);
      if (text !== undefined) out.push({ event, file: path.relative(path.dirname(templateFile), script), text });
    }
  }
  return out;
}
