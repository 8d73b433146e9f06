// Runs offline_bench.mjs's sync_push_10k_ms a few times in one tab (FC_RUNS, default 3), for
// iterating on the push: 10k activity.log commands in the outbox (as a closed tab of the same
// user left them), then app.sync.now() until acknowledged and pulled back. Prints each run's ms,
// the push and pull requests' times (request sent -> first byte -> last byte), and with
// FC_PROFILE=1 the main thread's heaviest functions (a CPU profile through the DevTools
// protocol) and the page's '[fc-timing]' console lines. FC_OBJECTS=1 writes the commands as
// objects, as IndexedDB version 2 did (entries an upgraded device still holds).
//   node tests/bench/push_10k_once.mjs            FC_BUILD=/other/build measures another tree
import { startServer, launchBrowser } from '../browser/harness.mjs';

const PASSWORD = 'forecourt-demo';
const runs = Number(process.env.FC_RUNS || 3);
const profile = process.env.FC_PROFILE === '1';
const trace = process.env.FC_TRACE;  // a file to write the last run's Chrome trace to

async function login(url, user) {
  const res = await fetch(url + 'api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant: 'network-a', user, password: PASSWORD }) });
  if (!res.ok) throw new Error('login ' + res.status);
  return res.json();
}

const server = await startServer({ demo: 'tiny', seed: 3 });
const browser = await launchBrowser();
try {
  const session = await login(server.url, 'D1-R1');
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript((s) => {
    if (!localStorage.getItem('forecourt-session')) localStorage.setItem('forecourt-session', s);
  }, JSON.stringify({ tenant: session.tenant, user: session.user, token: session.token }));
  const page = await context.newPage();
  page.on('console', (m) => { if (m.text().startsWith('[fc-timing]')) console.log(m.text()); });
  await page.goto(server.url);
  await page.waitForFunction(() => window.forecourt && window.forecourt.sync &&
    window.forecourt.sync.status().last_synced > 0 && window.forecourt.firstDataFrameMs, null, { timeout: 60000, polling: 50 });
  const first = await (await fetch(`${server.url}api/v1/sync/pull?cursor=0&limit=10000`,
    { headers: { Authorization: 'Bearer ' + session.token } })).json();
  const accountId = first.changes.find((c) => c.table === 'accounts').record.id;
  const cdp = profile ? await context.newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); }

  for (let run = 0; run < runs; ++run) {
    // Written as offline_bench.mjs writes them: entries of the version that opened the database.
    await page.evaluate(async ({ accountId, run, objects }) => {
      const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n.startsWith('forecourt-sync|'));
      const db = await new Promise((res, rej) => { const r = indexedDB.open(name); r.onsuccess = () => res(r.result); r.onerror = () => rej(r.error); });
      const client = `bench-${run}-${Date.now()}`;
      const asText = db.version >= 3 && !objects;
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
      performance.clearResourceTimings();
    }, { accountId, run, objects: process.env.FC_OBJECTS === '1' });
    if (cdp) await cdp.send('Profiler.start');
    if (trace && run === runs - 1) await browser.startTracing(page, { path: trace,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'IndexedDB', 'toplevel', 'gpu', 'cc'] });
    const { ms, requests, frames } = await page.evaluate(async () => {
      const t0 = performance.now();
      const f0 = window.forecourt.frame();
      const status = await window.forecourt.sync.now();
      const frames = window.forecourt.frame() - f0;
      if (status.waiting !== 0 || status.error) throw new Error('push did not finish: ' + JSON.stringify(status));
      const ms = performance.now() - t0;
      const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/sync/'))
        .map((e) => `${e.name.includes('push') ? 'push' : 'pull'} @${Math.round(e.startTime - t0)} +${Math.round(e.responseStart - e.startTime)} +${Math.round(e.responseEnd - e.responseStart)} ${Math.round(e.transferSize / 1024)}KB`);
      return { ms, requests, frames };
    });
    if (trace && run === runs - 1) await browser.stopTracing();
    console.log(`run ${run}: ${Math.round(ms)} ms, ${frames} frames drawn`);
    if (profile) console.log('  ' + requests.join('\n  '));
    if (cdp) {
      const { profile: p } = await cdp.send('Profiler.stop');
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
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
