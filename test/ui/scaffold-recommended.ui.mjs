// New Project's recommended path: four questions, then a summary page that says what and where
// before anything is written; the project lands in the open folder itself (no moodle/moodle
// nesting) and one editor group shows it. Bug 8 of issue 15 (part). The summary prices the design
// (a term month against a holiday month, from a dated price list).
import fs from 'node:fs';
import path from 'node:path';

const MAX_QUESTIONS = 4;
const PROJECT = 'moodle-quick';

export default {
  title: 'New Project, recommended path: 4 questions, a summary, files in the open folder, one editor group',
  requires: { commands: ['moodleHa.project.new'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
    const box = page.locator('.quick-input-widget input[type="text"]');
    await step('the first question offers the recommended path', async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.quickPickRow('Recommended').waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('06a-new-project-paths');
      await wb.pick('Recommended');
    });
    let summary;
    await step(`at most ${MAX_QUESTIONS} questions before the summary`, async () => {
      for (let i = 1; ; i++) {
        // Question i says (i/N) in its title; wait for it (or the summary) so a slow machine never reads the previous page.
        await page.waitForFunction((n) => {
          const t = document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '';
          return /summary/i.test(t) || new RegExp(`New Project \\(recommended\\) \\(${n}/\\d+\\)`).test(t);
        }, i, { timeout: 20000 }).catch(() => {});
        const state = await wb.quickInputState();
        if (/summary/i.test(state.title)) {
          // The summary opens at once and prices the answers in a worker meanwhile: wait for the figures.
          await page.waitForFunction(() => ![...document.querySelectorAll('.quick-input-widget .quick-input-list .monaco-list-row')].some((r) => /Pricing the answers/.test(r.innerText)), undefined, { timeout: 60000 });
          summary = await wb.quickInputState();
          break;
        }
        if (i > MAX_QUESTIONS) throw new Error(`question ${i} before any summary: ${state.title} ${state.message}`);
        log(`question ${i}: ${state.title}: ${state.message}`);
        if (/Project name/i.test(state.message)) await box.fill(PROJECT);
        const before = `${state.title}|${state.message}|${state.value}`;
        await page.keyboard.press('Enter');
        await page.waitForFunction((previous) => {
          const w = document.querySelector('.quick-input-widget');
          const t = w?.querySelector('.quick-input-title')?.textContent ?? '';
          const m = w?.querySelector('.quick-input-message')?.textContent ?? '';
          const v = w?.querySelector('input[type="text"]')?.value ?? '';
          return `${t}|${m}|${v}` !== previous;
        }, before, { timeout: 20000 });
      }
    });
    await step('the summary says what and where, and nothing is written yet', async () => {
      const rows = summary.rows.map((r) => r.replace(/\s+/g, ' '));
      log(`summary: ${rows.join(' | ')}`);
      if (!rows.some((r) => r.includes(`Write`) && r.includes(workspace))) throw new Error(`the summary does not say it writes to ${workspace}: ${rows.join(' | ')}`);
      if (!rows.some((r) => r.includes(PROJECT))) throw new Error(`the summary does not describe the project: ${rows.join(' | ')}`);
      if (fs.existsSync(path.join(workspace, 'moodle-ha.options.json'))) throw new Error('files were written before the summary was accepted');
    });
    await step('the summary gives a rough monthly cost: a term month against a holiday month, with the prices\' source and date', async () => {
      const rows = summary.rows.map((r) => r.replace(/\s+/g, ' '));
      const term = rows.find((r) => /Term month: about \$[\d,]+ \([A-Z][a-z]{2}/.test(r));
      // The default calendar (England & Wales) has term months and an August holiday: both priced.
      const holiday = rows.find((r) => /Holiday month: about \$[\d,]+ \(Aug\)/.test(r));
      if (!term || !holiday) throw new Error(`the summary does not price a term month and a holiday month: ${rows.join(' | ')}`);
      const cost = `${term} | ${holiday}`;
      const prices = rows.find((r) => /^Prices: .+, dated \d{4}-\d{2}-\d{2}$/.test(r.trim()));
      if (!prices) throw new Error(`the summary does not say where the prices come from and how old they are: ${rows.join(' | ')}`);
      log(`${cost} | ${prices}`);
      // docs/images/new-project-summary.png is this picture.
      await wb.screenshot('06c-new-project-summary');
    });
    await step('Write puts the project in the open folder itself, shown in one editor group', async () => {
      await page.keyboard.press('Enter');
      const template = path.join(workspace, 'infra', 'moodle-ha.yaml');
      await page.locator('.tab', { hasText: 'moodle-ha.yaml' }).first().waitFor({ state: 'visible', timeout: 60000 });
      if (!fs.existsSync(template)) throw new Error(`no ${template}; the folder has: ${fs.readdirSync(workspace).join(', ')}`);
      const groups = await page.locator('.editor .split-view-view .editor-group-container').count();
      log(`editor groups: ${groups}`);
      if (groups !== 1) throw new Error(`${groups} editor groups opened`);
    });
  },
};
