// Debian's Chromium driven by playwright-core. Never downloads a browser: when /usr/bin/chromium
// is missing the UI suites are skipped loudly, and under CI=true they fail instead.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const ARTIFACTS = path.join(__dirname, '..', '..', 'artifacts');

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];

export const chromiumPresent = fs.existsSync(CHROMIUM);

/**
 * describe() when Chromium is there; otherwise a loud skip, or under CI=true a failing test,
 * so a CI image without Chromium cannot pass the UI suites by skipping them.
 */
export function describeWithChromium(title: string, body: () => void): void {
  if (chromiumPresent) {
    describe(title, body);
    return;
  }
  const line = '!'.repeat(78);
  console.warn(`${line}\n! ${title}: ${CHROMIUM} not found — browser tests SKIPPED (install Debian's chromium).\n${line}`);
  if (process.env.CI === 'true') {
    describe(title, () => {
      it('needs Chromium under CI', () => {
        throw new Error(`CI=true and ${CHROMIUM} is missing: the browser tests cannot be skipped in CI`);
      });
    });
  } else {
    describe.skip(title, body);
  }
}

export interface Browser {
  readonly context: BrowserContext;
  page(): Promise<Page>;
  close(): Promise<void>;
}

/** A fresh profile per launch, so no cookie or localStorage leaks between suites. */
export async function launchBrowser(): Promise<Browser> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: ARGS,
    viewport: { width: 1280, height: 900 },
    locale: 'ko-KR',
  });
  return {
    context,
    page: () => context.newPage(),
    async close() {
      await context.close();
      fs.rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Saves a full-page screenshot under test/artifacts/ (git-ignored; CI keeps it). */
export async function screenshot(page: Page, name: string): Promise<string> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  const file = path.join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** Collects dialogs (alert()) and page errors, so a test can assert that no script ran. */
export function watchPage(page: Page): { dialogs: string[]; errors: string[]; cspViolations: string[] } {
  const seen = { dialogs: [] as string[], errors: [] as string[], cspViolations: [] as string[] };
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => seen.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) seen.cspViolations.push(message.text());
  });
  return seen;
}
