// Keycloak down, in a real browser (PlatformLauncherTest drives the outage over stdin/stdout): sam, signed in
// before, keeps working on his token (the supervisor's wallboard loads); a new sign-in to the inbox and to the
// console is told why it cannot sign in now, instead of the browser's "site can't be reached"; once Keycloak
// is back the waiting inbox page goes on to the login page by itself and alice signs in.
//
// Protocol: prints `signed-in`, waits for a `keycloak-down` line, prints `unavailable-shown`, then waits for
// Keycloak to come back (up to 5 minutes) and exits 0.
import { createInterface } from 'node:readline';
import { failureShots, launch, shot, signIn } from './chromium.mjs';

const inboxUrl = process.env.INBOX_URL ?? 'http://127.0.0.1:8083/';
const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8089/';
const lines = createInterface({ input: process.stdin });
const nextLine = () => new Promise((resolve) => lines.once('line', resolve));

const browser = await launch();
try {
  const sam = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  sam.setDefaultTimeout(30_000);
  await sam.goto(inboxUrl);
  await signIn(sam, 'sam', 'sam', inboxUrl);
  await sam.locator('.connection.up').waitFor();
  console.log('signed-in');

  if ((await nextLine()) !== 'keycloak-down') throw new Error('expected keycloak-down');
  await sam.click('button.tab:has-text("Supervisor")');
  await sam.locator('#queues tbody tr', { hasText: 'Billing' }).waitFor();
  if (await sam.locator('.toast.error').isVisible()) throw new Error(`sam saw ${await sam.locator('.toast.error').textContent()}`);
  await shot(sam, 'keycloak-down-1-signed-in-supervisor');

  const admin = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  admin.setDefaultTimeout(30_000);
  await admin.goto(consoleUrl);
  await admin.locator('.signin-unavailable h1', { hasText: 'Sign-in is unavailable' }).waitFor();
  await shot(admin, 'keycloak-down-2-console-sign-in');

  const alice = await (await browser.newContext({ viewport: { width: 1366, height: 820 } })).newPage();
  alice.setDefaultTimeout(300_000);
  await alice.goto(inboxUrl);
  await alice.locator('.signin-unavailable h1', { hasText: 'Sign-in is unavailable' }).waitFor({ timeout: 30_000 });
  await alice.getByText('already signed in keep working').waitFor({ timeout: 5_000 });
  await shot(alice, 'keycloak-down-3-inbox-sign-in');
  console.log('unavailable-shown');

  // Keycloak comes back: the same page goes on to Keycloak's login page without anyone reloading it.
  await signIn(alice, 'alice', 'alice', inboxUrl);
  await alice.locator('.connection.up').waitFor();
  await shot(alice, 'keycloak-down-4-back');
} catch (error) {
  await failureShots(browser, 'failure-keycloak-down');
  throw error;
} finally {
  lines.close();
  await browser.close();
}
