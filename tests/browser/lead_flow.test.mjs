// A salesperson's core loop in headless Chromium on the real server, by label as a person
// works: open a lead from the Now queue, log a call on it, fill the BANT checklist, qualify
// it, convert it to a deal with an amount; the deal is then on the Pipeline board and the
// call in the account's timeline. Screenshots go to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, openApp, items, findItem, clickItem, scrollToItem, artifactsDir } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 3 });

// Clicks an item of the lead detail, scrolled into view first, as a person would.
async function clickInPane(page, label, window) {
  const it = await scrollToItem(page, label, window);
  await page.mouse.click(it.rect.x + it.rect.w / 2, it.rect.y + it.rect.h / 2);
}

// Clicks a text field by its label and types into it (through the hidden text input).
async function typeInto(page, label, window, text) {
  await clickInPane(page, label, window);
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

async function stageCount(page, stage) {
  const head = await page.waitForFunction((s) => window.forecourt.items().find((it) =>
    it.window === 'Pipeline' && it.text && it.label.startsWith(s + ' (')) || null, stage, { timeout: 10000 });
  return Number((await head.jsonValue()).label.match(/\((\d+)\)/)[1]);
}

test('open a lead from Now, log a call, qualify it, convert it: the deal is in Pipeline, the call in the timeline', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url, { width: 1280, height: 1200 });
  const snapshot = await (await fetch(env.server.url + 'api/v1/demo/snapshot')).json();
  const callable = new Set(snapshot.accounts.filter((a) => {
    const first = snapshot.contacts.find((c) => c.account_id === a.id);
    return first && !first.do_not_contact;
  }).map((a) => a.name));

  await clickItem(page, 'Pipeline', 'Navigation');
  const evaluatingBefore = await stageCount(page, 'Evaluating');

  // The Now queue: a lead item ("Account · Category") whose reason is a lead's, on an
  // account whose contact may be called.
  await clickItem(page, 'Now', 'Navigation');
  await findItem(page, 'Now', 'Now');
  const now = (await items(page)).filter((it) => it.window === 'Now');
  const entry = now.find((it, i) => !it.text && it.label.includes(' · ') && callable.has(it.label.split(' · ')[0]) &&
    now[i + 1] && now[i + 1].text && /^(New|SLA|Escalated)/.test(now[i + 1].label));
  assert.ok(entry, 'the Now queue has a lead to work');
  const account = entry.label.split(' · ')[0];
  await clickItem(page, entry.label, 'Now');
  await findItem(page, 'Log call', 'Lead detail');

  // Log the call, keyboard first: outcome, Tab, next step, Enter.
  await clickInPane(page, 'Log call', 'Lead detail');
  await findItem(page, 'Log call · ' + account, 'Quick log');
  await page.keyboard.type('Wants a test drive on Saturday');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Confirm the test drive');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => !window.forecourt.items().some((it) => it.window === 'Quick log'));

  if (await page.evaluate(() => window.forecourt.items().some((it) =>
    it.window === 'Lead detail' && it.label === 'Start working' && !it.disabled))) {
    await clickInPane(page, 'Start working', 'Lead detail');
    await findItem(page, 'Working', 'Lead detail');
  }
  // Qualify is held back until the checklist says so.
  const qualify = await findItem(page, 'Qualify', 'Lead detail');
  assert.equal(qualify.disabled, true, 'Qualify waits for the BANT checklist');
  for (const [item, evidence] of [['Budget', 'Has 30k set aside'], ['Authority', 'Owner signs himself'],
    ['Need', 'Current van is failing'], ['Timeline', 'Wants it this month']]) {
    await typeInto(page, `${item} evidence`, 'Lead detail', evidence);
    await clickInPane(page, `${item} met`, 'Lead detail');
  }
  await clickInPane(page, 'Save checklist', 'Lead detail');
  await page.waitForFunction(() => window.forecourt.items().some((it) =>
    it.window === 'Lead detail' && it.label === 'Qualify' && !it.disabled), null, { timeout: 10000 });
  await clickInPane(page, 'Qualify', 'Lead detail');
  await findItem(page, 'Qualified', 'Lead detail');

  await typeInto(page, 'Deal amount', 'Lead detail', '25000');
  await clickInPane(page, 'Convert to deal', 'Lead detail');
  await findItem(page, 'Converted', 'Lead detail');
  await page.screenshot({ path: path.join(artifactsDir, 'flow-lead-converted.png') });

  // The deal is on the board, where the customer is: evaluating.
  await clickItem(page, 'Pipeline', 'Navigation');
  await page.waitForFunction((n) => window.forecourt.items().some((it) => it.window === 'Pipeline' &&
    it.text && it.label === `Evaluating (${n})`), evaluatingBefore + 1, { timeout: 10000 });

  // The call is in the account's timeline.
  await clickItem(page, 'Accounts', 'Navigation');
  await typeInto(page, 'Search accounts', 'Accounts', account);
  await clickItem(page, account, 'Accounts');
  await findItem(page, 'Wants a test drive on Saturday', 'Accounts');
  await page.screenshot({ path: path.join(artifactsDir, 'flow-account-timeline.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
