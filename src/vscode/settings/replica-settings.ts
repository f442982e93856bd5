import { MhaError } from '../../engine/common/errors';
import { declared, optionalText, type SettingSource } from './setting-source';

/** moodleHa.replica.*: which local replica the view and commands act on. */
export interface ReplicaSettings {
  /** Docker Compose-style project name: every container, network and volume is labelled with it. */
  project: string;
  /** A Moodle code folder to run instead of the probe app. */
  moodlePath: string | undefined;
}

export const REPLICA_SECTION = 'moodleHa.replica';

/** workspaceState: the replica name given at the last Start Local Replica in this folder. */
export const CHOSEN_PROJECT_KEY = 'moodleHa.replica.chosenProject';

export function readReplicaSettings(source: SettingSource): ReplicaSettings {
  const project = declared<string>(source, REPLICA_SECTION, 'project').trim();
  // An empty name would label (and sweep) by an empty project: refuse it rather than guess one.
  if (!project) throw new MhaError('usage', `The setting ${REPLICA_SECTION}.project is empty.`, { nextStep: 'Give the replica a name in Settings (Moodle HA › Replica: Project), or reset it to moodle-ha.' });
  return { project, moodlePath: optionalText(source, REPLICA_SECTION, 'moodlePath') };
}
