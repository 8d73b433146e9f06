// With no network, a returning user opens the app and sees their leads: the shell comes from
// the service worker, the data from IndexedDB.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { useServerAndBrowser, openApp, artifactsDir } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 11 });

// In the page: whether the inbox and the details are kept in IndexedDB (web/forecourt.js, idb).
async function keptCopies() {
  const db = await new Promise((res, rej) => {
    const req = indexedDB.open('forecourt', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('snapshots');
    req.onsuccess = () => res(req.result);
    req.onerror = () => rej(req.error);
  });
  try {
    return await new Promise((res, rej) => {
      const req = db.transaction('snapshots', 'readonly').objectStore('snapshots').count();
      req.onsuccess = () => res(req.result >= 2);
      req.onerror = () => rej(req.error);
    });
  } finally { db.close(); }
}

test('a returning user opens the app and sees their leads with the network off', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  const snapshot = await (await fetch(env.server.url + 'api/v1/demo/snapshot')).json();
  const names = new Set(snapshot.accounts.map((a) => a.name));
  await page.evaluate(() => navigator.serviceWorker.ready);
  // Reload once online so the worker controls the page and the shell is cached.
  await page.reload();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 60000 });
  assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null));

  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 60000 });
  const rows = (await page.evaluate(() => window.forecourt.items()))
    .filter((it) => it.window === 'Lead inbox' && names.has(it.label));
  assert.ok(rows.length > 5, `leads shown offline: ${rows.length}`);
  await page.screenshot({ path: path.join(artifactsDir, 'offline-inbox.png') });
  await context.close();
});

test('a first visit is enough: offline straight after it, a reload opens the app with its leads', async () => {
  // No second online visit: the modules the first visit imported before the service worker
  // took over (forecourt_app.js) must come from what the worker cached at install.
  const { page, context } = await openApp(env.browser, env.server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  // The copy of the data is written just after it is shown: a person leaving signal a moment
  // later has it (on a busy machine the write can take longer than the reload below).
  await page.waitForFunction(keptCopies, null, { timeout: 30000, polling: 100 });
  await context.setOffline(true);
  await page.reload();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 60000 });
  const rows = await page.evaluate(() => window.forecourt.items().filter((it) => it.window === 'Lead inbox' && it.role === 'row').length);
  assert.ok(rows > 0, `leads shown offline: ${rows}`);
  await context.close();
});
