import type { PlannedFile } from './plan';

/** Never committed: the tool's own state folder (deploy state is the user's, outside the project) and build output. */
const IGNORED = ['.moodle-ha/', 'cdk.out/', 'node_modules/'];

/** The plan with one .gitignore that holds IGNORED plus whatever a variant (the CDK app) ignores itself. */
export function withGitignore(files: PlannedFile[]): PlannedFile[] {
  const existing = files.filter((f) => f.path === '.gitignore');
  const lines = ['# Never committed: tool state and build output.', ...IGNORED];
  for (const f of existing) for (const line of f.content.split('\n')) if (line && !lines.includes(line)) lines.push(line);
  return [...files.filter((f) => f.path !== '.gitignore'), { path: '.gitignore', content: `${lines.join('\n')}\n` }];
}
