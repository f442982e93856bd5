import { markdownCode, markdownText } from '../common/markdown-text';
import { isReplacement, type ChangeSetPreview } from './change-set-preview';

/** A change set as Markdown, replacements in bold with a warning sign. Every value from the template or AWS is escaped. */
export function changeSetMarkdown(p: ChangeSetPreview): string {
  const rows = p.changes.map((c) => {
    const replace = c.replacement === 'True' ? '⚠️ **Replacement**' : c.replacement === 'Conditional' ? '⚠️ **May replace**' : '';
    const causes = c.causes.map((x) => `${markdownText(x.property)}${x.requiresRecreation && x.requiresRecreation !== 'Never' ? ` (recreation: ${markdownText(x.requiresRecreation)})` : ''}`).join(', ');
    return `| ${markdownText(c.action)} | ${markdownText(c.logicalId)} | ${markdownText(c.type ?? '')} | ${replace} | ${causes} |`;
  });
  const replaced = p.changes.filter(isReplacement).length;
  return [
    `# Change set for ${markdownText(p.stackName)} (${p.type})`,
    '',
    replaced ? `> ⚠️ **${replaced} resource(s) will or may be replaced.** A replaced resource gets a new physical id; data in it can be lost.` : '> No resource is replaced.',
    '',
    '| Action | Resource | Type | Replacement | Caused by |',
    '| --- | --- | --- | --- | --- |',
    ...(rows.length ? rows : ['| — | (no resource changes: parameters, outputs or tags only) | | | |']),
    '',
    '## Parameters',
    ...p.parameters.map((x) => `- ${markdownText(x.key)} = ${x.usePrevious ? '*(previous value)*' : markdownCode(x.value)}`),
    '',
    p.capabilities.length ? `Capabilities: ${p.capabilities.map(markdownText).join(', ')}` : '',
  ].join('\n');
}
