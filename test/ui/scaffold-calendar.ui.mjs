// New Project's full path asks whose school year the schedules follow (the engine's presets) and,
// with a calendar, asks no cron expression and no UTC exam dates. Nothing is written: Escape at
// the summary. Bug 8 of issue 15 (part).
import fs from 'node:fs';
import path from 'node:path';

const MAX_STEPS = 40;
const PRESETS = [/England & Wales/, /US school district/, /Australia, NSW/];

export default {
  title: 'New Project asks an academic-calendar preset, not raw cron, and ends at a summary',
  requires: { commands: ['moodleHa.project.new'] },
  async run({ wb, page, workspace, step, log, manifest }) {
    const { title, category } = manifest.contributes.commands.find((c) => c.command === 'moodleHa.project.new');
    await step('choose every question', async () => {
      await wb.runCommand(`${category}: ${title}`);
      await wb.pick('Every question');
    });
    const asked = [];
    let calendarRows;
    await step('answer every step with its default, up to the summary', async () => {
      for (let i = 1; ; i++) {
        if (i > MAX_STEPS) throw new Error(`still asking after ${MAX_STEPS} steps`);
        await page.waitForFunction(() => /New Project/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
        const state = await wb.quickInputState();
        if (/summary/i.test(state.title)) break;
        const question = `${state.placeholder} ${state.message}`.trim();
        asked.push(question);
        if (/School year/.test(question)) { calendarRows = state.rows; await wb.screenshot('06d-new-project-calendar'); }
        const before = `${state.title}|${state.placeholder}|${state.message}|${state.value}`;
        await page.keyboard.press('Enter');
        await page.waitForFunction((previous) => {
          const w = document.querySelector('.quick-input-widget');
          const t = w?.querySelector('.quick-input-title')?.textContent ?? '';
          const p = w?.querySelector('input[type="text"]')?.getAttribute('placeholder') ?? '';
          const m = w?.querySelector('.quick-input-message')?.textContent ?? '';
          const v = w?.querySelector('input[type="text"]')?.value ?? '';
          return `${t}|${p}|${m}|${v}` !== previous;
        }, before, { timeout: 20000 });
      }
      log(`${asked.length} questions`);
    });
    await step('a school-year question offered the three presets; no cron and no UTC exam dates were asked', async () => {
      if (!calendarRows) throw new Error(`no school-year question among: ${asked.join(' | ')}`);
      const rows = calendarRows.map((r) => r.replace(/\s+/g, ' '));
      log(`calendar rows: ${rows.join(' | ')}`);
      const missing = PRESETS.filter((re) => !rows.some((r) => re.test(r)));
      if (missing.length) throw new Error(`presets not offered: ${missing.join(', ')}`);
      const raw = asked.filter((q) => /cron|UTC/.test(q));
      if (raw.length) throw new Error(`asked in raw form: ${raw.join(' | ')}`);
    });
    await step('Escape at the summary writes nothing', async () => {
      await wb.closeQuickInput();
      if (fs.readdirSync(workspace).length) throw new Error(`files written: ${fs.readdirSync(workspace).join(', ')}`);
      if (fs.existsSync(path.join(workspace, 'moodle-ha.options.json'))) throw new Error('answers written');
    });
  },
};
