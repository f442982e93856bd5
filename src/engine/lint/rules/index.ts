import type { HaRule } from '../rule';

/** Every Moodle-HA rule. A test checks each has a docs page and valid/invalid cases. */
export const haRules: HaRule[] = [
];
