import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { OPTIONS_FILE } from '../../engine/scaffold/plan';
import { isRegionName } from '../../engine/scaffold/validate-options';
import { projectOfTemplate } from '../scaffold/saved-answers';
import { LINT_SECTION } from './lint-settings';

/**
 * moodleHa.lint.region as the user set it, in any scope ('' included: every region); undefined
 * when only the manifest's default (us-east-1) applies, which must not hide the project's region.
 */
export function userLintRegion(): { region: string | undefined } | undefined {
  const set = vscode.workspace.getConfiguration(LINT_SECTION).inspect<string>('region');
  const value = set?.workspaceFolderValue ?? set?.workspaceValue ?? set?.globalValue;
  return value === undefined ? undefined : { region: value.trim() || undefined };
}

/** The region saved in the template's project (moodle-ha.options.json beside it or one folder up), when it names a valid one. */
export async function projectRegionOf(templateFile: string): Promise<string | undefined> {
  const dir = await projectOfTemplate(templateFile);
  if (!dir) return undefined;
  try {
    const options = JSON.parse((await fs.readFile(path.join(dir, OPTIONS_FILE), 'utf8')).replace(/^\uFEFF/, '')) as { region?: unknown };
    return typeof options.region === 'string' && isRegionName(options.region) ? options.region : undefined;
  } catch {
    return undefined; // not JSON: the lint of that file says so; here it only gives no region
  }
}

/**
 * The region each template is linted for: the user's setting when set; else the region of the
 * template's project (what the New Project wizard chose, as the Stacks view reads it); else the
 * setting's default. Looked up once per document, again after the settings or an options file change.
 */
export class LintRegions implements vscode.Disposable {
  private readonly byDocument = new Map<string, Promise<string | undefined>>();
  private readonly watcher = vscode.workspace.createFileSystemWatcher(`**/${OPTIONS_FILE}`);
  private user = userLintRegion();

  constructor(private readonly fallback: () => string | undefined) {
    const forget = () => this.byDocument.clear();
    this.watcher.onDidChange(forget);
    this.watcher.onDidCreate(forget);
    this.watcher.onDidDelete(forget);
  }

  /** Reads the setting again (call when moodleHa.lint changes). */
  reload(): void {
    this.user = userLintRegion();
    this.byDocument.clear();
  }

  of(uri: vscode.Uri): Promise<string | undefined> {
    if (this.user) return Promise.resolve(this.user.region);
    if (uri.scheme !== 'file') return Promise.resolve(this.fallback());
    const key = uri.toString();
    let region = this.byDocument.get(key);
    if (!region) {
      region = projectRegionOf(uri.fsPath).then((r) => r ?? this.fallback());
      this.byDocument.set(key, region);
    }
    return region;
  }

  dispose(): void {
    this.watcher.dispose();
    this.byDocument.clear();
  }
}
