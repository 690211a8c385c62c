// Text and social messaging in the inbox, in a real browser against `./switchboard up`: a customer
// texts acme-bank's number (a webhook signed as Twilio signs it) and writes on WhatsApp (signed as Meta
// signs it); alice sees each with its badge (SMS, WA), counts SMS segments while she types, answers, and
// sees the carrier's "delivered"; on WhatsApp she sees the reply window's time left.
//
// Environment: CHROMIUM, INBOX_URL, SMS_URL, SOCIAL_URL, SCREENSHOTS.
import { createHmac } from 'node:crypto';
import { failureShots, launch, screenshots, shot, signIn } from './chromium.mjs';

const inboxUrl = process.env.INBOX_URL ?? 'http://127.0.0.1:8083/';
const smsUrl = process.env.SMS_URL ?? 'http://127.0.0.1:8087';
const socialUrl = process.env.SOCIAL_URL ?? 'http://127.0.0.1:8088';
const timeout = 30_000;
const run = Date.now().toString().slice(-6);

/** Twilio's signature: base64 HMAC-SHA1 of the URL and the parameters sorted by name, name then value. */
async function text(from, body) {
  const url = `${smsUrl}/webhooks/twilio/sms`;
  const params = { AccountSid: 'ACswitchboardlocal0000000000000000', Body: body, From: from, MessageSid: `SM${run}${Math.random().toString(16).slice(2)}`,
    NumMedia: '0', To: '+447700100100' };
  const signed = url + Object.keys(params).sort().map((k) => k + params[k]).join('');
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded',
      'X-Twilio-Signature': createHmac('sha1', 'local-twilio-token').update(signed).digest('base64') },
    body: new URLSearchParams(params).toString(),
  });
  if (response.status !== 200) throw new Error(`the SMS webhook answered ${response.status}: ${await response.text()}`);
}

/**
 * Types a reply and waits for the segment counter. An offer may redraw the reply box between
 * Playwright's select-all and its typing: the inbox keeps the selection across the redraw, so the text
 * still replaces the draft (it used to be appended to it).
 */
async function compose(page, reply, counter) {
  await page.fill('#composer', reply);
  const typed = await page.inputValue('#composer');
  if (typed !== reply) throw new Error(`the reply box holds "${typed}", not "${reply}"`);
  await page.locator('#segments', { hasText: counter }).waitFor({ timeout: 10000 });
}

/** Meta's signature: sha256= and the hex HMAC-SHA256 of the raw body with the app secret. */
async function whatsapp(waId, name, body) {
  const payload = JSON.stringify({ object: 'whatsapp_business_account', entry: [{ id: '900000000000001', changes: [{ field: 'messages', value: {
    messaging_product: 'whatsapp', metadata: { display_phone_number: '15550000001', phone_number_id: '100000000000001' },
    contacts: [{ profile: { name }, wa_id: waId }],
    messages: [{ from: waId, id: `wamid.browser${run}`, timestamp: String(Math.floor(Date.now() / 1000)), type: 'text', text: { body } }],
  } }] }] });
  const response = await fetch(`${socialUrl}/webhooks/meta`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json',
      'X-Hub-Signature-256': `sha256=${createHmac('sha256', 'local-meta-app-secret').update(payload).digest('hex')}` },
    body: payload,
  });
  if (response.status !== 200) throw new Error(`the Meta webhook answered ${response.status}: ${await response.text()}`);
}

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const agent = await context.newPage();
  agent.setDefaultTimeout(timeout);
  await agent.goto(inboxUrl);
  await signIn(agent, 'alice', 'alice', inboxUrl);
  await agent.locator('.connection.up').waitFor();
  await agent.selectOption('#presence', 'AVAILABLE');

  const mobile = `+447400${run}`;
  await text(mobile, 'Browser test: is my card blocked?');
  const smsOffer = agent.locator('.offer', { hasText: 'Browser test: is my card blocked?' });
  await smsOffer.waitFor();
  await smsOffer.locator('.channel.sms').waitFor();
  await smsOffer.locator('button.accept').click();
  const smsConversation = agent.locator('.conversation', { hasText: mobile });
  await smsConversation.click();
  await agent.locator('#segments', { hasText: '160 characters per segment' }).waitFor();
  await compose(agent, 'x'.repeat(161), '2 segments · GSM-7');
  await compose(agent, 'Your card works again ✓', '1 segment · UCS-2');
  await shot(agent, 'messaging-1-sms-segments');
  await agent.press('#composer', 'Enter');
  await agent.locator('.message.outbound', { hasText: 'Your card works again' }).locator('.meta', { hasText: 'delivered' }).waitFor();
  await shot(agent, 'messaging-2-sms-delivered');

  const waId = `447400${(Number(run) + 1) % 1_000_000}`.padEnd(12, '0');
  await whatsapp(waId, 'Wanda Browser', 'Browser test on WhatsApp');
  const waOffer = agent.locator('.offer', { hasText: 'Browser test on WhatsApp' });
  await waOffer.waitFor();
  await waOffer.locator('.channel.social.whatsapp', { hasText: 'WA' }).waitFor();
  await waOffer.locator('button.accept').click();
  await agent.locator('.conversation', { hasText: 'Wanda Browser' }).click();
  await agent.locator('#window', { hasText: /WhatsApp reply window: 2[0-9]h/ }).waitFor();
  await agent.fill('#composer', 'Hello Wanda, how can we help?');
  await agent.press('#composer', 'Enter');
  await agent.locator('.message.outbound', { hasText: 'Hello Wanda' }).locator('.meta', { hasText: 'delivered' }).waitFor();
  await shot(agent, 'messaging-3-whatsapp');
  console.log(`messaging e2e passed; screenshots in ${screenshots}`);
} catch (error) {
  await failureShots(browser, 'messaging-failure');
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
