// The Pipeline and Reports screens in headless Chromium on the real server, used the way a
// person does: a deal is closed as won with its reason, and Reports draws its charts, whose
// bars and points are items (label "<chart>: <x>", cells [x, value]) read through the item
// hooks, never by pixel. Screenshots go to build/artifacts/.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, openApp, items, findItem, clickItem, artifactsDir } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 5 });
const demoSnapshot = async () => (await fetch(env.server.url + 'api/v1/demo/snapshot')).json();

// The text item in `window` whose label starts with `prefix`, once it is drawn.
async function textStarting(page, prefix, window) {
  const handle = await page.waitForFunction(([p, w]) => window.forecourt.items().find((it) =>
    it.window === w && it.text && it.label.startsWith(p)) || null, [prefix, window], { timeout: 10000 });
  return handle.jsonValue();
}
// "Bought (3)" -> 3
async function stageCount(page, stage) {
  const head = await textStarting(page, `${stage} (`, 'Pipeline');
  return Number(head.label.match(/\((\d+)\)/)[1]);
}
const count = (text) => Number(String(text).replace(/[^\d-]/g, ''));

test('a deal is moved to won with its reason in Pipeline: refused without one, then shown as won', async () => {
  const snapshot = await demoSnapshot();
  const { page, context, errors } = await openApp(env.browser, env.server.url, { width: 1280, height: 800, scale: 2 });
  await clickItem(page, 'Pipeline', 'Navigation');
  await findItem(page, 'Pipeline', 'Pipeline');
  const wonBefore = await stageCount(page, 'Bought');

  // An open deal's card on the board, one that is on screen.
  const accountName = new Map(snapshot.accounts.map((a) => [a.id, a.name]));
  const openDealAccounts = new Set(snapshot.deals.filter((d) => d.stage !== 'bought' && d.stage !== 'lost')
    .map((d) => accountName.get(d.account_id)));
  assert.ok(openDealAccounts.size > 0, 'the demo has open deals');
  const card = (await items(page)).filter((it) => it.window === 'Pipeline' && !it.text && it.role === 'button' &&
    openDealAccounts.has(it.label) && it.rect.y > 0 && it.rect.y + it.rect.h < 800)
    .sort((a, b) => a.rect.y - b.rect.y)[0];
  assert.ok(card, 'an open deal to click on the board');
  await clickItem(page, card.label, 'Pipeline');
  await textStarting(page, card.label + ' · ', 'Pipeline');

  // Closing without saying why is refused, and the reason is asked for by its field.
  await clickItem(page, 'Won', 'Pipeline');
  await textStarting(page, 'say why the deal was won', 'Pipeline');
  await findItem(page, 'No changes waiting to sync', 'Status');
  assert.equal(await stageCount(page, 'Bought'), wonBefore, 'nothing moved');

  await clickItem(page, 'Reason (won or lost)', 'Pipeline');
  await page.keyboard.type('Fleet of three vans, signed');
  await clickItem(page, 'Won', 'Pipeline');
  const closed = await textStarting(page, 'Won on ', 'Pipeline');
  assert.ok(closed.label.endsWith(': Fleet of three vans, signed'), closed.label);
  await findItem(page, '1 change waiting to sync', 'Status');
  await page.waitForFunction(([n]) => window.forecourt.items().some((it) => it.window === 'Pipeline' &&
    it.text && it.label === `Bought (${n})`), [wonBefore + 1]);
  await page.screenshot({ path: path.join(artifactsDir, 'screen-pipeline-won.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test('Reports draws its charts: funnel, response times, weeks and ROI, each bar readable by label', async () => {
  const snapshot = await demoSnapshot();
  const { page, context, errors } = await openApp(env.browser, env.server.url, { width: 1280, height: 800, scale: 2 });
  await clickItem(page, 'Reports', 'Navigation');
  await findItem(page, 'Funnel: Leads', 'Reports');
  const drawn = (await items(page)).filter((it) => it.window === 'Reports' && it.role === 'row' &&
    it.cells?.length === 2);
  const chart = (title) => drawn.filter((it) => it.label.startsWith(title + ': '));
  const value = (title, x) => count(chart(title).find((it) => it.cells[0] === x).cells[1]);

  // The funnel counts every lead and never widens.
  assert.equal(value('Funnel', 'Leads'), snapshot.leads.length);
  const steps = ['Leads', 'Contacted', 'Qualified', 'Converted'].map((x) => value('Funnel', x));
  for (let i = 1; i < steps.length; ++i) assert.ok(steps[i] <= steps[i - 1], `funnel ${steps}`);
  assert.ok(steps[1] > 0, 'some leads were contacted');

  // The response-time histogram: six buckets and the ones still waiting, no more than all leads.
  const buckets = chart('Response time');
  assert.equal(buckets.length, 7, buckets.map((b) => b.label).join(', '));
  const answered = buckets.reduce((sum, b) => sum + count(b.cells[1]), 0);
  assert.ok(answered > 0 && answered <= snapshot.leads.length);
  // Bars are drawn where they are labelled: side by side, left to right in bucket order.
  for (let i = 1; i < buckets.length; ++i) assert.ok(buckets[i].rect.x > buckets[i - 1].rect.x);

  // Line charts: one point per week, and the ROI of campaigns with spend.
  assert.ok(chart('Leads per week').length >= 2, 'points of the weekly line');
  const withSpend = snapshot.campaigns.filter((c) => c.spend > 0).length;
  assert.equal(chart('ROI').length, withSpend);
  await page.screenshot({ path: path.join(artifactsDir, 'screen-reports-charts.png') });
  assert.deepEqual(errors, []);
  await context.close();
});
