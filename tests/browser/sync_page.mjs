// A signed-in salesperson's tab in sync mode, driven as a person would: sign in through the
// form, reopen, find an account and log a call with the quick log, move a lead, read the
// status strip. Shared by the offline-sync browser tests; the server side is read through its
// HTTP API with live_page.mjs's pullAll.
import { findItem, clickItem } from './harness.mjs';
import { pullAll } from './live_page.mjs';

export const TENANT = 'network-a';
export const PASSWORD = 'forecourt-demo';

export function waitForStatus(page, label) {
  return findItem(page, label, 'Status', 30000);
}

export function waitForData(page) {
  return page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 60000 });
}

// Signs `user` in on the app at `url` through the sign-in form; resolves after the first sync.
export async function signIn(context, url, user) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByLabel('Tenant').fill(TENANT);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await waitForData(page);
  await waitForStatus(page, 'Sync: Online');
  await page.waitForFunction(() => window.forecourt.sync.status().last_synced > 0, null, { timeout: 30000 });
  return page;
}

// A returning user's tab: the session and the data are on the device already.
export async function reopen(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await waitForData(page);
  return page;
}

export async function openAccount(page, account) {
  await page.bringToFront();  // the tab the person is working in has the keyboard
  await clickItem(page, 'Accounts', 'Navigation');
  await clickItem(page, 'Search accounts', 'Accounts');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(account);
  await clickItem(page, account, 'Accounts');
}

// Logs a call with a next step on the account named `account`, through the Accounts screen
// and the quick log: two commands (activity.log, task.put).
export async function logCall(page, account, outcome, nextStep) {
  await openAccount(page, account);
  await page.waitForFunction((name) => window.forecourt.items().some((it) =>
    it.window === 'Accounts' && it.text && it.label === name), account);
  await page.keyboard.press('c');
  await findItem(page, 'Log call · ' + account, 'Quick log');
  await page.keyboard.type(outcome);
  await page.keyboard.press('Tab');
  await page.keyboard.type(nextStep);
  await page.keyboard.press('Enter');
  await findItem(page, outcome, 'Accounts');
}

export async function showsOnAccount(page, account, text) {
  await openAccount(page, account);
  await findItem(page, text, 'Accounts');
}

// Names of accounts of D1 whose first contact may be called (the quick log's call needs one).
export async function callableAccounts(url) {
  const data = await pullAll(url, 'D1-R1');
  return data.accounts.filter((a) => {
    const first = (data.contacts || []).find((c) => c.account_id === a.id);
    return first && !first.do_not_contact && /^[A-Za-z0-9 .&-]+$/.test(a.name);
  }).map((a) => a.name).sort();
}

export function countWhere(records, field, value) {
  return (records || []).filter((r) => r[field] === value).length;
}

// Commands another tab of the user saved and left in the outbox (closed before it sent them):
// `count` activity.log notes on `accountId` from `client` (seqs from `firstSeq`), the note
// `note` plus the seq, written the way the app writes them: the command's JSON text from
// IndexedDB version 3 on, the object before (`objects` writes objects anyway, as a device
// upgraded from version 2 still holds).
export async function leftByClosedTab(page, { accountId, client, count, note, objects = false, firstSeq = 1 }) {
  await page.evaluate(async ({ accountId, client, count, note, objects, firstSeq }) => {
    const promised = (req) => new Promise((res, rej) => { req.onsuccess = () => res(req.result); req.onerror = () => rej(req.error); });
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('forecourt-sync|'));
    const db = await promised(indexedDB.open(name));
    const asText = db.version >= 3 && !objects;
    const t = db.transaction(['outbox'], 'readwrite');
    const at = Math.floor(Date.now() / 1000);
    for (let seq = firstSeq; seq < firstSeq + count; ++seq) {
      const command = { id: `cmd-${client}-${seq}`, client_id: client, seq, kind: 'activity.log', at, author: '',
        payload: { id: `act-${client}-${seq}`, account_id: accountId, type: 'note', at, note: note + seq } };
      t.objectStore('outbox').put(asText ? { client_id: client, seq, text: JSON.stringify(command), status: 'pending' }
        : { client_id: client, seq, command, status: 'pending' });
    }
    await new Promise((res, rej) => { t.oncomplete = res; t.onerror = () => rej(t.error); });
    db.close();
  }, { accountId, client, count, note, objects, firstSeq });
}
