import type { Finding } from '../finding';
import type { FileFindings } from './file-findings';

const level: Record<Finding['severity'], 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF 2.1.0, one run with one tool, for code scanning. */
export function formatSarif(files: FileFindings[], toolVersion: string): string {
  const rules = new Map<string, { id: string; helpUri?: string; shortDescription: { text: string } }>();
  const results = files.flatMap(({ file, findings }) => findings.map((f) => {
    if (!rules.has(f.ruleId)) rules.set(f.ruleId, { id: f.ruleId, ...(f.docsUrl ? { helpUri: f.docsUrl } : {}), shortDescription: { text: `${f.source} rule ${f.ruleId}` } });
    return {
      ruleId: f.ruleId,
      level: level[f.severity],
      message: { text: f.message },
      locations: [{
        physicalLocation: {
          artifactLocation: { uri: file.split('\\').join('/') },
          region: {
            startLine: f.range.start.line + 1, startColumn: f.range.start.character + 1,
            endLine: f.range.end.line + 1, endColumn: f.range.end.character + 1,
          },
        },
      }],
    };
  }));
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'moodle-ha', version: toolVersion, informationUri: 'https://github.com/moodle-ha/moodle-ha-toolkit', rules: [...rules.values()] } },
      results,
    }],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
