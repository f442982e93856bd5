/** The scaffold's saved answers, at the project's root: small on purpose, so readers outside the scaffolder (the replica) need not load it. */
export const OPTIONS_FILE = 'moodle-ha.options.json';
