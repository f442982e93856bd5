import { entry, type TNode } from '../template/nodes';
import type { TemplateModel } from '../template/template-model';

/** Whether a template deploys Moodle, and what in it says so (or that nothing does). */
export interface MoodleStackDecision {
  isMoodle: boolean;
  reason: string;
}

const MOODLE = /moodle/i;
/** Sections in the order a reader would look for Moodle: our own metadata first, then what runs. */
const BOOTED = ['AWS::EC2::LaunchTemplate', 'AWS::AutoScaling::LaunchConfiguration', 'AWS::EC2::Instance'];
const SECTIONS = ['Metadata', 'Resources', 'Parameters', 'Description', 'Outputs', 'Mappings'] as const;

/**
 * Evidence that this template is (part of) a Moodle stack: Moodle named in user data, cfn-init
 * config, a deployment group, parameters, resource names, descriptions or `moodle-ha` metadata.
 * Only parsed values count, not comments: a comment does not deploy anything.
 */
export function moodleEvidence(model: TemplateModel): string | undefined {
  // What the machines run says most: launch templates, launch configurations and instances first.
  for (const r of model.resourcesOfType(...BOOTED)) {
    const found = firstMention(r.node, ['Resources', r.logicalId]);
    if (found) return `'moodle' appears in ${describePath(found)}`;
  }
  for (const section of SECTIONS) {
    const node = entry(model.root, section)?.value;
    const found = firstMention(node, [section]);
    if (found) return `'moodle' appears in ${describePath(found)}`;
  }
  return undefined;
}

export function decideMoodleStack(model: TemplateModel, related: Array<{ file: string; model: TemplateModel }> = []): MoodleStackDecision {
  const own = moodleEvidence(model);
  if (own) return { isMoodle: true, reason: own };
  for (const r of related) {
    const theirs = moodleEvidence(r.model);
    if (theirs) return { isMoodle: true, reason: `it is nested with ${r.file}, where ${theirs}` };
  }
  return {
    isMoodle: false,
    reason: 'nothing in its parameters, resource names, user data, cfn-init config, descriptions or metadata mentions Moodle'
      + (related.length ? `, nor in the stacks nested with it (${related.map((r) => r.file).join(', ')})` : ''),
  };
}

function firstMention(node: TNode | undefined, path: string[], depth = 0): string[] | undefined {
  if (!node || depth > 40) return undefined;
  if (node.kind === 'scalar') return typeof node.value === 'string' && MOODLE.test(node.value) ? path : undefined;
  if (node.kind === 'seq') {
    for (let i = 0; i < node.items.length; i++) {
      const hit = firstMention(node.items[i], [...path, String(i)], depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  for (const e of node.entries) {
    if (MOODLE.test(e.key)) return [...path, e.key];
    const hit = firstMention(e.value, [...path, e.key], depth + 1);
    if (hit) return hit;
  }
  return undefined;
}

/** Resources › WebLaunchTemplate › Metadata › …: enough of the path to find it, not all of it. */
function describePath(path: string[]): string {
  const shown = path.slice(0, 4).join(' › ');
  return path.length > 4 ? `${shown} › …` : shown;
}
