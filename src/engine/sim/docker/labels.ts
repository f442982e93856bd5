/** Every container, network and volume carries these, so a replica can be swept by label after a crash. */
export const LABEL_PROJECT = 'moodle-ha.project';
export const LABEL_ROLE = 'moodle-ha.role';
export const LABEL_SESSION = 'moodle-ha.session';
export const LABEL_NODE = 'moodle-ha.node';
export const LABEL_PLAN = 'moodle-ha.plan';
export const LABEL_IP = 'moodle-ha.ip';
export const LABEL_CODE_VERSION = 'moodle-ha.code';
/** Marks images we built, so they are never confused with the user's. */
export const LABEL_IMAGE = 'moodle-ha.image';

export function projectFilter(project: string): { label: string[] } {
  return { label: [`${LABEL_PROJECT}=${project}`] };
}

export function newSessionId(): string {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}
