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
  cfnLint: 'auto' | 'on' | 'off';
  cfnLintPath: string | undefined;
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
    cfnLint: c.get<'auto' | 'on' | 'off'>('cfnLint', 'auto'),
    cfnLintPath: c.get<string>('cfnLintPath') || undefined,
  };
}

/** Settings whose change means every open template must be linted again. */
export function affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration('moodleHa.lint');
}
