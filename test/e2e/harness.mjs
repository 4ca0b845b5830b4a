// Drives a real VS Code (code-server) through headless Chromium: start/stop the server, and the few
// workbench gestures the suite needs. Every wait polls for a visible state; the only fixed pauses are
// short UI settles (SETTLE_MS) before a keystroke or a screenshot.
import { spawn, spawnSync } from 'node:child_process';
import { createWriteStream, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { hostEnv } from './setup-host.mjs';

export const SETTLE_MS = 250;
const SERVER_START_MS = 60_000;

export class StepError extends Error {}

/** Polls `probe` until it returns a truthy value; throws `StepError(what)` after `timeoutMs`. */
export async function poll(what, probe, { timeoutMs = 60_000, intervalMs = 300 } = {}) {
  const deadline = Date.now() + timeoutMs;
  let last;
  for (;;) {
    try {
      const value = await probe();
      if (value) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) throw new StepError(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}${last ? ` (last error: ${last.message.split('\n')[0]})` : ''}`);
    await sleep(intervalMs);
  }
}

/** `code-server --install-extension` into a throwaway extensions dir. */
export function installExtension(paths, { vsix, extensionsDir, userDataDir, configFile, env }) {
  const result = spawnSync(paths.node, [paths.codeServer, '--config', configFile, '--extensions-dir', extensionsDir, '--user-data-dir', userDataDir, '--install-extension', vsix], {
    encoding: 'utf8',
    env: hostEnv(paths, env),
    timeout: 120_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/was successfully installed/i.test(output)) throw new StepError(`code-server --install-extension ${vsix} failed (${result.status ?? result.signal}):\n${output}`);
  return output.trim();
}

/**
 * Starts code-server on 127.0.0.1 (a port the OS picks) in its own process group.
 * Returns { url, stop(), logFile }; stop() kills the whole group (extension host, language server).
 */
export async function startCodeServer(paths, { workspace, extensionsDir, userDataDir, configFile, logFile, env }) {
  const log = createWriteStream(logFile);
  const child = spawn(
    paths.node,
    [paths.codeServer, '--config', configFile, '--auth', 'none', '--bind-addr', '127.0.0.1:0', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, '--disable-telemetry', '--disable-update-check', workspace],
    { detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: hostEnv(paths, env) },
  );
  let exited = null;
  const exit = new Promise((resolve) => child.once('exit', (code, signal) => resolve((exited = { code, signal }))));
  let output = '';
  const onData = (chunk) => {
    output += chunk.toString();
    log.write(chunk);
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  const stop = async () => {
    if (exited === null) {
      for (const [signal, waitMs] of [['SIGTERM', 5000], ['SIGKILL', 5000]]) {
        try {
          process.kill(-child.pid, signal);
        } catch {
          break; // the group is gone
        }
        if (await Promise.race([exit.then(() => true), sleep(waitMs).then(() => false)])) break;
      }
    }
    // The group may outlive its leader (the extension host, the language server): sweep it.
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    log.end();
  };

  try {
    const url = await poll(
      'code-server to listen',
      () => {
        if (exited) throw new Error(`code-server exited (${exited.code ?? exited.signal}):\n${output}`);
        return /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(output)?.[1];
      },
      { timeoutMs: SERVER_START_MS, intervalMs: 100 },
    );
    return { url, stop, pid: child.pid, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

export function loadPlaywright(paths) {
  return createRequire(join(paths.playwright, 'package.json'))('playwright-core');
}

export async function launchBrowser(paths) {
  const { chromium } = loadPlaywright(paths);
  return chromium.launch({
    executablePath: paths.chromium,
    // Without the background-networking switches Chromium keeps trying to reach the internet.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-default-apps'],
  });
}

/** Workbench gestures on one page. */
export class Workbench {
  constructor(page, shotsDir, prefix) {
    this.page = page;
    this.shotsDir = shotsDir;
    this.prefix = prefix;
    this.shots = [];
  }

  async open(url, folder) {
    await this.page.goto(`${url}?folder=${encodeURIComponent(folder)}`);
    await this.page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    // The explorer shows the folder once the workbench has restored; keystrokes before that get lost.
    await poll('the workbench to show the workspace folder', () => this.page.locator('.explorer-folders-view .monaco-list-row').first().isVisible(), { timeoutMs: 60_000 });
  }

  async screenshot(name) {
    await sleep(SETTLE_MS);
    const path = join(this.shotsDir, `${this.prefix}-${String(this.shots.length + 1).padStart(2, '0')}-${name}.png`);
    await this.page.screenshot({ path });
    this.shots.push(path);
    return path;
  }

  async quickInput(open, text, { accept = true, expectItem } = {}) {
    await this.page.keyboard.press('Escape');
    await open();
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(text);
    const item = expectItem && this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row', { hasText: expectItem }).first();
    if (item) await poll(`quick pick item "${expectItem}"`, () => item.isVisible(), { timeoutMs: 20_000 });
    if (accept) {
      await sleep(SETTLE_MS);
      // Enter accepts the focused item; when fuzzy matching ranked another item first, click ours.
      if (item && !(await item.evaluate((row) => row.classList.contains('focused')))) await item.click();
      else await this.page.keyboard.press('Enter');
    }
  }

  /** Quick Open (Ctrl+P) a workspace-relative path; waits for its editor tab. */
  async openFile(relativePath) {
    const name = relativePath.split('/').pop();
    await this.focusEditorArea();
    await this.quickInput(() => this.page.keyboard.press('Control+P'), relativePath, { expectItem: name });
    await poll(`an editor tab for ${relativePath}`, () => this.page.locator('.tabs-container .tab.active', { hasText: name }).first().isVisible(), { timeoutMs: 20_000 });
    await poll(`the editor for ${relativePath}`, () => this.page.locator('.part.editor .monaco-editor .view-line').first().isVisible(), { timeoutMs: 20_000 });
  }

  /** Leaves popups, hovers and webviews without clicking (a click can land on an overlay). */
  async focusEditorArea() {
    await this.page.mouse.move(150, 600);
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Escape');
  }

  /** Go to line:column in the active editor (Ctrl+G). */
  async goTo(line, column) {
    // Ctrl+G opens Quick Open with the ':' prefix; filling the box replaces it, so type it back.
    await this.quickInput(() => this.page.keyboard.press('Control+G'), `:${line}:${column}`);
    await poll(`the cursor at Ln ${line}, Col ${column}`, async () => (await this.page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+/ }).first().innerText()).startsWith(`Ln ${line}, Col ${column}`), { timeoutMs: 10_000 });
  }

  /** Runs a command from the command palette (F1) by its title (or the part of it after `Category: `). */
  async runCommand(title) {
    await this.quickInput(() => this.page.keyboard.press('F1'), `>${title}`, { expectItem: title });
  }

  /** A tree row in the view titled `viewName` whose label is exactly `label`. */
  treeRow(viewName, label) {
    const pane = this.page.locator('.pane', { has: this.page.locator('.pane-header', { hasText: viewName }) });
    return pane.locator('.monaco-list-row', { has: this.page.locator('.label-name', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) }).first();
  }

  /** Collapses the side bar pane titled `title` (to give the other panes room). */
  async collapsePane(title) {
    const header = this.page.locator('.pane-header[aria-expanded="true"]', { hasText: title }).first();
    if (await header.isVisible()) {
      await header.click();
      await poll(`the ${title} pane to collapse`, async () => !(await header.isVisible()), { timeoutMs: 10_000 });
    }
  }

  /** Right-clicks `row` and picks `action` from its context menu. */
  async contextMenu(row, action) {
    await row.click({ button: 'right' });
    const item = this.page.locator('.monaco-menu .action-item', { hasText: action }).first();
    await item.waitFor({ state: 'visible', timeout: 10_000 });
    await sleep(SETTLE_MS);
    await item.click();
  }

  async showProblems() {
    if (await this.page.locator('.markers-panel').first().isVisible()) return;
    await this.page.keyboard.press('Escape');
    await this.page.keyboard.press('Control+Shift+M');
    await poll('the Problems panel', () => this.page.locator('.markers-panel').first().isVisible(), { timeoutMs: 15_000 });
  }

  /**
   * Every Problems panel row: [{ index, text, links: [{ text, href }] }]. The panel is a virtualized
   * list (only visible rows are in the DOM), so this scrolls it from top to bottom with the wheel.
   */
  async problemRows() {
    const list = this.page.locator('.markers-panel .monaco-list').first();
    const box = await list.boundingBox();
    if (!box || box.height < 10) return [];
    const collect = () =>
      list.locator('.monaco-list-row').evaluateAll((rows) =>
        rows.map((row) => ({
          index: Number(row.getAttribute('data-index')),
          text: row.innerText,
          links: [...row.querySelectorAll('a, .monaco-link')].map((link) => ({ text: link.textContent ?? '', href: link.getAttribute('href') ?? link.getAttribute('title') ?? '' })),
        })),
      );
    const seen = new Map();
    await this.scrollProblemsToTop(box);
    for (let round = 0; round < 40; round++) {
      await sleep(60);
      let added = 0;
      for (const row of await collect()) {
        if (!seen.has(row.index)) {
          seen.set(row.index, row);
          added++;
        }
      }
      if (added === 0 && round > 0) break;
      await this.page.mouse.wheel(0, Math.max(40, box.height * 0.7));
    }
    await this.scrollProblemsToTop(box);
    await this.page.mouse.move(150, 600);
    return [...seen.values()].sort((a, b) => a.index - b.index);
  }

  /** Wheels the Problems list up until its first row is in view (one big wheel delta is not enough). */
  async scrollProblemsToTop(box) {
    await this.page.mouse.move(box.x + box.width / 2, box.y + Math.min(box.height / 2, 40));
    // While the list re-renders, VS Code can hold two rows with index 0 (one leaving, one entering):
    // the visible one is the row the panel shows.
    const first = this.page.locator('.markers-panel .monaco-list-row[data-index="0"]').filter({ visible: true }).first();
    for (let attempt = 0; attempt < 50; attempt++) {
      const top = (await first.count()) > 0 ? (await first.boundingBox())?.y : undefined;
      if (top !== undefined && top >= box.y - 1) return;
      await this.page.mouse.wheel(0, -Math.max(100, box.height));
      await sleep(50);
    }
  }

  /** Types `text` into the Problems panel filter ('' clears it). Escape in the box clears it too. */
  async filterProblems(text) {
    await this.showProblems();
    const input = this.page.locator('.part.panel .viewpane-filter input, .part.panel .viewpane-filter textarea').first();
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await sleep(SETTLE_MS * 2); // the filter is debounced
    const box = await this.page.locator('.markers-panel .monaco-list').first().boundingBox();
    if (box) await this.scrollProblemsToTop(box);
    await this.page.mouse.move(150, 600);
  }

  /** Waits until every expectation ({ rule, text }) has a Problems row; returns the rows. */
  async expectProblems(what, expectations, timeoutMs = 90_000) {
    await this.showProblems();
    let rows = [];
    try {
      return await poll(
        what,
        async () => {
          rows = await this.problemRows();
          return expectations.every((expected) => rows.some((row) => row.text.includes(expected.rule) && row.text.includes(expected.text))) ? rows : undefined;
        },
        { timeoutMs },
      );
    } catch (error) {
      const missing = expectations.filter((expected) => !rows.some((row) => row.text.includes(expected.rule) && row.text.includes(expected.text)));
      throw new StepError(`${error.message}\n  missing: ${missing.map((m) => `${m.rule} "${m.text}"`).join(', ')}\n  rows:\n    ${rows.map((row) => row.text.replace(/\s+/g, ' ')).join('\n    ')}`);
    }
  }

  /** Moves the mouse onto the text `needle` in a visible editor line and waits for a hover holding `expected`. */
  async hoverText(needle, expected) {
    const span = this.page.locator('.part.editor .monaco-editor .view-line span span', { hasText: needle }).first();
    await span.waitFor({ state: 'visible', timeout: 15_000 });
    let hoverText = '';
    return poll(
      `a hover containing "${expected}"`,
      async () => {
        const box = await span.boundingBox();
        if (!box) return undefined;
        // Leave and re-enter so that every attempt triggers a fresh hover.
        await this.page.mouse.move(box.x + 2, box.y - 200);
        await this.page.mouse.move(box.x + Math.min(box.width / 2, 120), box.y + box.height / 2, { steps: 4 });
        try {
          await poll('hover', async () => {
            hoverText = (await this.page.locator('.monaco-hover:not(.hidden)').allInnerTexts()).join('\n');
            return expected instanceof RegExp ? expected.test(hoverText) : hoverText.includes(expected);
          }, { timeoutMs: 6000, intervalMs: 200 });
          return hoverText;
        } catch {
          return undefined;
        }
      },
      { timeoutMs: 45_000, intervalMs: 200 },
    );
  }

  /** Ctrl+. at the cursor, then picks the code action whose title contains `title`. */
  async applyCodeAction(title) {
    const item = this.page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
    await poll(`a code action "${title}" after Ctrl+.`, async () => {
      if (!(await this.page.locator('.action-widget').first().isVisible())) {
        await this.page.keyboard.press('Control+.');
        await this.page.locator('.action-widget').first().waitFor({ state: 'visible', timeout: 5000 }).catch(() => undefined);
      }
      if (await item.isVisible()) return true;
      // Code actions come from the language server; close and ask again.
      await this.page.keyboard.press('Escape');
      return false;
    }, { timeoutMs: 45_000, intervalMs: 500 });
    return item;
  }
}

export function readText(path) {
  return readFileSync(path, 'utf8');
}
