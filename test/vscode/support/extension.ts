import * as assert from 'assert';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'moodle-ha.moodle-ha';

/** What activate() returns; the activation test reads it. */
export interface ExtensionApi {
  activationMs: number;
  deferredProblems(): Promise<string[]>;
}

export interface ContributedCommand { command: string; title: string; category?: string; icon?: unknown }
export interface ContributedSetting { type?: string | string[]; default?: unknown; description?: string; markdownDescription?: string }

export function ourExtension(): vscode.Extension<ExtensionApi> {
  const extension = vscode.extensions.getExtension<ExtensionApi>(EXTENSION_ID);
  assert.ok(extension, `${EXTENSION_ID} is not loaded in this extension host`);
  return extension;
}

export async function activated(): Promise<ExtensionApi> {
  return ourExtension().activate();
}

/** package.json as the extension host loaded it. */
export function manifest(): {
  contributes: {
    commands?: ContributedCommand[];
    views?: Record<string, Array<{ id: string; name: string }>>;
    configuration?: { properties?: Record<string, ContributedSetting> } | Array<{ properties?: Record<string, ContributedSetting> }>;
    walkthroughs?: Array<{ id: string; steps: Array<{ id: string; description: string; media: { markdown?: string } }> }>;
  };
} {
  return ourExtension().packageJSON;
}

export function contributedSettings(): Record<string, ContributedSetting> {
  const configuration = manifest().contributes.configuration ?? [];
  const sections = Array.isArray(configuration) ? configuration : [configuration];
  return Object.assign({}, ...sections.map((s) => s.properties ?? {}));
}
