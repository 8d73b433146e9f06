// Offline first, when things go wrong between the device and the server: the server killed
// with SIGKILL around a push and restarted on its data, and two devices of one salesperson
// changing the same follow-up while offline. Each device is its own browser context (its own
// IndexedDB), signed in through the form; the server is read through its HTTP API.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, clickItem } from './harness.mjs';
import { signIn as login, pullAll } from './live_page.mjs';
import { waitForStatus, signIn, logCall, callableAccounts, countWhere } from './sync_page.mjs';

let browser;
before(async () => { browser = await launchBrowser(); });
after(async () => { await browser?.close(); });

const newDevice = () => browser.newContext({ viewport: { width: 1280, height: 800 } });

// The next push from `page` reaches `onPush` instead of the network; later ones pass. Resolves
// once the route is in place (so a push the caller then sets off cannot slip past it) to
// { handled }, a promise settled when onPush has run, rejected if it threw (rather than a test
// waiting forever).
async function interceptNextPush(page, onPush) {
  let taken = false, settle;
  const handled = new Promise((resolve, reject) => { settle = { resolve, reject }; });
  await page.route('**/api/v1/sync/push', async (route) => {
    if (taken) return route.continue();
    taken = true;
    try {
      await onPush(route);
      settle.resolve();
    } catch (e) {
      settle.reject(e);
    }
  });
  return { handled };
}

