import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LINT_SECTION, readLintSettings } from '../../../src/vscode/lint/lint-settings';
import { readReplicaSettings, REPLICA_SECTION } from '../../../src/vscode/settings/replica-settings';
import type { SettingSource } from '../../../src/vscode/settings/setting-source';

const root = path.resolve(__dirname, '../../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { default?: unknown }> } | { properties: Record<string, { default?: unknown }> }[] } };
const configuration = manifest.contributes.configuration;
const declared: Record<string, { default?: unknown }> = Object.assign({}, ...(Array.isArray(configuration) ? configuration : [configuration]).map((c) => c.properties));

/** What VS Code hands a reader with no user settings: the manifest's defaults, and keys it asked for. */
function manifestSource(section: string, overrides: Record<string, unknown> = {}): SettingSource & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get<T>(key: string): T | undefined {
      asked.push(`${section}.${key}`);
      if (Object.hasOwn(overrides, key)) return overrides[key] as T;
      return declared[`${section}.${key}`]?.default as T | undefined;
    },
  };
}

describe('vscode settings readers: typed, with the manifest as the only source of defaults', () => {
  it('the lint settings without user settings are the manifest defaults (the code used to fall back to no region and no excludes)', () => {
    const source = manifestSource(LINT_SECTION);
    const settings = readLintSettings(source);
    assert.equal(settings.region, declared['moodleHa.lint.region'].default);
    assert.deepEqual(settings.exclude, declared['moodleHa.lint.exclude'].default);
    assert.ok(settings.exclude.length >= 3);
    for (const key of source.asked) assert.ok(Object.hasOwn(declared, key), `${key} is read but not declared in package.json`);
  });

  it('a key the manifest does not declare fails, naming it, instead of running on a default of the code', () => {
    const missing: SettingSource = { get: <T>(key: string) => (key === 'debounceMs' ? undefined : manifestSource(LINT_SECTION).get<T>(key)) };
    assert.throws(() => readLintSettings(missing), /moodleHa\.lint\.debounceMs has no value/);
  });

  it('the replica settings: project and Moodle folder, typed, every key declared', () => {
    const source = manifestSource(REPLICA_SECTION);
    assert.deepEqual(readReplicaSettings(source), { project: declared['moodleHa.replica.project'].default, moodlePath: undefined });
    for (const key of source.asked) assert.ok(Object.hasOwn(declared, key), `${key} is read but not declared in package.json`);
    assert.deepEqual(readReplicaSettings(manifestSource(REPLICA_SECTION, { moodlePath: '  /srv/moodle ' })).moodlePath, '/srv/moodle');
  });

  it('an empty replica project name is refused with the next step (it used to fall back to a name of the code)', () => {
    assert.throws(() => readReplicaSettings(manifestSource(REPLICA_SECTION, { project: '  ' })), /project is empty/);
  });
});
