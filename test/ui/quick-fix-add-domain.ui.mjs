// Bug 1 of issue 15, second half: on a scaffolded HTTP-only (DEMO) project, MHA6002 (no HTTPS
// listener) offers "Add a domain and certificate…" and no redirect (a redirect to a port with no
// listener breaks the site). The fix reopens the wizard with the saved answers at the domain and
// certificate questions, and writes the project again with an HTTPS listener.
import fs from 'node:fs';
import path from 'node:path';

const DOMAIN = 'moodle.example.edu';
// The default region is eu-west-1, and the certificate must be in the stack's region.
const CERTIFICATE = 'arn:aws:acm:eu-west-1:123456789012:certificate/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

export default {
  title: 'an HTTP-only project: the no-HTTPS finding offers "Add a domain and certificate…", which rewrites the project with HTTPS',
  requires: { commands: ['moodleHa.project.new', 'moodleHa.project.addDomain'], settings: ['moodleHa.lint.enabled'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
    const box = page.locator('.quick-input-widget input[type="text"]');
    const template = path.join(workspace, 'infra', 'moodle-ha.yaml');
    await step('New Project, recommended path, no domain or certificate: the DEMO project is written', async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.pick('Recommended');
      // Four questions with their defaults (an empty domain and certificate), then Write on the summary.
      for (let i = 0; i < 5; i++) {
        await page.waitForFunction((n) => {
          const t = document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '';
          return n < 4 ? t.includes(`(${n + 1}/4)`) : /summary/.test(t);
        }, i, { timeout: 30000 });
        await page.keyboard.press('Enter');
      }
      await page.locator('.tab', { hasText: 'moodle-ha.yaml' }).first().waitFor({ state: 'visible', timeout: 60000 });
      if (/Protocol: HTTPS/.test(fs.readFileSync(template, 'utf8'))) throw new Error('the DEMO template already has an HTTPS listener');
    });
    let row;
    await step('MHA6002 (no HTTPS listener) is in the Problems panel', async () => {
      row = await wb.problemRow('MHA6002');
      log(await row.innerText());
    });
    await step('its quick fixes: "Add a domain and certificate…", and no redirect to HTTPS', async () => {
      await row.dblclick();
      await wb.runCommand('Quick Fix...');
      const actions = page.locator('.action-widget .monaco-list-row.action');
      await actions.first().waitFor({ state: 'visible', timeout: 20000 });
      const labels = (await actions.allInnerTexts()).map((t) => t.trim());
      log(`quick fixes: ${labels.join(' | ')}`);
      if (labels.some((l) => /redirect/i.test(l))) throw new Error(`a redirect is offered without an HTTPS listener: ${labels.join(' | ')}`);
      const add = actions.filter({ hasText: 'Add a domain and certificate' });
      if (!(await add.count())) throw new Error(`no "Add a domain and certificate…": ${labels.join(' | ')}`);
      await wb.screenshot('quick-fix-add-domain');
      await add.first().click();
    });
    await step('the wizard reopens at the domain question, then the certificate, with the saved answers', async () => {
      await page.waitForFunction(() => /Add a Domain and Certificate \(1\/2\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
      const first = await wb.quickInputState();
      if (!/Domain name/.test(first.message) || first.value !== '') throw new Error(`first question: ${first.message} [${first.value}]`);
      await box.fill(DOMAIN);
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => /\(2\/2\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
      const second = await wb.quickInputState();
      if (!/ACM certificate ARN/.test(second.message)) throw new Error(`second question: ${second.message}`);
      await box.fill(CERTIFICATE);
      await page.keyboard.press('Enter');
    });
    await step('the changed files are asked about, then rewritten: an HTTPS listener, the domain saved', async () => {
      await wb.pick('Overwrite All');
      await wb.notification('now serves HTTPS').waitFor({ state: 'visible', timeout: 60000 });
      if (!/Protocol: HTTPS/.test(fs.readFileSync(template, 'utf8'))) throw new Error('the template has no HTTPS listener after the fix');
      const saved = JSON.parse(fs.readFileSync(path.join(workspace, 'moodle-ha.options.json'), 'utf8'));
      if (saved.domain.name !== DOMAIN || saved.domain.certificateArn !== CERTIFICATE) throw new Error(`saved answers: ${JSON.stringify(saved.domain)}`);
    });
    await step('the no-HTTPS finding is gone', async () => {
      await page.locator('.markers-panel .monaco-list-row', { hasText: 'MHA6002' }).first().waitFor({ state: 'detached', timeout: 60000 });
    });
  },
};
