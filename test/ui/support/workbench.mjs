// Steps a user takes in the VS Code workbench, as Playwright calls. Every wait is for a selector or
// a condition, never a fixed sleep. Selectors are VS Code 1.139's DOM (code-server 4.139).
import path from 'node:path';

const QUICK_INPUT = '.quick-input-widget';
const QUICK_INPUT_BOX = `${QUICK_INPUT} input[type="text"]`;
const QUICK_INPUT_ROW = `${QUICK_INPUT} .quick-input-list .monaco-list-row`;

export class Workbench {
  constructor(page, { url, shotsDir, timeoutMs = 30000 }) {
    this.page = page;
    this.url = url;
    this.shotsDir = shotsDir;
    this.timeoutMs = timeoutMs;
  }

  /**
   * Opens a folder and waits for the explorer to show it. (Our activity-bar entry is no signal: VS
   * Code hides a view container until one of its views is contributed.)
   */
  async open(folder) {
    // A loaded machine (2 cores shared) can take over 30 s to serve the workbench page.
    await this.page.goto(`${this.url}/?folder=${encodeURIComponent(folder)}`, { waitUntil: 'domcontentloaded', timeout: 120000 });
    await this.page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await this.page.locator('.explorer-folders-view').waitFor({ state: 'visible', timeout: 60000 });
  }

  activityTab(title) {
    return this.page.getByRole('tab', { name: new RegExp(`^${title}`) });
  }

  async screenshot(name) {
    await this.page.mouse.move(1390, 890); // so no hover tooltip lingers in the picture
    await this.page.screenshot({ path: path.join(this.shotsDir, `${name}.png`) });
  }

  // ---------------------------------------------------------------- command palette and quick input

  /**
   * F1, type the command's label (category: title), and run it. The palette lists the commands
   * known when it opens, and an extension's may register a moment after the window appears: so
   * when the row does not show, close the palette and open it again, until the deadline.
   */
  async runCommand(label) {
    const deadline = Date.now() + this.timeoutMs;
    for (;;) {
      await this.focusWorkbench();
      await this.page.keyboard.press('F1');
      const box = this.page.locator(QUICK_INPUT_BOX);
      await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
      await box.fill(`>${label}`);
      const row = this.page.locator(QUICK_INPUT_ROW).filter({ has: this.page.getByText(label, { exact: true }) }).first();
      const found = await row.waitFor({ state: 'visible', timeout: Math.min(3000, Math.max(1, deadline - Date.now())) })
        .then(() => true, () => false);
      if (found) {
        await row.click();
        return;
      }
      if (Date.now() >= deadline) throw new Error(`no command "${label}" in the palette`);
      await this.page.keyboard.press('Escape');
      await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    }
  }

  /**
   * The palette's rows for `label` once `control` (a command that must be listed) shows, then
   * closes the palette: to see which commands VS Code offers, e.g. in Restricted Mode.
   */
  async paletteRows(label, control) {
    await this.focusWorkbench();
    await this.page.keyboard.press('F1');
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await box.fill(`>${control}`);
    await this.page.locator(QUICK_INPUT_ROW).filter({ has: this.page.getByText(control, { exact: true }) }).first()
      .waitFor({ state: 'visible', timeout: this.timeoutMs });
    await box.fill(`>${label}`);
    // The list filters as it is typed: wait until no row is left from the control's filter.
    await this.page.waitForFunction(([sel, text]) => [...document.querySelectorAll(sel)].every((r) => !r.textContent.includes(text)),
      [QUICK_INPUT_ROW, control], { timeout: this.timeoutMs }).catch(() => {});
    const rows = (await this.page.locator(QUICK_INPUT_ROW).allInnerTexts()).map((r) => r.replace(/\s+/g, ' ').trim());
    return rows;
  }

