// From the command palette, step through the scaffold wizard to the end and see the files it wrote.
import fs from 'node:fs';
import path from 'node:path';

const MAX_STEPS = 40;
// What to type when a step is a free-text box whose empty value is refused (e.g. a project name).
const TEXT_ANSWERS = [[/name/i, 'moodle-demo'], [/domain|host|url/i, 'moodle.example.edu'], [/e-?mail/i, 'admin@example.edu']];

function listFiles(dir) {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath ?? e.path, e.name)));
}

export default {
  title: 'the scaffold wizard runs to the end and writes a project',
  requires: { commands: ['moodleHa.project.new'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
    await step(`run "${category}: ${title}" from the palette`, async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.waitForQuickInput();
      // The palette closes and the wizard opens in its place: wait for the wizard's own title.
      await page.waitForFunction(() => /New Project/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
    });
    await step('answer every step with its default', async () => {
      for (let i = 1; ; i++) {
        if (i > MAX_STEPS) throw new Error(`the wizard still asks after ${MAX_STEPS} steps`);
        const state = await wb.quickInputState();
        log(`step ${i}: ${state.title || state.placeholder} [${state.rows.slice(0, 4).join(' | ').replace(/\n/g, ' ')}]`);
        if (i === 1) await wb.screenshot('06-scaffold-wizard');
        if (/Exam-day boost: when/.test(state.placeholder)) await wb.screenshot('06b-scaffold-wizard-exam-boost');
        if (!state.rows.length && !state.value) {
          const answer = TEXT_ANSWERS.find(([re]) => re.test(`${state.title} ${state.placeholder}`));
          if (answer) await page.locator('.quick-input-widget input[type="text"]').fill(answer[1]);
        }
        const atSummary = /summary/i.test(state.title);
        if (atSummary && /Pricing the answers/.test(state.rows.join())) log('the summary is open while the cost is being priced');
        const before = `${state.title}|${state.placeholder}|${state.rows.join()}`;
        await page.keyboard.press('Enter');
        // The summary's first row writes the project: that Enter ends the wizard.
        if (atSummary) break;
        // The next step replaces the title, placeholder or rows; the last one closes the widget.
        await page.waitForFunction((previous) => {
          const w = document.querySelector('.quick-input-widget');
          if (!w || w.style.display === 'none' || !w.offsetParent) return true;
          const t = w.querySelector('.quick-input-title')?.textContent?.trim() ?? '';
          const p = w.querySelector('input[type="text"]')?.getAttribute('placeholder') ?? '';
          const rows = [...w.querySelectorAll('.quick-input-list .monaco-list-row')].map((r) => r.innerText).join();
          return `${t}|${p}|${rows}` !== previous;
        }, before, { timeout: 20000 });
        // Between two pages the widget may be hidden for a moment; closed for good before the summary is a failure.
        await wb.waitForQuickInput().catch(() => { throw new Error(`the wizard closed after step ${i} without showing its summary`); });
      }
    });
    await step('the project files appear in the workspace', async () => {
      const deadline = Date.now() + 30000;
      let files = [];
      // The template itself (src/engine/scaffold/plan.ts TEMPLATE_FILE), not any JSON: the answers
      // file alone (moodle-ha.options.json) is written first and is no project.
      const isTemplate = (f) => f.replace(/\\/g, '/').endsWith('infra/moodle-ha.yaml');
      while (Date.now() < deadline && !files.some(isTemplate)) {
        files = listFiles(workspace);
        await new Promise((resolve) => setTimeout(resolve, 250)); // polling the disk
      }
      const template = files.find(isTemplate);
      if (!template) throw new Error(`infra/moodle-ha.yaml was not written; workspace has: ${files.join(', ') || 'nothing'}`);
      const text = fs.readFileSync(path.join(workspace, template), 'utf8');
      if (!/AWSTemplateFormatVersion/.test(text) || !/AWS::AutoScaling::AutoScalingGroup/.test(text)) throw new Error(`${template} is not the HA template: ${text.slice(0, 200)}`);
      log(`wrote ${files.length} files: ${files.slice(0, 8).join(', ')}${files.length > 8 ? ', …' : ''}`);
      await wb.activityTab('Explorer').click().catch(() => {});
      await wb.screenshot('07-scaffolded-files');
    });
  },
};
