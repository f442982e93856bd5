import * as assert from 'node:assert/strict';
import { resolveOptions } from '../../../../src/engine/scaffold/options';
import { planScaffold } from '../../../../src/engine/scaffold/plan';

describe('scaffold .gitignore (security review MEDIUM-6)', () => {
  it('keeps the tool state folder out of the repository', () => {
    const file = planScaffold(resolveOptions({})).files.find((f) => f.path === '.gitignore');
    assert.ok(file, 'no .gitignore planned');
    assert.ok(file.content.split('\n').includes('.moodle-ha/'), file.content);
  });
});
