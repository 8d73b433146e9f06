// A new lead reaches the rep's open tab without any action: a web-to-lead form is posted to
// the capture endpoint, the server pokes the rep's event stream, the tab fetches the data
// again, and the lead is drawn in the lead inbox, the tab title counts it and, the tab being
// in the background, a browser notification is raised. The foreground test signs both reps of
// the dealer in (sync mode) and checks the tab of the rep the lead was routed to. (The Now queue lists only leads owned
// by the rep; a captured lead gets an owner once server-side routing runs on capture.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, findItem, artifactsDir } from './harness.mjs';
import { signIn, demoUser, openRepTab, postLead, searchInbox, dealerReps, capturedLead, openSignedInTab,
  openNowScreen } from './live_page.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 5, extraArgs: ['--events-heartbeat', '2'] });

test('a captured lead shows up in the rep\'s background tab with a title badge and a notification', async () => {
  const rep = await demoUser(env.server.url);
  const token = await signIn(env.server.url, rep);
  const { page, context, errors } = await openRepTab(env.browser, { appUrl: env.server.url, token, background: true });
  await findItem(page, 'Lead inbox');
  assert.equal(await page.title(), 'Forecourt', 'no badge before anything arrived');
  assert.deepEqual(await page.evaluate(() => window.__notifications), []);
  const company = 'Livewire Logistics';
  // The rep is looking for this customer, who has not written yet: no lead matches.
  await searchInbox(page, 'Livewire');
  await findItem(page, 'No leads match these filters.', 'Lead inbox');
  assert.equal(await page.title(), 'Forecourt', 'typing is not news');

  const r = await postLead(env.server.url, { name: 'Lena Live', company, email: 'lena@livewire.example',
    phone: '+49 89 123', product_category: 'vans', message: 'Need three vans this month, please call' });
  assert.equal(r.status, 201);

  const row = await findItem(page, company, 'Lead inbox', 5000);
  assert.ok(row.rect.w > 0);
  await page.waitForFunction(() => /^\(1\) Forecourt$/.test(document.title), null, { timeout: 2000 });
  const notes = await page.evaluate(() => window.__notifications);
  assert.equal(notes.length, 1, 'one notification for one lead');
  assert.match(notes[0].body, /new/i);
  // Touching the app clears the badge.
  await page.mouse.click(row.rect.x + row.rect.w / 2, row.rect.y + row.rect.h / 2);
  await page.waitForFunction(() => document.title === 'Forecourt', null, { timeout: 2000 });
  await page.screenshot({ path: path.join(artifactsDir, 'live-lead.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

// Signed in (each tab is its rep's): the lead is news to the rep it is routed to.
test('in a tab in the foreground the lead arrives with a badge but without a notification', async () => {
  const tabs = new Map();
  for (const rep of await dealerReps(env.server.url, 'D1')) {
    const tab = await openSignedInTab(env.browser, { appUrl: env.server.url, user: rep });
    await openNowScreen(tab.page);
    tabs.set(rep, tab);
  }
  const r = await postLead(env.server.url, { name: 'Fiona Front', company: 'Foreground Freight', email: 'fiona@front.example',
    product_category: 'vans', message: 'Quote for two vans please' });
  assert.equal(r.status, 201);
  const { owner } = await capturedLead(env.server.url, await r.json(), 'D1-M');
  const { page } = tabs.get(owner);
  await page.waitForFunction(() => window.forecourt.items().some((it) => it.window === 'Now' &&
    it.label.startsWith('Foreground Freight · ')), null, { timeout: 5000 });
  await page.waitForFunction(() => /^\(1\) Forecourt$/.test(document.title), null, { timeout: 2000 });
  assert.deepEqual(await page.evaluate(() => window.__notifications), []);
  for (const { errors, context } of tabs.values()) {
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('notifications are asked for once, with the reason, and "Not now" is remembered', async () => {
  const token = await signIn(env.server.url, await demoUser(env.server.url));
  const { page, context, errors } = await openRepTab(env.browser, { appUrl: env.server.url, token, grant: false });
  const ask = page.getByRole('dialog', { name: 'Notifications' });
  await ask.waitFor({ timeout: 5000 });
  assert.match(await ask.textContent(), /new lead arrives while this tab is in the background/);
  await page.getByRole('button', { name: 'Not now' }).click();
  await ask.waitFor({ state: 'detached', timeout: 2000 });
  await page.reload();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null, null, { timeout: 60000 });
  await page.waitForTimeout(1000);
  assert.equal(await page.getByRole('dialog', { name: 'Notifications' }).count(), 0, 'asked only once');
  assert.deepEqual(errors, []);
  await context.close();
});
