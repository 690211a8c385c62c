// The inbox flow in a real browser against `./switchboard up`: a customer writes from the chat
// widget, an agent signs in through Keycloak's own login page, goes available, accepts the offer,
// replies, and wraps up; the customer sees the reply and the end of the chat. Meanwhile a
// supervisor watches the chat silently and sends the agent a note the customer never sees, samples
// the queue for quality, scores the ended chat on the tenant's scorecard, and the agent reads the result. Screenshots of both
// sides go to SCREENSHOTS (deploy/local/target/screenshots when run from Maven).
//
// Environment: CHROMIUM (default /usr/bin/chromium), CHAT_URL, INBOX_URL, SCREENSHOTS.
import { failureShots, launch, screenshots, shot, signIn as keycloakSignIn } from './chromium.mjs';

const chatUrl = process.env.CHAT_URL ?? 'http://127.0.0.1:8082/demo.html';
const inboxUrl = process.env.INBOX_URL ?? 'http://127.0.0.1:8083/';
const timeout = 30_000;

const browser = await launch();
const customerName = `Jane E2E-${Date.now().toString(36)}`;
const complaint = 'I was charged twice';
const answer = 'Sorry about that: we have refunded the second charge.';

async function signIn(page, user) {
  await keycloakSignIn(page, user, user, inboxUrl);
  await page.locator('.connection.up').waitFor();
}

