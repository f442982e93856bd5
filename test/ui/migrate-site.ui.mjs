// Issue 13's VS Code command: "Moodle HA: Migrate a Site…" from files the user already has (a dump,
// a moodledata archive, a code folder, chosen in VS Code's own file dialogs), into a work folder
// outside the workspace: the take and the check run as `moodle-ha migrate` in a child process and
// end in a report, then the rehearsal is offered. The site comes from the suite's compiled
// test/support/site-on-disk.js (npm test compiles it before this suite runs).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const SITE_ON_DISK = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../out/test/support/site-on-disk.js');

export default {
  title: 'Migrate a Site… from files: three file dialogs and a work folder, then the take and check report, and the rehearsal offered',
  requires: { commands: ['moodleHa.migrate.site'] },
  workspace: 'fixtures/minimal-stack',
  async run({ wb, page, step, log, manifest }) {
    if (!fs.existsSync(SITE_ON_DISK)) throw new Error(`${SITE_ON_DISK} is missing: run npm run compile-tests first`);
    const { writeSiteOnDisk } = require(SITE_ON_DISK);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mhaui-migrate-'));
    try {
      const site = writeSiteOnDisk(path.join(dir, 'site'), { files: 12 });
      const work = path.join(dir, 'work');
      const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.migrate.site');
      const box = page.locator('.quick-input-widget input[type="text"]');
      /** VS Code's own file dialog (in the browser, a path box): the path typed, then Enter. */
      const titleIs = (t) => page.evaluate((x) => (document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '').includes(x), t);
      const choose = async (what, file) => {
        await page.waitForFunction((t) => (document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '').includes(t), what, { timeout: 30000 });
        // The dialog fills in its starting folder after it opens: type once that is there, and again if it was overwritten.
        await page.waitForFunction(() => (document.querySelector('.quick-input-widget input[type="text"]')?.value ?? '') !== '', undefined, { timeout: 10000 }).catch(() => {});
        for (let attempt = 1; ; attempt++) {
          await box.fill(file);
          await page.waitForTimeout(500);
          if ((await box.inputValue()) === file) {
            await page.keyboard.press('Enter');
            const closed = await page.waitForFunction((t) => !(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '').includes(t) || !document.querySelector('.quick-input-widget')?.checkVisibility(), what, { timeout: 5000 }).then(() => true, () => false);
            if (closed) return;
          }
          if (attempt === 4) throw new Error(`the dialog "${what}" did not take ${file} (it shows ${await box.inputValue()}; title ${await titleIs(what) ? 'unchanged' : 'changed'})`);
        }
      };
      await step('the source: files I already have, each chosen in a file dialog', async () => {
        await wb.runCommand(`${category}: ${title}`);
        await wb.pick('Files I already have');
        await choose('The database dump', site.dump);
        await choose('The moodledata archive', site.moodledata);
        await choose('The Moodle code folder', site.code);
      });
      await step('the work folder is offered outside the workspace, under the home folder', async () => {
        await page.waitForFunction(() => /\(2\/3\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 30000 });
        const offered = await box.inputValue();
        log(`work folder offered: ${offered}`);
        if (!/\/moodle-ha-migrate\/site$/.test(offered)) throw new Error(`the work folder offered is not moodle-ha-migrate/<the site's folder> under the home folder: ${offered}`);
        await box.fill(work);
        await page.keyboard.press('Enter');
      });
      await step('the report: what was taken (files, tables, pool) and what the check says', async () => {
        await page.locator('.tab', { hasText: /Untitled/ }).first().waitFor({ state: 'visible', timeout: 120000 });
        const text = await wb.editorText();
        log(text.split('\n').slice(0, 8).join(' | '));
        for (const expected of ['Migration: what was taken', `Source: ${site.dump}`, '12 in the file pool', '## Check', 'Nothing refused']) {
          if (!text.includes(expected)) throw new Error(`the report lacks "${expected}": ${text.slice(0, 600)}`);
        }
        if (!fs.existsSync(path.join(work, 'journal.json'))) throw new Error(`no journal in ${work}`);
      });
      await step('the rehearsal in the local replica is offered', async () => {
        const note = wb.notification(/taken and checked/);
        await note.waitFor({ state: 'visible', timeout: 30000 });
        if (!(await note.getByRole('button', { name: 'Rehearse in the Local Replica' }).isVisible())) throw new Error('no Rehearse button');
        await wb.screenshot('migrate-site-report');
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
};
