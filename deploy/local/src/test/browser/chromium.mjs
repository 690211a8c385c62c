// What every browser test here shares: Debian's Chromium started for a closed network, screenshots,
// Keycloak's login page, and screenshots of every open page when a test fails.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

export const screenshots = process.env.SCREENSHOTS ?? 'target/screenshots';
mkdirSync(screenshots, { recursive: true });

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    // The machine's network is closed: Chromium must not try to reach Google's services.
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
}

export const shot = (page, name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

/** Signs in on Keycloak's own login page and waits until the app at `landing` has the user back. */
export async function signIn(page, user, password, landing) {
  await page.waitForURL(/\/realms\/switchboard\/protocol\/openid-connect\/auth/);
  await page.fill('#username', user);
  await page.fill('#password', password);
  await page.click('#kc-login');
  await page.waitForURL((url) => url.href.startsWith(landing));
}

/** Screenshots of every open page, named `<prefix>-<context>-<page>.png`, with the address each was at. */
export async function failureShots(browser, prefix) {
  for (const [contextIndex, context] of browser.contexts().entries()) {
    for (const [index, page] of context.pages().entries()) {
      console.error(`page ${contextIndex}-${index} was at ${page.url()}`);
      // What the screenshot shows, in the log too: CI keeps the log, not the screenshots.
      const seen = await page.evaluate(() => [...document.querySelectorAll('.connection, .toast, .offer, .conversation.selected, .message')]
        .slice(-40).map((e) => `  ${e.className}: ${(e.textContent ?? '').replace(/\s+/g, ' ').trim().slice(0, 160)}`).join('\n'))
        .catch((error) => `  (page not readable: ${error.message})`);
      console.error(seen);
      await page.screenshot({ path: join(screenshots, `${prefix}-${contextIndex}-${index}.png`) }).catch(() => {});
    }
  }
}