try {
  // The customer, on a laptop-sized page with the widget.
  const customerContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const customer = await customerContext.newPage();
  customer.setDefaultTimeout(timeout);
  await customer.goto(chatUrl);
  await customer.click('.sb-chat > .sb-open');
  await customer.fill('input[name=name]', customerName);
  await customer.fill('input[name=email]', 'jane.e2e@example.com');
  await customer.click('.sb-form .sb-start');
  await customer.fill('.sb-compose textarea', complaint);
  await customer.press('.sb-compose textarea', 'Enter');
  await customer.locator('.sb-line.sb-customer:not(.sb-pending)', { hasText: complaint }).waitFor();

  // The agent signs in through the real Keycloak login page (authorization code + PKCE).
  const agentContext = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const agent = await agentContext.newPage();
  agent.setDefaultTimeout(timeout);
  await agent.goto(inboxUrl);
  await signIn(agent, 'alice');

  // The Call form offers acme-bank's numbers as caller id; a number that is not one is refused with the reason.
  await agent.locator('form.call #caller-id option', { hasText: '+442079460000' }).waitFor({ state: 'attached' });
  await agent.fill('#call-number', 'not a number');
  await agent.click('#call');
  await agent.locator('.toast.error', { hasText: 'cannot call' }).waitFor();

  await agent.selectOption('#presence', 'AVAILABLE');
  const offer = agent.locator('.offer', { hasText: customerName });
  await offer.waitFor();
  await shot(agent, 'agent-1-offer');
  await offer.locator('button.accept').click();

  const conversation = agent.locator('.conversation', { hasText: customerName });
  await conversation.waitFor();
  await conversation.click();
  await agent.locator('.message.inbound', { hasText: complaint }).waitFor();
  await agent.fill('#composer', answer);
  await agent.press('#composer', 'Enter');
  await agent.locator('.message.outbound.sent', { hasText: answer }).waitFor();

  await customer.locator('.sb-line.sb-agent', { hasText: answer }).waitFor();
  await shot(customer, 'customer-1-reply');
  await shot(agent, 'agent-2-conversation');

  // A supervisor of the tenant watches the live chat silently and writes the agent a private note.
  const supervisorContext = await browser.newContext({ viewport: { width: 1366, height: 820 } });
  const supervisor = await supervisorContext.newPage();
  supervisor.setDefaultTimeout(timeout);
  await supervisor.goto(inboxUrl);
  await signIn(supervisor, 'sam');
  await supervisor.click('button.tab:has-text("Supervisor")');
  await supervisor.locator('#open-contacts tbody tr', { hasText: customerName }).locator('button.watch').click();
  await supervisor.locator('.message.inbound', { hasText: complaint }).waitFor();
  await supervisor.locator('#watching').waitFor();
  const note = 'Offer the goodwill credit as well';
  await supervisor.fill('#note-text', note);
  await supervisor.click('#send-note');
  await supervisor.locator('.message.note', { hasText: note }).waitFor();
  await agent.locator('.message.note', { hasText: note }).waitFor();
  await shot(supervisor, 'supervisor-0-watching');
  await shot(agent, 'agent-2b-note');
  // The customer never sees it: the agent's next reply arrives, the note does not.
  const credit = 'We have added a goodwill credit too.';
  await agent.fill('#composer', credit);
  await agent.press('#composer', 'Enter');
  await customer.locator('.sb-line.sb-agent', { hasText: credit }).waitFor();
  if (await customer.getByText(note).count() !== 0) throw new Error('the customer saw the supervisor\'s note');

  // Quality: the supervisor samples every billing contact from now on and sets acme-bank's scorecard.
  await supervisor.click('button.tab:has-text("Quality")');
  await supervisor.selectOption('#qa-queue', 'acme-bank/billing');
  await supervisor.fill('#qa-share', '100');
  await supervisor.fill('#qa-minimum', '0');
  await supervisor.click('#qa-save-policy');
  await supervisor.locator('.toast', { hasText: 'Sampling saved' }).waitFor();
  await supervisor.selectOption('#qa-tenant', 'acme-bank');
  await supervisor.fill('#qa-card-name', 'Chats');
  await supervisor.fill('#qa-criteria', 'greeting | Greets the customer | 1 | 1\naccuracy | Gives the right answer | 3 | 5');
  await supervisor.click('#qa-save-card');
  await supervisor.locator('.toast', { hasText: 'Scorecard saved' }).waitFor();

  await agent.selectOption('#disposition', 'resolved');
  await agent.click('#wrap-up');
  await conversation.waitFor({ state: 'detached' });
  await shot(agent, 'agent-3-wrapped-up');

  await customer.locator('.sb-notice', { hasText: 'ended the chat' }).waitFor();
  await shot(customer, 'customer-2-ended');

  // The ended chat was sampled: the supervisor scores it beside its transcript and alice sees the result.
  await supervisor.click('button.tab:has-text("Quality")');
  await supervisor.locator('#pending button.evaluate').first().click();
  await supervisor.locator('.transcript .message.inbound', { hasText: complaint }).waitFor();
  await supervisor.selectOption('select[name=score-greeting]', '1');
  await supervisor.selectOption('select[name=score-accuracy]', '3');
  await supervisor.fill('input[name=comment-accuracy]', 'Say when the refund arrives');
  await supervisor.fill('textarea[name=comment]', 'Quick and friendly');
  await shot(supervisor, 'supervisor-2-evaluating');
  await supervisor.click('#submit-score');
  await supervisor.locator('#scored tbody tr', { hasText: '70% by sam' }).first().waitFor();
  await agent.click('button.tab:has-text("Quality")');
  await agent.locator('#my-evaluations .result', { hasText: '70%' }).first().waitFor();
  await agent.locator('#my-evaluations .result', { hasText: 'Say when the refund arrives' }).first().waitFor();
  await shot(agent, 'agent-3b-evaluation');
  await agent.click('button.tab:has-text("Inbox")');

  // The supervisor watches queues and agents live.
  await supervisor.click('button.tab:has-text("Supervisor")');
  await supervisor.locator('#queues tbody tr', { hasText: 'Billing' }).waitFor();
  await supervisor.locator('#agents tbody tr', { hasText: 'Alice Adams' }).waitFor();
  await shot(supervisor, 'supervisor-1-wallboard');

  // Reports: today's figures per queue from the reporting service, with the charts.
  await supervisor.click('button.tab:has-text("Reports")');
  await supervisor.selectOption('#report-tenant', 'acme-bank');
  await supervisor.selectOption('#report-granularity', 'day');
  for (let attempt = 0; attempt < 20; attempt++) {
    await supervisor.click('#report-show');
    await supervisor.locator('#report-zone, .report-body [role=alert]').first().waitFor();
    if (await supervisor.locator('#report-table tbody tr', { hasText: 'billing' }).count() > 0) break;
    await supervisor.waitForTimeout(1000);
  }
  await supervisor.locator('#report-table tbody tr', { hasText: 'billing' }).first().waitFor();
  await supervisor.locator('#chart-sl svg').waitFor();
  await supervisor.locator('#chart-volume svg').waitFor();
  await shot(supervisor, 'supervisor-3-reports');

  // The same inbox at tablet width still shows the list and the presence control.
  await agent.setViewportSize({ width: 820, height: 1180 });
  await agent.locator('#presence').waitFor({ state: 'visible' });
  await shot(agent, 'agent-4-tablet');
  console.log(`inbox e2e passed; screenshots in ${screenshots}`);
} catch (error) {
  await failureShots(browser, 'failure');
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
