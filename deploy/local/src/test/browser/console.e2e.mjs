// The admin console in a real browser against `./switchboard up`: an admin signs in through
// Keycloak's login page, adds a skill, a queue that needs it (the form refuses an unknown skill as
// she types), a chat widget leading to the queue, a recorded prompt (a WAV upload) and a phone
// number whose IVR menu plays it and leads to the queue, and an agent with two skills, a password
// and a SIP phone password. That agent then signs in to the inbox and is offered a customer's chat
// from the new widget; the admin deletes her, the number and the prompt at the end.
//
// Environment: CHROMIUM (default /usr/bin/chromium), CONSOLE_URL, INBOX_URL, CHAT_ORIGIN, SCREENSHOTS.
import { createServer } from 'node:http';
import { failureShots, launch, screenshots, shot, signIn } from './chromium.mjs';

const consoleUrl = process.env.CONSOLE_URL ?? 'http://127.0.0.1:8089/';
const inboxUrl = process.env.INBOX_URL ?? 'http://127.0.0.1:8083/';
const chatOrigin = process.env.CHAT_ORIGIN ?? 'http://127.0.0.1:8082';
const timeout = 30_000;

const run = Date.now().toString(36);
const skill = `mortgages-${run}`;
const queue = `mortgages-${run}`;
const widget = `widget-${run}`;
const username = `nora-${run}`;
const password = `Nora-pass-${run}`;
const customerName = `Max Console-${run}`;
const prompt = `menu-${run}`;
const did = `+4420794619${String(Date.now() % 100).padStart(2, '0')}`;

