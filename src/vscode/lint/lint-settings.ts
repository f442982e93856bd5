import type * as vscode from 'vscode';
import type { RuleSettings } from '../../engine/lint/lint-template';
import { declared, optionalText, type SettingSource } from '../settings/setting-source';

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

export const LINT_SECTION = 'moodleHa.lint';

/** moodleHa.lint.* from `vscode.workspace.getConfiguration(LINT_SECTION)`, with the manifest's defaults only (settings/setting-source.ts). */
export function readLintSettings(source: SettingSource): LintSettings {
  const get = <T>(key: string) => declared<T>(source, LINT_SECTION, key);
  return {
    enabled: get<boolean>('enabled'),
    useValidator: get<boolean>('awsValidator'),
    region: optionalText(source, LINT_SECTION, 'region'),
    rules: get<RuleSettings>('rules'),
    include: get<string[]>('include'),
    exclude: get<string[]>('exclude'),
    debounceMs: get<number>('debounceMs'),
    cfnLint: get<'auto' | 'on' | 'off'>('cfnLint'),
    cfnLintPath: optionalText(source, LINT_SECTION, 'cfnLintPath'),
  };
}

/** Settings whose change means every open template must be linted again. */
export function affectsLint(event: vscode.ConfigurationChangeEvent): boolean {
  return event.affectsConfiguration(LINT_SECTION);
}
