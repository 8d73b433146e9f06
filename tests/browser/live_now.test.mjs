// A new lead reaches its owner's Now queue in a signed-in tab, without any action: every rep
// of the dealer has the app open in a background tab, signed in (sync mode: the app's user is
// the signed-in user) and on the Now screen; a web-to-lead form is posted to the capture
// endpoint; the server routes the lead to one of them and pokes the tabs; the owner's tab
// pulls and draws the lead in its Now queue, counts it in the tab title and raises one
// notification. The owner's second tab (which follows the first one's sync) shows it too,
// with the badge, without a second notification. A colleague's tab does not get the lead in
// its Now queue, nor a badge or a notification for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, artifactsDir } from './harness.mjs';
import { postLead, dealerReps, capturedLead, openSignedInTab, openAnotherTab, openNowScreen, nowQueueLabels } from './live_page.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 5, extraArgs: ['--events-heartbeat', '2'] });

const inNowQueue = (labels, company) => labels.some((l) => l.startsWith(company + ' · '));

test('a captured lead reaches its owner\'s Now queue in a signed-in background tab, with a badge and one notification', async () => {
  const reps = await dealerReps(env.server.url, 'D1');
  assert.ok(reps.length >= 2, 'the dealer has a rep and a colleague');
  const tabs = new Map();
  const seconds = new Map();
  for (const rep of reps) {
    const tab = await openSignedInTab(env.browser, { appUrl: env.server.url, user: rep, background: true });
    await openNowScreen(tab.page);  // each rep keeps the Now screen open
    tabs.set(rep, tab);
    const second = await openAnotherTab(tab.context, env.server.url, { background: true });
    await openNowScreen(second.page);
    seconds.set(rep, second);
  }
  const company = 'Livewire Logistics';
  for (const { page } of [...tabs.values(), ...seconds.values()]) {
    assert.equal(await page.title(), 'Forecourt', 'no badge before anything arrived');
    assert.deepEqual(await page.evaluate(() => window.__notifications), []);
    assert.equal(inNowQueue(await nowQueueLabels(page), company), false);
  }

  const r = await postLead(env.server.url, { name: 'Lena Live', company, email: 'lena@livewire.example',
    phone: '+49 89 123', product_category: 'vans', message: 'Need three vans this month, please call' });
  assert.equal(r.status, 201);
  const lead = await capturedLead(env.server.url, await r.json(), 'D1-M');
  assert.ok(reps.includes(lead.owner), `routed to a rep of the dealer: ${lead.owner}`);

  const owner = tabs.get(lead.owner).page;
  await owner.waitForFunction((c) => window.forecourt.items().some((it) => it.window === 'Now' &&
    it.label.startsWith(c + ' · ')), company, { timeout: 5000 });
  await owner.waitForFunction(() => document.title === '(1) Forecourt', null, { timeout: 2000 });
  const notes = await owner.evaluate(() => window.__notifications);
  assert.equal(notes.length, 1, 'one notification for one lead');
  assert.match(notes[0].body, /new/i);
  const ownerSecond = seconds.get(lead.owner).page;
  await ownerSecond.waitForFunction((c) => window.forecourt.items().some((it) => it.window === 'Now' &&
    it.label.startsWith(c + ' · ')), company, { timeout: 5000 });
  await ownerSecond.waitForFunction(() => document.title === '(1) Forecourt', null, { timeout: 2000 });
  await owner.screenshot({ path: path.join(artifactsDir, 'live-now-owner.png') });

  for (const [rep, { page }] of tabs) {
    if (rep === lead.owner) continue;
    // The colleague's tab is poked too (the lead is of their dealer): once it has pulled the
    // lead, it is not in this rep's Now queue.
    await page.waitForFunction((id) => window.forecourt.navigate('lead/' + id), lead.id, { timeout: 5000 });
    await openNowScreen(page);
    assert.equal(inNowQueue(await nowQueueLabels(page), company), false, `not in ${rep}'s Now queue`);
    assert.equal(await page.title(), 'Forecourt', `no badge for ${rep}: the lead is not theirs`);
    assert.deepEqual(await page.evaluate(() => window.__notifications), []);
  }
  // Nothing more arrives: the owner's badge and notification stay at one.
  await owner.waitForTimeout(500);
  assert.equal(await owner.title(), '(1) Forecourt');
  assert.equal((await owner.evaluate(() => window.__notifications)).length, 1);
  assert.equal(await ownerSecond.title(), '(1) Forecourt');
  assert.deepEqual(await ownerSecond.evaluate(() => window.__notifications), [], 'the user is notified once, not per tab');
  for (const { errors } of seconds.values()) assert.deepEqual(errors, []);
  for (const { errors, context } of tabs.values()) {
    assert.deepEqual(errors, []);
    await context.close();
  }
});