/** Half a second of a 440 Hz tone as a 16-bit 8 kHz mono WAV file, as a recording tool writes it. */
function wav() {
  const samples = 4000;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 8000)), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVE', 8);
  header.write('fmt ', 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(8000, 24); header.writeUInt32LE(16000, 28); header.writeUInt16LE(2, 32); header.writeUInt16LE(16, 34);
  header.write('data', 36); header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

const browser = await launch();

async function submit(page, formLabel, expected) {
  await page.locator(`form[aria-label="${formLabel}"] button[type=submit]`).click();
  await page.locator('.flash', { hasText: expected }).waitFor();
}

try {
  const adminContext = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const admin = await adminContext.newPage();
  admin.setDefaultTimeout(timeout);
  await admin.goto(consoleUrl);
  await signIn(admin, 'ada', 'ada', consoleUrl);
  await admin.locator('.topbar .user', { hasText: 'ada (admin)' }).waitFor();
  await admin.selectOption('select[aria-label=Tenant]', 'acme-bank');

  await admin.click('button.tab:has-text("Skills")');
  const skillForm = 'form[aria-label="Add or change a skill"]';
  await admin.fill(`${skillForm} input[name=skillId]`, skill);
  await admin.fill(`${skillForm} input[name=name]`, 'Mortgages');
  await submit(admin, 'Add or change a skill', 'Saved');
  await admin.locator('tbody tr', { hasText: skill }).waitFor();

  await admin.click('button.tab:has-text("Queues")');
  const queueForm = 'form[aria-label="Add or change a queue"]';
  await admin.fill(`${queueForm} input[name=queueId]`, queue);
  await admin.fill(`${queueForm} input[name=name]`, 'Mortgages');
  // A skill that is not in the catalogue is refused as it is typed, in words.
  await admin.fill(`${queueForm} input[name=requiredSkills]`, 'mortgage:2');
  await admin.locator(`${queueForm} .field-error[data-field=requiredSkills]`, { hasText: 'unknown skill' }).waitFor();
  await admin.fill(`${queueForm} input[name=requiredSkills]`, `${skill}:2`);
  await admin.waitForFunction((selector) => document.querySelector(selector)?.textContent === '',
    `${queueForm} .field-error[data-field=requiredSkills]`);
  await submit(admin, 'Add or change a queue', 'Saved and published');
  await shot(admin, 'console-1-queue');
  await admin.locator('tbody tr', { hasText: queue }).waitFor();

  // Deleting asks first; dismissing keeps the queue.
  admin.once('dialog', (dialog) => dialog.dismiss());
  await admin.locator('tbody tr', { hasText: queue }).locator('button.danger').click();
  await admin.locator('tbody tr', { hasText: queue }).waitFor();

  await admin.click('button.tab:has-text("Entry points")');
  const pointForm = 'form[aria-label="Add or change an entry point"]';
  await admin.selectOption(`${pointForm} select[name=channel]`, 'CHAT');
  await admin.fill(`${pointForm} input[name=address]`, widget);
  await admin.selectOption(`${pointForm} select[name=queueId]`, queue);
  await submit(admin, 'Add or change an entry point', 'Saved and published');

  // A recording for callers, then a number whose menu plays it: key 1 and weekend mornings lead to the queue.
  await admin.click('button.tab:has-text("Prompts")');
  const promptForm = 'form[aria-label="Upload or replace a prompt"]';
  await admin.fill(`${promptForm} input[name=name]`, 'closed');
  await admin.locator(`${promptForm} .field-error[data-field=name]`, { hasText: 'built-in' }).waitFor();
  await admin.fill(`${promptForm} input[name=name]`, prompt);
  await admin.fill(`${promptForm} input[name=description]`, 'For mortgages press 1');
  await admin.setInputFiles(`${promptForm} input[name=audio]`, { name: `${prompt}.wav`, mimeType: 'audio/wav', buffer: wav() });
  await submit(admin, 'Upload or replace a prompt', `Uploaded ${prompt}`);
  await admin.locator('tbody tr', { hasText: prompt }).filter({ hasText: '0.5 s' }).waitFor();

  await admin.click('button.tab:has-text("Entry points")');
  await admin.selectOption(`${pointForm} select[name=channel]`, 'VOICE');
  await admin.fill(`${pointForm} input[name=address]`, did);
  await admin.selectOption(`${pointForm} select[name=queueId]`, queue);
  await admin.selectOption(`${pointForm} select[name=ivrPrompt]`, prompt);
  await admin.fill(`${pointForm} input[name=ivrChoices]`, '1=nowhere');
  await admin.locator(`${pointForm} .field-error[data-field=ivrChoices]`, { hasText: 'no queue "nowhere"' }).waitFor();
  await admin.fill(`${pointForm} input[name=ivrChoices]`, `1=${queue}`);
  await admin.fill(`${pointForm} textarea[name=ivrBranches]`, `SATURDAY,SUNDAY 09:00-13:00 ${queue}`);
  await submit(admin, 'Add or change an entry point', 'Saved and published');
  await admin.locator('tbody tr', { hasText: did }).filter({ hasText: `${prompt}: 1→${queue}` }).waitFor();
  await shot(admin, 'console-1b-ivr');

  await admin.click('button.tab:has-text("Agents")');
  const agentForm = 'form[aria-label="Add or change an agent"]';
  await admin.fill(`${agentForm} input[name=username]`, username);
  await admin.fill(`${agentForm} input[name=firstName]`, 'Nora');
  await admin.fill(`${agentForm} input[name=lastName]`, 'Newhire');
  await admin.fill(`${agentForm} input[name=email]`, `${username}@demo.switchboard.example`);
  // Two skills, neither enough for a demo queue: she must not take other tests' contacts.
  await admin.fill(`${agentForm} input[name=skills]`, `${skill}:3, loans:1`);
  await admin.fill(`${agentForm} input[name=password]`, 'short');
  await admin.locator(`${agentForm} .field-error[data-field=password]`, { hasText: 'At least 8 characters' }).waitFor();
  await admin.fill(`${agentForm} input[name=password]`, password);
  await admin.fill(`${agentForm} input[name=phonePassword]`, `Nora-phone-${run}`);
  await submit(admin, 'Add or change an agent', 'Phone password set');
  await admin.locator('tbody tr', { hasText: username }).filter({ hasText: 'set ' }).waitFor();
  // Edit fills the form with the agent as they are; a skill is raised without retyping the rest.
  await admin.locator('tbody tr', { hasText: username }).locator('button.edit').click();
  const skills = await admin.inputValue(`${agentForm} input[name=skills]`);
  if (!skills.includes(`${skill}:3`)) throw new Error(`Edit did not fill the agent's skills: "${skills}"`);
  await admin.fill(`${agentForm} input[name=skills]`, skills.replace('loans:1', 'loans:2'));
  await submit(admin, 'Add or change an agent', 'Saved and published');
  await admin.locator('tbody tr', { hasText: username }).filter({ hasText: 'loans:2' }).waitFor();
  await shot(admin, 'console-2-agents');

  await admin.click('button.tab:has-text("Audit")');
  await admin.locator('tbody tr', { hasText: `CREATE agent ${username}` }).waitFor();
  await admin.click('button.tab:has-text("Planner")');
  await admin.locator('form[aria-label^="Staffing"] button[type=submit]').click();
  await admin.locator('.plan svg rect.needed').first().waitFor();
  await shot(admin, 'console-3-planner');

  // A customer writes from the client's own site (served here on loopback: Chromium blocks a page it
  // cannot place on the local network from opening the widget's socket) embedding the new widget.
  const site = createServer((request, response) => {
    response.writeHead(200, { 'Content-Type': 'text/html' });
    response.end(`<!doctype html><html><body><h1>Mortgages</h1><script src="${chatOrigin}/widget.js" data-widget="${widget}" async></script></body></html>`);
  });
  await new Promise((resolve) => site.listen(0, '127.0.0.1', resolve));
  const customerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const customer = await customerContext.newPage();
  customer.setDefaultTimeout(timeout);
  await customer.goto(`http://127.0.0.1:${site.address().port}/`);
  await customer.click('.sb-chat > .sb-open');
  await customer.fill('input[name=name]', customerName);
  await customer.fill('input[name=email]', `max.${run}@example.com`);
  await customer.click('.sb-form .sb-start');
  await customer.fill('.sb-compose textarea', 'I would like a mortgage');
  await customer.press('.sb-compose textarea', 'Enter');
  await customer.locator('.sb-line.sb-customer:not(.sb-pending)', { hasText: 'I would like a mortgage' }).waitFor();

  // The new agent signs in to the inbox with the password the admin set and is offered the chat.
  const agentContext = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const agent = await agentContext.newPage();
  agent.setDefaultTimeout(timeout);
  await agent.goto(inboxUrl);
  await signIn(agent, username, password, inboxUrl);
  await agent.locator('.connection.up').waitFor();
  await agent.selectOption('#presence', 'AVAILABLE');
  await agent.locator('.offer', { hasText: customerName }).waitFor();
  await shot(agent, 'console-4-new-agent-offer');

  // The admin deletes her again (confirming this time): routing stops offering her contacts.
  await admin.click('button.tab:has-text("Agents")');
  admin.once('dialog', (dialog) => dialog.accept());
  await admin.locator('tbody tr', { hasText: username }).locator('button.danger', { hasText: 'Delete' }).click();
  await admin.locator('.flash', { hasText: `Deleted agent ${username}` }).waitFor();
  if (await admin.locator('tbody tr', { hasText: username }).count() !== 0) throw new Error(`${username} is still listed`);
  // A prompt a menu plays cannot go; once the number is gone, it can.
  await admin.click('button.tab:has-text("Prompts")');
  admin.once('dialog', (dialog) => dialog.accept());
  await admin.locator('tbody tr', { hasText: prompt }).locator('button.danger').click();
  await admin.locator('.flash', { hasText: 'is played by the menu of' }).waitFor();
  await admin.click('button.tab:has-text("Entry points")');
  admin.once('dialog', (dialog) => dialog.accept());
  await admin.locator('tbody tr', { hasText: did }).locator('button.danger').click();
  await admin.locator('.flash', { hasText: `Deleted VOICE entry point ${did}` }).waitFor();
  await admin.click('button.tab:has-text("Prompts")');
  admin.once('dialog', (dialog) => dialog.accept());
  await admin.locator('tbody tr', { hasText: prompt }).locator('button.danger').click();
  await admin.locator('.flash', { hasText: `Deleted prompt ${prompt}` }).waitFor();
  site.close();
  console.log(`console e2e passed; screenshots in ${screenshots}`);
} catch (error) {
  await failureShots(browser, 'console-failure');
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
