import * as vscode from 'vscode';
import { OPTIONS_FILE } from '../../engine/scaffold/plan';
import { isRegionName } from '../../engine/scaffold/validate-options';

export interface ProjectRegion {
  region: string;
  /** The options file, relative to the workspace. */
  file: string;
}

/**
 * The region chosen in the New Project wizard, from the nearest moodle-ha.options.json in the
 * workspace (the shallowest one when there are several); undefined when there is none or it
 * names no valid region.
 */
export async function readProjectRegion(): Promise<ProjectRegion | undefined> {
  if (!vscode.workspace.workspaceFolders?.length) return undefined;
  const found = await vscode.workspace.findFiles(`**/${OPTIONS_FILE}`, '**/{node_modules,cdk.out,.git}/**', 20);
  found.sort((a, b) => a.path.split('/').length - b.path.split('/').length || a.path.localeCompare(b.path));
  for (const uri of found) {
    try {
      const options = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as { region?: unknown };
      if (typeof options.region === 'string' && isRegionName(options.region)) return { region: options.region, file: vscode.workspace.asRelativePath(uri) };
    } catch { /* not JSON: the linter and the CLI say so; here it just gives no region */ }
  }
  return undefined;
}