  async closeQuickInput() {
    await this.page.keyboard.press('Escape');
    await this.quickInput().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  async focusWorkbench() {
    await this.page.locator('.monaco-workbench .part.titlebar, .monaco-workbench').first().click({ position: { x: 600, y: 5 } }).catch(() => {});
  }

  quickInput() { return this.page.locator(QUICK_INPUT); }

  quickPickRow(text) { return this.page.locator(QUICK_INPUT_ROW, { hasText: text }).first(); }

  async quickInputVisible() { return this.quickInput().isVisible(); }

  /** The current quick input's title, placeholder and rows: to pick an answer and to log the step. */
  async quickInputState() {
    const title = (await this.page.locator(`${QUICK_INPUT} .quick-input-title`).textContent().catch(() => ''))?.trim() ?? '';
    const placeholder = (await this.page.locator(QUICK_INPUT_BOX).getAttribute('placeholder').catch(() => '')) ?? '';
    const value = await this.page.locator(QUICK_INPUT_BOX).inputValue().catch(() => '');
    const rows = await this.page.locator(QUICK_INPUT_ROW).allInnerTexts().catch(() => []);
    const message = (await this.page.locator(`${QUICK_INPUT} .quick-input-message`).textContent().catch(() => ''))?.trim() ?? '';
    return { title, placeholder, value, rows, message };
  }

  async waitForQuickInput(visible = true) {
    await this.quickInput().waitFor({ state: visible ? 'visible' : 'hidden', timeout: this.timeoutMs });
  }

  /** Picks the row with `text` in an open quick pick. */
  async pick(text) {
    const row = this.quickPickRow(text);
    await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    // A click can wait forever on a row that is visible but never "stable" (a list re-rendered while a
    // busy webview redraws beside it, seen once in the live-topology test): then filter and take it by keyboard.
    const clicked = await row.click({ timeout: 10000 }).then(() => true, () => false);
    if (clicked) return;
    await this.page.locator(QUICK_INPUT_BOX).fill(text);
    await this.page.locator(`${QUICK_INPUT_ROW}.focused`, { hasText: text }).first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
  }

  /** Opens a workspace file through Go to File. */
  async openFile(relativePath) {
    await this.runCommand('Go to File...');
    const box = this.page.locator(QUICK_INPUT_BOX);
    await box.fill(relativePath);
    await this.quickPickRow(path.basename(relativePath)).waitFor({ state: 'visible', timeout: this.timeoutMs });
    await this.page.keyboard.press('Enter');
    await this.page.locator('.tab.active', { hasText: path.basename(relativePath) }).waitFor({ timeout: this.timeoutMs });
  }

  // ---------------------------------------------------------------- views and trees

  /**
   * Shows our view container, then the pane with this title, expanded. A container with a single
   * view hides that view's header and puts its name in the side bar's title instead.
   */
  async showView(paneTitle) {
    const sidebar = this.page.locator('.part.sidebar');
    // Clicking the activity tab of the container already shown hides the sidebar: click only to show it.
    const tab = this.activityTab('Moodle HA');
    const shown = (await tab.getAttribute('aria-selected').catch(() => null)) === 'true' && (await sidebar.isVisible());
    if (!shown) await tab.click();
    const header = sidebar.locator('.pane-header', { hasText: paneTitle }).first();
    const title = sidebar.locator('.composite.title', { hasText: paneTitle }).first();
    await header.or(title).filter({ visible: true }).first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    if (await header.isVisible() && (await header.getAttribute('aria-expanded')) === 'false') await header.click();
    return sidebar.locator('.pane', { has: this.page.locator('.pane-header', { hasText: paneTitle }) }).first();
  }

  /** A view's welcome page (package.json viewsWelcome), once it shows text matching `text`. */
  async welcome(pane, text) {
    const content = pane.locator('.welcome-view-content', { hasText: text }).first();
    await content.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return content;
  }

  /** The labels of a pane header's title buttons (the view/title menu's navigation group). */
  async titleActions(pane) {
    const header = pane.locator('.pane-header').first();
    await header.hover();
    return header.locator('.actions .action-label').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
  }

  /** Right-clicks `target` and returns the context menu's entries, then closes the menu. */
  async contextMenuEntries(target) {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    const entries = (await menu.locator('.action-label').allInnerTexts()).map((t) => t.trim()).filter(Boolean);
    await this.page.keyboard.press('Escape');
    await menu.first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
    return entries;
  }

  /**
   * Right-clicks `target` and runs the menu entry `label`. VS Code's menus ignore a click that comes
   * too soon after they open (CI: the entry highlighted, the menu still open, nothing run), so a menu
   * still open after the click gets the entry by keyboard: it is the highlighted one.
   */
  async chooseFromContextMenu(target, label) {
    await target.click({ button: 'right' });
    const menu = this.page.locator('.context-view .monaco-menu');
    await menu.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    const entry = menu.locator('.action-label', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }).first();
    await entry.hover();
    await entry.click();
    const closed = await menu.first().waitFor({ state: 'hidden', timeout: 3000 }).then(() => true, () => false);
    if (closed) return;
    await entry.hover();
    await this.page.keyboard.press('Enter');
    await menu.first().waitFor({ state: 'hidden', timeout: this.timeoutMs });
  }

  /** Waits for at least `min` rows in a view's tree and returns their labels. */
  async treeItems(pane, min = 1) {
    const rows = pane.locator('.pane-body [role="treeitem"]');
    await rows.nth(min - 1).waitFor({ state: 'visible', timeout: this.timeoutMs });
    return rows.allInnerTexts();
  }

  // ---------------------------------------------------------------- editor, Problems panel, notifications

  async problemsPanel() {
    await this.runCommand('Problems: Focus on Problems View');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor({ state: 'visible', timeout: this.timeoutMs });
    return panel;
  }

  /** Waits for a Problems row containing all of `texts` and returns it. */
  async problemRow(...texts) {
    const panel = await this.problemsPanel();
    let row = panel.locator('.monaco-list-row');
    for (const text of texts) row = row.filter({ hasText: text });
    await row.first().waitFor({ state: 'visible', timeout: this.timeoutMs });
    return row.first();
  }

  async editorText() {
    return (await this.page.locator('.editor-instance .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
  }

  notification(text) {
    return this.page.locator('.notifications-toasts .notification-toast, .notifications-center .notification-list-item', { hasText: text }).first();
  }
}
