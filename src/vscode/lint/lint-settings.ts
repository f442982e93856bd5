import * as vscode from 'vscode';
import type { RuleSettings } from '../../engine/lint/lint-template';

export interface LintSettings {
  enabled: boolean;
  useValidator: boolean;
  region: string | undefined;
  rules: RuleSettings;
  include: string[];
  exclude: string[];
  debounceMs: number;
}

export function readLintSettings(): LintSettings {
  const c = vscode.workspace.getConfiguration('moodleHa.lint');
  return {
    enabled: c.get('enabled', true),
    useValidator: c.get('awsValidator', true),
    region: c.get<string>('region') || undefined,
    rules: c.get<RuleSettings>('rules', {}),
    include: c.get<string[]>('include', ['**/*.{yaml,yml,json,template}']),
    exclude: c.get<string[]>('exclude', []),
    debounceMs: c.get('debounceMs', 300),
  };
}

/** Settings whose change means every open template must be linted again. */
export function affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('moodleHa.lint');
}
