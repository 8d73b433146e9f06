// Reopening a big book: the inbox's first screenful saved on the device is drawn at once, the
// saved pages load behind it, and then the whole inbox replaces it. A change made on the
// preview is refused with the reason (it would vanish with it). The tiny demo stands in for a
// big book (the mount option syncPreviewMinLeads lowers the 20,000 leads a preview needs), and
// a transaction held open on the saved pages from another tab keeps the load waiting, so the
// preview stays up for as long as the test needs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, findItem, clickItem } from './harness.mjs';
import { signIn, pullAll } from './live_page.mjs';
import { waitForStatus, waitForData } from './sync_page.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 31 });
const USER = 'D1-R1';

// The app signed in as USER, keeping a preview of any book with a lead or more.
async function routeApp(context, token) {
  const pageUrl = new URL('preview-tab.html', env.server.url).href;
  await context.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html><head><meta charset="utf-8"><title>Forecourt</title><link rel="stylesheet" href="app.css"></head>
<body><div id="root" class="forecourt-root"></div><script src="forecourt.js"></script>
<script>Forecourt.mount(document.getElementById('root'), { sync: true, tenant: 'network-a',
  user: ${JSON.stringify(USER)}, token: ${JSON.stringify(token)}, live: false,
  syncPreviewMinLeads: 1 }).then((app) => { window.forecourt = app; });</script></body></html>` }));
  return pageUrl;
}

// Runs in a page: the meta value `key` of the user's saved data (null when absent).
async function savedMeta(key) {
  const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('forecourt-sync|'));
  if (!name) return null;
  const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  try {
    return await new Promise((res, rej) => {
      const r = db.transaction(['meta'], 'readonly').objectStore('meta').get(key);
      r.onsuccess = () => res(r.result === undefined ? null : r.result);
      r.onerror = () => rej(r.error);
    });
  } finally { db.close(); }
}

// Runs in a page: holds a read-write transaction on the saved pages (busy with small requests,
// so it does not commit) until window.releasePages() is called.
async function holdPages() {
  const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('forecourt-sync|'));
  const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
  const t = db.transaction(['pages'], 'readwrite');
  const pages = t.objectStore('pages');
  let hold = true;
  window.releasePages = () => { hold = false; return new Promise((r) => { t.oncomplete = () => { db.close(); r(); }; }); };
  const spin = () => { if (hold) pages.count().onsuccess = spin; };
  spin();
}

const countLabel = /^\d+( of \d+)? leads$/;
const shownCount = (page) => page.evaluate((re) => window.forecourt.items()
  .some((it) => it.window === 'Lead inbox' && new RegExp(re).test(it.label)), countLabel.source);

test('a reopened book draws its saved preview at once, refuses changes on it with the reason, then shows the whole inbox', async () => {
  const data = await pullAll(env.server.url, USER);
  const lead = data.leads.find((l) => l.state === 'new' && (!l.owner || l.owner === USER));
  assert.ok(lead, 'the demo data has a new lead the rep may work');
  const token = await signIn(env.server.url, USER);
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  const pageUrl = await routeApp(context, token);

  let page = await context.newPage();
  await page.goto(pageUrl);
  await waitForData(page);
  await page.waitForFunction(() => window.forecourt.sync.status().last_synced > 0, null, { timeout: 30000 });
  await page.waitForFunction(savedMeta, 'preview', { timeout: 10000 });
  assert.equal(await shownCount(page), true, 'the first sync shows the whole inbox, no preview');
  await page.close();

  const blocker = await context.newPage();
  await blocker.goto(new URL('app.css', env.server.url).href);
  await blocker.evaluate(holdPages);

  page = await context.newPage();
  await page.goto(pageUrl);
  await waitForData(page);  // the preview's frame: the saved pages cannot be read yet
  await findItem(page, 'Loading all leads…', 'Lead inbox');
  assert.equal(await shownCount(page), false);
  await page.waitForFunction(() => window.forecourt.items().some((it) => it.window === 'Status' &&
    it.label.startsWith('Opening the data saved on this device: ')), null, { timeout: 10000 });

  // A lead opens on the preview; moving it is refused, with the reason, and nothing waits to sync.
  assert.equal(await page.evaluate((id) => window.forecourt.navigate('lead/' + id), lead.id), true);
  await clickItem(page, 'Start working', 'Lead detail');
  await findItem(page, 'Still loading all leads: try again in a moment', 'Lead detail');
  await waitForStatus(page, 'No changes waiting to sync');

  await blocker.evaluate(() => window.releasePages());
  await page.waitForFunction((re) => window.forecourt.items()
    .some((it) => it.window === 'Lead inbox' && new RegExp(re).test(it.label)), countLabel.source, { timeout: 30000 });
  const labels = await page.evaluate(() => window.forecourt.items().map((it) => it.label));
  assert.ok(!labels.includes('Loading all leads…'));
  assert.ok(!labels.some((l) => l.startsWith('Opening the data saved on this device')));
  // The lead opened on the preview is still open, and now it moves.
  await clickItem(page, 'Start working', 'Lead detail');
  await findItem(page, 'Working', 'Lead detail');
  await context.close();
});