test('the server killed (SIGKILL) around a push and restarted: nothing lost, nothing applied twice', { timeout: 180000 }, async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'forecourt-kill-'));
  let server = await startServer({ demo: 'tiny', seed: 23, keepDataDir: dataDir });
  const port = Number(new URL(server.url).port);
  const url = server.url;
  const kill = async () => {
    server.proc.kill('SIGKILL');
    await new Promise((r) => (server.proc.exitCode !== null || server.proc.signalCode ? r() : server.proc.once('exit', r)));
  };
  const restart = async () => { server = await startServer({ demo: 'tiny', seed: 23, keepDataDir: dataDir, port }); };
  const context = await newDevice();
  try {
    const accounts = await callableAccounts(url);
    const page = await signIn(context, url, 'D1-R1');

    // 1. The server commits the push, then dies before its answer reaches the tab.
    await context.setOffline(true);
    await logCall(page, accounts[0], 'Call before the crash', 'Quote after the crash');
    await waitForStatus(page, '2 changes waiting to sync');
    const answered = await interceptNextPush(page, async (route) => {
      await route.fetch();  // applied and acknowledged by the server ...
      await kill();         // ... which dies before the tab hears it
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await answered.handled;
    await waitForStatus(page, '2 changes waiting to sync');  // not known to be in: kept
    await restart();
    await clickItem(page, 'Sync now', 'Status');
    await waitForStatus(page, 'No changes waiting to sync');
    let data = await pullAll(url, 'D1-M');
    assert.equal(countWhere(data.activities, 'note', 'Call before the crash'), 1, 'the call, once');
    assert.equal(countWhere(data.tasks, 'title', 'Quote after the crash'), 1, 'its next step, once');

    // 2. The server dies while the push is on its way: it never applied it.
    await context.setOffline(true);
    await logCall(page, accounts[1 % accounts.length], 'Call while the server died', 'Ring back when it is up');
    await waitForStatus(page, '2 changes waiting to sync');
    const lost = await interceptNextPush(page, async (route) => {
      await kill();
      await route.abort('connectionreset');
    });
    await context.setOffline(false);
    await lost.handled;
    await waitForStatus(page, 'Sync: Offline');  // the server cannot be reached
    await waitForStatus(page, '2 changes waiting to sync');
    await restart();
    await clickItem(page, 'Sync now', 'Status');
    await waitForStatus(page, 'No changes waiting to sync');
    data = await pullAll(url, 'D1-M');
    assert.equal(countWhere(data.activities, 'note', 'Call while the server died'), 1);
    assert.equal(countWhere(data.tasks, 'title', 'Ring back when it is up'), 1);
    assert.equal(countWhere(data.activities, 'note', 'Call before the crash'), 1, 'still once after a second restart');
  } finally {
    await context.close();
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
});

// Clicks the button labelled `button` on the Follow-ups row of the task titled `title`.
async function clickOnTaskRow(page, title, button) {
  await page.bringToFront();
  await clickItem(page, 'Follow-ups', 'Navigation');
  const handle = await page.waitForFunction(([t, b]) => {
    const shown = window.forecourt.items().filter((it) => it.window === 'Follow-ups');
    const row = shown.find((it) => it.label === t);
    if (!row) return null;
    const middle = row.rect.y + row.rect.h / 2;
    return shown.find((it) => it.label === b && !it.text &&
      Math.abs(it.rect.y + it.rect.h / 2 - middle) < row.rect.h) || null;
  }, [title, button], { timeout: 15000 });
  const { rect } = await handle.jsonValue();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
}

const followUpShown = (page, title) => page.evaluate((t) =>
  window.forecourt.items().some((it) => it.window === 'Follow-ups' && it.label === t), title);

test('two devices change the same follow-up offline: the later change wins everywhere, whichever arrives first', { timeout: 180000 }, async () => {
  const server = await startServer({ demo: 'tiny', seed: 29 });
  const url = server.url;
  const devices = [await newDevice(), await newDevice()];
  try {
    // A follow-up long overdue, so it heads the rep's list on both devices.
    const now = Math.floor(Date.now() / 1000);
    const account = (await pullAll(url, 'D1-R1')).accounts.find((a) => a.dealer_id === 'D1');
    const task = { id: 'T-two-devices', account_id: account.id, assignee: 'D1-R1', state: 'open',
      title: 'Ring about the trade-in valuation', due: now - 2 * 365 * 86400, created_at: now - 2 * 365 * 86400 };
    const token = await login(url, 'D1-R1');
    const res = await fetch(url + 'api/v1/sync/push', {
      method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
      body: JSON.stringify({ client_id: 'test-office-pc', commands: [{ id: 'office-1', client_id: 'test-office-pc',
        seq: 1, kind: 'task.put', at: now, author: 'D1-R1', payload: task }] }),
    });
    assert.equal((await res.json()).results[0].status, 'applied');

    const [tablet, phone] = [await signIn(devices[0], url, 'D1-R1'), await signIn(devices[1], url, 'D1-R1')];
    for (const d of devices) await d.setOffline(true);
    // The tablet snoozes it first; a few seconds later the phone marks it done.
    await clickOnTaskRow(tablet, task.title, '+1 day');
    await waitForStatus(tablet, '1 change waiting to sync');
    await new Promise((r) => setTimeout(r, 2100));  // command times are in seconds
    await clickOnTaskRow(phone, task.title, 'Done');
    await waitForStatus(phone, '1 change waiting to sync');
    assert.equal(await followUpShown(tablet, task.title), true, 'snoozed to tomorrow: still listed on the tablet');
    assert.equal(await followUpShown(phone, task.title), false, 'done: gone from the phone\'s list');

    // The later change (done) arrives first; the earlier snooze arrives after it and loses.
    await devices[1].setOffline(false);
    await waitForStatus(phone, 'No changes waiting to sync');
    await devices[0].setOffline(false);
    await waitForStatus(tablet, 'No changes waiting to sync');
    const stored = (await pullAll(url, 'D1-M')).tasks.find((t) => t.id === task.id);
    assert.equal(stored.state, 'done');
    assert.equal(stored.due, task.due, 'the snooze did not move it');
    await tablet.bringToFront();  // a background tab may not draw
    await tablet.waitForFunction((t) => !window.forecourt.items().some((it) =>
      it.window === 'Follow-ups' && it.label === t), task.title, { timeout: 15000 });
    await phone.bringToFront();
    await waitForStatus(phone, 'Sync: Online');
    assert.equal(await followUpShown(phone, task.title), false);
  } finally {
    for (const d of devices) await d.close();
    await server.stop();
  }
});
