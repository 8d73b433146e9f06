// Offline-first benchmarks in headless Chromium against the real server on loopback. Prints
// one JSON object of metric -> number (medians of 3):
//   sync_push_10k_ms         10k commands waiting in the outbox (made offline), pushed until
//                            acknowledged, with the pull that brings them back   target <= 500
//   pull_incremental_100_ms  100 records changed on the server by another user, pulled into an
//                            up-to-date client and shown                         target <= 20
//   initial_sync_1m_ms       first sync of the network data set into an empty browser
//                            (seeding it takes minutes; BENCH_OFFLINE_1M=0 skips
//                            this and the restore)                             target <= 15000
//   offline_restore_1m_ms    reload with that data set in IndexedDB, network off, to the first
//                            frame with data                                     target <= 3000
import { startServer, launchBrowser } from '../browser/harness.mjs';
import { seededDataDir } from './seeded_data.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const PASSWORD = 'forecourt-demo';

async function login(url, tenant, user) {
  const res = await fetch(url + 'api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant, user, password: PASSWORD }),
  });
  if (!res.ok) throw new Error('login ' + res.status);
  return res.json();
}

// A signed-in tab (the session put where the sign-in form would), synced once.
async function signedInPage(browser, url, user, timeout = 60000) {
  const session = await login(url, 'network-a', user);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((s) => {
    if (!localStorage.getItem('forecourt-session')) localStorage.setItem('forecourt-session', s);
  }, JSON.stringify({ tenant: session.tenant, user: session.user, token: session.token }));
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.forecourt && window.forecourt.sync &&
    window.forecourt.sync.status().last_synced > 0 && window.forecourt.firstDataFrameMs, null, { timeout, polling: 50 });
  return { context, page, session, ms: Date.now() - started };
}

// 10k activity.log commands of about 300 bytes each, written to the outbox the way the app
// writes them, as another (closed) tab of the same user would have left them (the command's
// JSON text from IndexedDB version 3 on, the object before: FC_BUILD may be an older tree).
async function pushTenThousand(page, accountId, run) {
  return page.evaluate(async ({ accountId, run }) => {
    const dbs = await indexedDB.databases();
    const name = dbs.map((d) => d.name).find((n) => n.startsWith('forecourt-sync|'));
    const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
    const client = `bench-${run}-${Date.now()}`;
    const asText = db.version >= 3;
    await new Promise((res, rej) => {
      const tx = db.transaction('outbox', 'readwrite');
      const at = Math.floor(Date.now() / 1000);
      for (let seq = 1; seq <= 10000; ++seq) {
        const command = { id: `cmd-${client}-${seq}`, client_id: client, seq, kind: 'activity.log', at, author: '',
          payload: { id: `act-${client}-${seq}`, account_id: accountId, type: 'note', at,
            note: 'Customer asked about the winter tyre offer and a trade-in valuation for the estate; call back next week ' + seq } };
        tx.objectStore('outbox').put(asText ? { client_id: client, seq, text: JSON.stringify(command), status: 'pending' }
          : { client_id: client, seq, command, status: 'pending' });
      }
      tx.oncomplete = res;
      tx.onerror = () => rej(tx.error);
    });
    db.close();
    const t0 = performance.now();
    const status = await window.forecourt.sync.now();
    if (status.waiting !== 0 || status.error) throw new Error('push did not finish: ' + JSON.stringify(status));
    return performance.now() - t0;
  }, { accountId, run });
}

async function changeHundred(url, user, accountId, run) {
  const { token } = await login(url, 'network-a', user);
  const client = `bench-other-${run}-${Date.now()}`;
  const at = Math.floor(Date.now() / 1000);
  const commands = Array.from({ length: 100 }, (_, i) => ({
    id: `cmd-${client}-${i + 1}`, client_id: client, seq: i + 1, kind: 'activity.log', at, author: '',
    payload: { id: `act-${client}-${i + 1}`, account_id: accountId, type: 'note', at, note: 'Changed elsewhere ' + i },
  }));
  const res = await fetch(url + 'api/v1/sync/push', {
    method: 'POST', headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
    body: JSON.stringify({ client_id: client, commands }),
  });
  if (!res.ok) throw new Error('push ' + res.status);
}

const out = {};
const browser = await launchBrowser();
try {
  const server = await startServer({ demo: 'tiny', seed: 3 });
  try {
    const { page, context } = await signedInPage(browser, server.url, 'D1-R1');
    const first = await (await fetch(`${server.url}api/v1/sync/pull?cursor=0&limit=10000`, {
      headers: { Authorization: 'Bearer ' + (await login(server.url, 'network-a', 'D1-R1')).token },
    })).json();
    const accountId = first.changes.find((c) => c.table === 'accounts').record.id;
    const push = [], pull = [];
    for (let run = 0; run < 3; ++run) push.push(await pushTenThousand(page, accountId, run));
    for (let run = 0; run < 3; ++run) {
      await changeHundred(server.url, 'D1-R2', accountId, run);
      pull.push(await page.evaluate(async () => {
        const t0 = performance.now();
        await window.forecourt.sync.pullNow();
        return performance.now() - t0;
      }));
    }
    out.sync_push_10k_ms = Math.round(median(push));
    out.pull_incremental_100_ms = Math.round(median(pull) * 10) / 10;
    await context.close();
  } finally {
    await server.stop();
  }

  if (process.env.BENCH_OFFLINE_1M !== '0') {
    const big = await startServer({ demo: 'network', seed: 1, keepDataDir: seededDataDir('network', 1) });
    try {
      const initial = [], restore = [];
      for (let run = 0; run < 3; ++run) {
        const { page, context, ms } = await signedInPage(browser, big.url, 'C-1', 900000);
        initial.push(ms);
        await context.setOffline(true);
        const t0 = Date.now();
        await page.reload();
        await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 300000, polling: 50 });
        restore.push(Date.now() - t0);
        await context.close();
      }
      out.initial_sync_1m_ms = median(initial);
      out.offline_restore_1m_ms = median(restore);
    } finally {
      await big.stop();
    }
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
