/**
 * What the settings readers need of a `vscode.WorkspaceConfiguration`: a value per key. Kept free
 * of a runtime 'vscode' import so the readers can be unit-tested against the manifest.
 *
 * Defaults come only from package.json (contributes.configuration): VS Code fills a declared
 * setting's default in, so a reader never writes one of its own. A declared key that reads as
 * undefined means the code and the manifest disagree on its name; that throws, naming the key,
 * instead of quietly running on a default the manifest does not show.
 */
export interface SettingSource {
  get<T>(key: string): T | undefined;
}

export function declared<T>(source: SettingSource, section: string, key: string): T {
  const value = source.get<T>(key);
  if (value === undefined) throw new Error(`The setting ${section}.${key} has no value: package.json must declare it with a default.`);
  return value;
}

/** A text setting where the empty string means "not set". */
export function optionalText(source: SettingSource, section: string, key: string): string | undefined {
  return declared<string>(source, section, key).trim() || undefined;
}
