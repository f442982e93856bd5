// Workspace Trust (issue 6): in a folder the user does not trust, linting still runs, and the
// commands that run containers or change AWS resources are refused with the reason, or hidden by
// VS Code where package.json gives them `"enablement": "isWorkspaceTrusted"`.
// `untrusted: true`: scripts/test-vscode.sh runs this on a server with Workspace Trust on.
const TRUST_REFUSAL = /is disabled in an untrusted workspace: it runs containers or changes AWS resources/; // src/vscode/trust/require-trust.ts

export default {
  title: 'in Restricted Mode linting runs, and the replica and deploy commands say they need trust',
  untrusted: true,
  requires: { commands: ['moodleHa.replica.up', 'moodleHa.stack.deploy'], settings: ['moodleHa.lint.enabled'] },
  workspace: '../vscode/fixtures/workspace',
  async run({ wb, page, step, log, manifest }) {
    const commands = manifest.contributes.commands;
    const label = (id) => { const c = commands.find((x) => x.command === id); return `${c.category}: ${c.title}`; };

    await step('the folder opens in Restricted Mode (declining the trust prompt if one shows)', async () => {
      // Desktop VS Code asks in a dialog on the first open of a folder; code-server (web) opens the
      // folder in Restricted Mode straight away, with a banner and a status bar item.
      const no = page.locator('.monaco-dialog-box').getByRole('button', { name: /No, I don.t trust/ });
      const banner = page.locator('.part.banner', { hasText: 'Restricted Mode is intended for safe code browsing' });
      await no.or(banner).first().waitFor({ state: 'visible', timeout: 20000 });
      if (await no.isVisible()) {
        await wb.screenshot('20-untrusted-trust-prompt');
        await no.click();
      }
      await page.locator('.statusbar-item', { hasText: 'Restricted Mode' }).first().waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('20-untrusted-restricted-mode');
      // The harness clicks the top of the window to focus it, and a click on the banner opens the
      // Workspace Trust editor: close the banner (the status bar item stays).
      if (await banner.isVisible()) {
        await banner.locator('.codicon-banner-close, [aria-label*="Close"]').first().click();
        await banner.waitFor({ state: 'hidden', timeout: 5000 });
      }
    });

    await step('open a template with a known problem: its Moodle HA diagnostic appears (linting runs)', async () => {
      await wb.openFile('single-az-db.template.yaml');
      await page.locator('.monaco-editor .squiggly-warning, .monaco-editor .squiggly-error').first().waitFor({ timeout: 30000 });
      await wb.problemRow('Moodle HA', 'MHA');
      await wb.screenshot('21-untrusted-lint-runs');
    });

    const up = commands.find((c) => c.command === 'moodleHa.replica.up');
    await step(`${label('moodleHa.replica.up')}: ${/isWorkspaceTrusted/.test(up.enablement ?? '') ? 'VS Code does not offer it' : 'refused with the reason'}`, async () => {
      if (/isWorkspaceTrusted/.test(up.enablement ?? '')) {
        // `enablement: isWorkspaceTrusted`: VS Code leaves the command out of the palette (and greys its
        // buttons); the Restricted Mode item in the status bar is what tells the user why.
        const rows = await wb.paletteRows(label('moodleHa.replica.up'), label('moodleHa.lint.file'));
        log(`palette rows for "${label('moodleHa.replica.up')}": ${rows.join(' | ') || 'none'}`);
        await wb.screenshot('22-untrusted-replica-up-not-offered');
        await wb.closeQuickInput();
        if (rows.some((r) => r.includes(label('moodleHa.replica.up')))) throw new Error('Start Local Replica is offered in Restricted Mode although package.json disables it there');
      } else {
        await wb.runCommand(label('moodleHa.replica.up'));
        await wb.notification(TRUST_REFUSAL).waitFor({ state: 'visible', timeout: 20000 });
        await wb.screenshot('22-untrusted-replica-up-refused');
      }
    });

    const deploy = commands.find((c) => c.command === 'moodleHa.stack.deploy');
    await step(`${label('moodleHa.stack.deploy')}: ${/isWorkspaceTrusted/.test(deploy.enablement ?? '') ? 'VS Code does not offer it' : 'refused with the reason and how to trust the folder'}`, async () => {
      await wb.openFile('single-az-db.template.yaml');
      if (/isWorkspaceTrusted/.test(deploy.enablement ?? '')) {
        const rows = await wb.paletteRows(label('moodleHa.stack.deploy'), label('moodleHa.lint.file'));
        log(`palette rows for "${label('moodleHa.stack.deploy')}": ${rows.join(' | ') || 'none'}`);
        await wb.closeQuickInput();
        if (rows.some((r) => r.includes(label('moodleHa.stack.deploy')))) throw new Error('Deploy Stack is offered in Restricted Mode although package.json disables it there');
        await wb.screenshot('23-untrusted-deploy-not-offered');
        return;
      }
      await wb.runCommand(label('moodleHa.stack.deploy'));
      // Its own toast: the replica step's refusal may still be showing and says the same words.
      const toast = wb.notification(/Deploying a stack is disabled in an untrusted workspace/);
      await toast.waitFor({ state: 'visible', timeout: 20000 });
      const text = (await toast.innerText()).replace(/\s+/g, ' ');
      log(`message: ${text}`);
      if (!/Deploying a stack/.test(text) || !/Manage Workspace Trust/.test(text)) throw new Error(`the message does not say what is disabled and how to trust the folder: ${text}`);
      // Refused before asking anything: the palette closes and no stack-name box follows.
      await wb.waitForQuickInput(false).catch(() => { throw new Error('Deploy Stack asked for input although it refused to run'); });
      await wb.screenshot('23-untrusted-deploy-refused');
    });

    await step('the Stacks view asks to trust the folder instead of calling AWS (security review HIGH-2)', async () => {
      const stacks = Object.values(manifest.contributes.views).flat().find((v) => v.id === 'moodleHa.stacks').name;
      const pane = await wb.showView(stacks);
      const items = await wb.treeItems(pane);
      log(`items: ${items.map((i) => i.replace(/\n/g, ' ')).join(' | ')}`);
      if (!items.some((i) => /Trust this folder to see your stacks/.test(i))) throw new Error(`no "trust this folder" row: ${items.join(' | ')}`);
      // Only that row: no target, no stacks, no sign-in (each of those comes from an AWS call or its failure).
      if (items.length !== 1) throw new Error(`the untrusted Stacks view shows more than the trust row: ${items.join(' | ')}`);
      await wb.screenshot('24-untrusted-stacks-trust-row');
    });
  },
};
