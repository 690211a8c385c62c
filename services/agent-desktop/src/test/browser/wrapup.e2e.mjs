// The inbox in Debian's Chromium against the @QuarkusTest app (InboxBrowserTest starts it and plays
// routing): alice signs in on Keycloak's page, opens the chat she holds, inserts a canned response and
// sends it, ends the chat, sees the wrap-up form with the countdown of her wrap-up time, picks an
// outcome, writes a note and clicks Done. Screenshots in $SCREENSHOTS; every open page's on failure.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const inboxUrl = process.env.INBOX_URL;
const contactId = process.env.CONTACT_ID;
const screenshots = process.env.SCREENSHOTS ?? 'target/screenshots';
mkdirSync(screenshots, { recursive: true });
const shot = (page, name) => page.screenshot({ path: join(screenshots, `${name}.png`), fullPage: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  // The machine's network is closed: Chromium must not try to reach Google's services.
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
const page = await context.newPage();
page.setDefaultTimeout(30_000);
page.on('console', (message) => { if (message.type() === 'error') console.error(`browser: ${message.text()}`); });
try {
  await page.goto(inboxUrl);
  await page.waitForURL(/\/realms\/switchboard\/protocol\/openid-connect\/auth/);
  await page.fill('#username', 'alice');
  await page.fill('#password', 'alice');
  await page.click('#kc-login');
  await page.waitForURL((url) => url.href.startsWith(inboxUrl));

  const conversation = page.locator(`.conversation[data-contact="${contactId}"]`);
  await conversation.click();
  await page.locator('.message.inbound', { hasText: 'My card was swallowed' }).waitFor();

  // The queue's canned response goes into the reply box, where the agent edits it before sending.
  await page.locator('#canned option', { hasText: 'Card blocked' }).waitFor({ state: 'attached' });
  await page.selectOption('#canned', { label: 'Card blocked' });
  const composer = page.locator('#composer');
  if (!(await composer.inputValue()).startsWith('I have blocked your card')) throw new Error('the canned response was not inserted');
  await composer.press('End');
  await composer.type(' Anything else?');
  await composer.press('Enter');
  await page.locator('.message.outbound', { hasText: 'Anything else?' }).waitFor();
  await shot(page, 'wrapup-1-canned-reply');

  // End the chat: the wrap-up form takes the reply box's place, with the queue's outcomes.
  await page.click('#wrap-up');
  await conversation.waitFor({ state: 'detached' });
  await page.locator(`.wrapup-item[data-contact="${contactId}"]`).waitFor();
  await page.locator('#wrapup #wrapup-disposition').waitFor();
  // Routing (the test) puts alice in wrap-up: its time left counts down.
  await page.locator('#wrapup .wrapup-countdown', { hasText: /left/ }).waitFor();
  await shot(page, 'wrapup-2-form');

  // Done without an outcome is refused in the page; then with one.
  await page.click('#wrapup-done');
  await page.locator('.toast.error', { hasText: 'Choose an outcome' }).waitFor();
  await page.selectOption('#wrapup-disposition', { label: 'Call back' });
  await page.fill('#wrapup-notes', 'Wants a call about the new card');
  await page.click('#wrapup-done');
  await page.locator('.toast', { hasText: 'Wrapped up' }).waitFor();
  await page.locator('#wrapup').waitFor({ state: 'detached' });
  await page.locator(`.wrapup-item[data-contact="${contactId}"]`).waitFor({ state: 'detached' });
  await shot(page, 'wrapup-3-done');
  console.log('wrap-up done in the browser');
} catch (error) {
  console.error(`failed at ${page.url()}`);
  await page.screenshot({ path: join(screenshots, 'wrapup-failure.png'), fullPage: true }).catch(() => {});
  throw error;
} finally {
  await browser.close();
}
