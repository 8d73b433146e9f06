// What the offline benchmarks share: a signed-in, synced tab (the session put where the sign-in
// form would), and 10k commands left in the outbox as another (closed) tab of the user would.
import { leftByClosedTab, PASSWORD } from '../browser/sync_page.mjs';

export async function login(url, user, tenant = 'network-a') {
  const res = await fetch(url + 'api/v1/auth/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant, user, password: PASSWORD }),
  });
  if (!res.ok) throw new Error('login ' + res.status);
  return res.json();
}

// `ms` runs from navigation to the first synced frame with data. With `timings`, the page's
// '[fc-timing]' console lines are printed (not for scripts whose stdout is JSON). `pokes`
// false keeps the live event stream from the tab, so a pull it is asked for is the only one
// (with it, the server's poke about the same change starts a pull of its own, and which of
// the two a measurement times is a race).
export async function signedInPage(browser, url, user, { timeout = 60000, timings = false, pokes = true } = {}) {
  const session = await login(url, user);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  // Refused in the page, not by a route: routing any request makes the browser hand every
  // request of the context to this process first, pushes of 400 kB included.
  if (!pokes) {
    await context.addInitScript(() => {
      const fetch = window.fetch;
      window.fetch = (input, init) => (String(input && input.url || input).includes('/api/v1/events')
        ? Promise.reject(new TypeError('event stream off for this benchmark')) : fetch(input, init));
    });
  }
  await context.addInitScript((s) => {
    if (!localStorage.getItem('forecourt-session')) localStorage.setItem('forecourt-session', s);
  }, JSON.stringify({ tenant: session.tenant, user: session.user, token: session.token }));
  const page = await context.newPage();
  if (timings) page.on('console', (m) => { if (m.text().startsWith('[fc-timing]')) console.log(m.text()); });
  const started = Date.now();
  await page.goto(url);
  await page.waitForFunction(() => window.forecourt && window.forecourt.sync &&
    window.forecourt.sync.status().last_synced > 0 && window.forecourt.firstDataFrameMs, null, { timeout, polling: 50 });
  return { context, page, session, ms: Date.now() - started };
}

// 10k activity.log commands of ~300 bytes each, left in the outbox as a closed tab of the user
// leaves them (`objects`: as IndexedDB version 2 kept them; an older FC_BUILD gets those anyway).
export function writeTenThousandCommands(page, accountId, run, { objects = false } = {}) {
  return leftByClosedTab(page, { accountId, client: `bench-${run}-${Date.now()}`, count: 10000, objects,
    note: 'Customer asked about the winter tyre offer and a trade-in valuation for the estate; call back next week ' });
}

// The same 10k, then the app reopened, as the user returns to it: it reads what waits while
// it loads, and its first sync sends it. That sync's ms until every command is acknowledged
// and until it ended (the 10k pulled back and applied), from app.sync.lastRun().
export async function reopenedWithTenThousand(page, accountId, run) {
  await writeTenThousandCommands(page, accountId, run);
  await page.reload();
  const handle = await page.waitForFunction(() => {
    const sync = window.forecourt && window.forecourt.sync;
    const last = sync && sync.lastRun();
    return last && sync.status().waiting === 0 && !sync.status().syncing && last;
  }, null, { timeout: 60000, polling: 50 });
  const last = await handle.jsonValue();
  return { acknowledged: last.acknowledged - last.started, pulledBack: last.ended - last.started };
}

// 100 notes on `accountId` pushed by `user` through the HTTP API: changes made elsewhere, for
// a signed-in tab to pull.
export async function changeHundred(url, user, accountId, run) {
  const { token } = await login(url, user);
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

// One app.sync.pullNow() in the page: `pulled` ms until it resolved (the changes applied in
// the app and saved in IndexedDB; the frame showing them is requested then), `shown` ms until
// that frame was drawn and its rendering task over.
export function timedPull(page) {
  return page.evaluate(async () => {
    const app = window.forecourt;
    const t0 = performance.now();
    const f0 = app.frame();
    await app.sync.pullNow();
    const pulled = performance.now() - t0;
    while (app.frame() === f0) await new Promise((r) => requestAnimationFrame(r));
    await new Promise((r) => setTimeout(r, 0));
    return { pulled, shown: performance.now() - t0 };
  });
}

// The heaviest functions (self time) of a DevTools CPU profile, printed.
export function printProfile(p) {
  const self = new Map();
  const dt = new Map();
  p.timeDeltas.forEach((d, i) => dt.set(p.samples[i], (dt.get(p.samples[i]) || 0) + d));
  for (const n of p.nodes) {
    const f = n.callFrame;
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) || 0) + (dt.get(n.id) || 0) / 1000);
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [k, v] of top) console.log(`  ${v.toFixed(1).padStart(8)} ms  ${k}`);
}
