import * as assert from 'node:assert/strict';
import { siteUrlOf } from '../../../../src/engine/deploy/deploy-stack';

describe('the site URL of a stack (security review LOW-7)', () => {
  it('never offers a non-web scheme, even from the SiteUrl output', () => {
    for (const value of ['file:///etc/passwd', 'vscode://vscode.git/clone?url=https://attacker.example/x', 'command:workbench.action.terminal.new', 'javascript:alert(1)']) {
      assert.equal(siteUrlOf([{ OutputKey: 'SiteUrl', OutputValue: value }]), undefined, value);
    }
  });

  it('takes SiteUrl by name when it is http(s), else the first http(s) output', () => {
    assert.equal(siteUrlOf([{ OutputKey: 'A', OutputValue: 'https://a.example' }, { OutputKey: 'SiteUrl', OutputValue: 'https://site.example' }]), 'https://site.example');
    assert.equal(siteUrlOf([{ OutputKey: 'SiteUrl', OutputValue: 'file:///x' }, { OutputKey: 'B', OutputValue: 'http://b.example' }]), 'http://b.example');
  });
});
