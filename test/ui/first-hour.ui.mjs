// Issue 15's walk-through: a newcomer's first hour from an empty folder to a passed drill, using
// only what the screens offer (the walkthrough's buttons, the views' welcome buttons and title
// buttons, the wizard's recommended path), with a screenshot at each step (the README's "Your first
// hour" uses them). Needs Docker: the replica is named mhaui-first-hour and removed before and after.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { viewName } from './support/requirements.mjs';

const PROJECT = 'mhaui-first-hour';
const CLI = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/cli.js');

export default {
  title: 'first hour: empty folder → the walkthrough → New Project (recommended) → Problems → Stacks (the wizard\'s region) → Start Local Replica → drill kill-web passed',
  requires: { walkthroughs: true, commands: ['moodleHa.project.new', 'moodleHa.replica.up', 'moodleHa.replica.drill'], views: ['moodleHa.replica', 'moodleHa.stacks'] },
  // An empty folder. The walkthrough opening by itself on first run is walkthrough-first-run's test:
  // it happens once per VS Code profile, which the UI tests share, so here it is opened as a user
  // who closed it would reopen it (Welcome: Open Walkthrough…).
  workspace: 'fixtures/empty-folder',
  async run({ wb, page, workspace, step, log, manifest }) {
    const walkthrough = manifest.contributes.walkthroughs[0];
    const stepTitle = (id) => walkthrough.steps.find((s) => s.id === id).title;
    const box = page.locator('.quick-input-widget input[type="text"]');
    const shot = (name) => wb.screenshot(`first-hour-${name}`);
    sweep();
    try {
      await step('the walkthrough, from Welcome: Open Walkthrough…', async () => {
        await wb.runCommand('Welcome: Open Walkthrough...');
        await wb.pick(walkthrough.title);
        await page.locator('.gettingStartedContainer', { hasText: walkthrough.title }).waitFor({ state: 'visible', timeout: 60000 });
        await shot('1-walkthrough');
      });
      await step(`its first step, "${stepTitle('scaffold')}", has a button that opens New Project`, async () => {
        await page.locator('.getting-started-step', { hasText: stepTitle('scaffold') }).first().click();
        const button = page.locator('.getting-started-step.expanded .button-link, .getting-started-step.expanded a.button-link, .getting-started-step.expanded .monaco-button', { hasText: /Create a Project/ }).first();
        await button.waitFor({ state: 'visible', timeout: 20000 });
        await button.click();
        await wb.quickPickRow('Recommended').waitFor({ state: 'visible', timeout: 30000 });
        await shot('2-new-project');
      });
      await step('the recommended path: the suggested answer to each question, then the summary, then Write', async () => {
        await wb.pick('Recommended');
        for (let i = 1; i <= 6; i++) {
          await page.waitForFunction((n) => {
            const t = document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? '';
            return /summary/i.test(t) || new RegExp(`\\(${n}/\\d+\\)`).test(t);
          }, i, { timeout: 30000 }).catch(() => {});
          const state = await wb.quickInputState();
          if (/summary/i.test(state.title)) {
            log(`summary: ${state.rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
            await shot('3-summary');
            break;
          }
          if (i === 6) throw new Error(`still asking after 5 questions: ${state.title}`);
          log(`question ${i}: ${state.title}: ${state.message || state.placeholder} [${state.value}]`);
          const before = `${state.title}|${state.message}|${state.value}`;
          await page.keyboard.press('Enter'); // what the screen suggests
          await page.waitForFunction((previous) => {
            const w = document.querySelector('.quick-input-widget');
            return `${w?.querySelector('.quick-input-title')?.textContent ?? ''}|${w?.querySelector('.quick-input-message')?.textContent ?? ''}|${w?.querySelector('input[type="text"]')?.value ?? ''}` !== previous;
          }, before, { timeout: 30000 });
        }
        await page.keyboard.press('Enter'); // Write
        await page.locator('.tab', { hasText: 'moodle-ha.yaml' }).first().waitFor({ state: 'visible', timeout: 90000 });
        if (!fs.existsSync(path.join(workspace, 'infra', 'moodle-ha.yaml'))) throw new Error(`no infra/moodle-ha.yaml in ${fs.readdirSync(workspace).join(', ')}`);
      });
      await step('the Problems panel: the new project has no error to fix before it runs', async () => {
        const panel = await wb.problemsPanel();
        // The first lint of a new template takes a while (the validator starts); an empty panel after 90 s is judged as it is.
        await panel.locator('.monaco-list-row', { hasText: 'moodle-ha.yaml' }).first().waitFor({ timeout: 90000 }).catch(() => {});
        const rows = (await panel.locator('.monaco-list-row').allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
        log(`problems: ${rows.slice(0, 12).join(' | ') || 'none'}`);
        const errors = await panel.locator('.monaco-list-row .codicon-error, .monaco-list-row .codicon-problems-error').count();
        if (errors) throw new Error(`the new project has ${errors} error(s) in the Problems panel: ${rows.join(' | ')}`);
        await shot('4-problems');
      });
      await step('the Stacks view takes the region the wizard saved: what it asks for next is credentials', async () => {
        const stacks = await wb.showView(viewName(manifest, 'moodleHa.stacks'));
        const credentials = stacks.locator('.welcome-view-content', { hasText: /No AWS credentials found/ }).first();
        await credentials.waitFor({ state: 'visible', timeout: 30000 }).catch(async () => {
          const shown = (await stacks.locator('.welcome-view-content, [role="treeitem"]').allInnerTexts()).join(' | ').replace(/\s+/g, ' ');
          throw new Error(`the Stacks view does not ask for credentials 30 s after New Project saved eu-west-1: ${shown}`);
        });
        log(`stacks: ${(await credentials.innerText()).replace(/\s+/g, ' ').slice(0, 160)}`);
      });
      const pane = await wb.showView(viewName(manifest, 'moodleHa.replica'));
      await step('the Local Replica view says no replica runs, with a Start button', async () => {
        const welcome = await wb.welcome(pane, /No local replica is running/);
        await shot('5-replica-welcome');
        await welcome.getByRole('button', { name: /Start/ }).first().click();
      });
      await step(`Start Local Replica: the project's template, the replica named ${PROJECT}`, async () => {
        const state = await (async () => { await wb.waitForQuickInput(); return wb.quickInputState(); })();
        log(`template picker: ${state.placeholder} | ${state.rows.map((r) => r.replace(/\s+/g, ' ')).join(' | ')}`);
        await wb.pick('infra/moodle-ha.yaml');
        await page.waitForFunction(() => /\(2\/2\)/.test(document.querySelector('.quick-input-widget .quick-input-title')?.textContent ?? ''), undefined, { timeout: 20000 });
        await box.fill(PROJECT);
        await page.keyboard.press('Enter');
        await pane.locator('[role="treeitem"]', { hasText: /web-\d+\s*web · running · healthy/ }).first().waitFor({ state: 'visible', timeout: 420000 });
        await wb.notification(/Local replica running at http:\/\/127\.0\.0\.1:\d+\/.*ready in/).waitFor({ state: 'visible', timeout: 120000 });
        await shot('6-replica-running');
      });
      await step('Run Drill from the view\'s title, kill-web: the report says passed', async () => {
        const drill = manifest.contributes.commands.find((c) => c.command === 'moodleHa.replica.drill');
        let button;
        for (const until = Date.now() + 60000; Date.now() < until;) {
          await pane.locator('.pane-header').first().hover();
          button = pane.locator(`.pane-header .actions .action-label[aria-label^="${drill.title}"]`).first();
          if (await button.isVisible()) break;
          await page.waitForTimeout(1000);
        }
        await button.click();
        await wb.pick('kill-web');
        await shot('7-drill-running');
        const report = page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
        const heading = report.locator('h2', { hasText: /^kill-web — (passed|failed)$/ }).first();
        await heading.waitFor({ timeout: 600000 });
        const verdict = await heading.textContent();
        const expectations = (await report.locator('li').allTextContents()).map((t) => t.trim());
        log(`${verdict}: ${expectations.join(' | ')}`);
        await shot('8-drill-report');
        if (!/passed$/.test(verdict)) throw new Error(`${verdict}: ${expectations.join(' | ')}`);
      });
    } finally {
      sweep();
    }

    function sweep() {
      try {
        execFileSync(process.execPath, [CLI, 'sim', 'down', '--project', PROJECT], { stdio: 'pipe', timeout: 120000 });
      } catch (error) {
        log(`sim down --project ${PROJECT}: ${String(error.stderr ?? error.message).trim().split('\n')[0]}`);
      }
    }
  },
};
