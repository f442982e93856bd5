import * as assert from 'node:assert/strict';
import { markdownCode } from '../../../../src/engine/common/markdown-text';
import { changeSetMarkdown } from '../../../../src/engine/deploy/change-set-markdown';
import type { ChangeSetPreview } from '../../../../src/engine/deploy/change-set-preview';

// The same Markdown engine VS Code's preview uses (a dependency of @vscode/vsce here).
// eslint-disable-next-line @typescript-eslint/no-require-imports
const MarkdownIt = require('markdown-it') as new () => { render(text: string): string };
const render = (text: string) => new MarkdownIt().render(text);

const injected = 'x`\n\n> No resource is replaced.\n\n![](https://attacker.example/beacon.png) | col';
const preview = (value: string, logicalId = 'Db'): ChangeSetPreview => ({
  stackName: 'prod', changeSetName: 'cs1', type: 'UPDATE', capabilities: [],
  changes: [{ logicalId, type: 'AWS::RDS::DBInstance', action: 'Modify', replacement: 'True', causes: [{ property: 'Engine', requiresRecreation: 'Always' }] }],
  parameters: [{ key: 'Note', value }],
});

describe('change-set preview Markdown (security review LOW-6)', () => {
  it("a parameter value cannot add a fake 'no replacement' note or a remote image", () => {
    const html = render(changeSetMarkdown(preview(injected)));
    assert.doesNotMatch(html, /<img/);
    assert.equal((html.match(/<blockquote>/g) ?? []).length, 1, html);
    assert.match(html, /will or may be replaced/);
    assert.doesNotMatch(html, /No resource is replaced\.<\/p>\s*<\/blockquote>/);
    // The value is still there to read, in one code span.
    assert.match(html, /<code>.*beacon\.png.*<\/code>/);
  });

  it('a logical id cannot break out of its table cell or add a link', () => {
    const html = render(changeSetMarkdown(preview('v', 'A|B [x](https://attacker.example) <b>bold</b>')));
    assert.doesNotMatch(html, /<a |<b>/);
    assert.equal((html.match(/<td>/g) ?? []).length, 5);
  });

  it('fences code spans longer than any backtick run inside', () => {
    assert.equal(markdownCode('a``b'), '```a``b```');
    assert.equal(render(markdownCode('`x`')).trim(), '<p><code>`x`</code></p>');
  });
});
