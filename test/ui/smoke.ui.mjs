// The extension loads in a real workbench and its log opens from the command palette.
// (\s, not ' ': the editor renders spaces as no-break spaces.)
const LOG_LINE = /Moodle\sHA\sactivated\sin\s\d+\sms/;

export default {
  title: 'Moodle HA: Show Log opens the extension log',
  async run({ wb, page, step }) {
    await step('Moodle HA: Show Log opens our output channel', async () => {
      await wb.runCommand('Moodle HA: Show Log');
      await page.locator('.part.panel .view-lines', { hasText: LOG_LINE }).first().waitFor({ state: 'visible', timeout: 20000 });
      await wb.screenshot('01-log-channel');
    });
  },
};
