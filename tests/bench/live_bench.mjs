// Live-update benchmarks (scripts/bench_live.sh). Prints one JSON object of metric -> number.
//   node tests/bench/live_bench.mjs screen   lead_to_screen_p50_ms, lead_to_screen_p95_ms:
//        a web-to-lead post -> the lead drawn in its owner's Now queue (50 leads, one server)
//   node tests/bench/live_bench.mjs cross    lead_to_screen_cross_server_p95_ms: posted to
//        server A, the tabs on server B, both on the PostgreSQL named by PG_URL
// Every rep of the dealer has a signed-in tab open on the Now screen (sync mode: each tab is
// its user's, and a poke makes it pull); the server routes each lead to one of them.
//   node tests/bench/live_bench.mjs streams  server_open_streams_per_process and memory per
//        stream: idle event streams one server process holds (STREAMS, default 5000)
import net from 'node:net';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { startServer, launchBrowser } from '../browser/harness.mjs';
import { signIn, postLead, dealerReps, openSignedInTab, openNowScreen } from '../browser/live_page.mjs';

const mode = process.argv[2];
// tiny by default: each signed-in tab first downloads its user's records.
const DEMO = process.env.LIVE_DEMO || 'tiny';
const LEADS = Number(process.env.LIVE_LEADS || 50);
// The rules scheduler stays on: capture asks it to route the lead at once.
const fastCapture = ['--capture-burst', '100000', '--capture-per-minute', '100000'];
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

// A signed-in tab on the Now screen for every rep of dealer D1, on the app at `appUrl`, with
// what the bench needs to act as that rep: [{page, rep, token, seq}].
async function openRepTabs(browser, appUrl) {
  const reps = await dealerReps(appUrl, 'D1');
  const tabs = [];
  for (const rep of reps) {
    const { page } = await openSignedInTab(browser, { appUrl, user: rep });
    await openNowScreen(page);
    tabs.push({ page, rep, token: await signIn(appUrl, rep), seq: 0 });
  }
  return tabs;
}

// The rep starts working the lead (as "Start working" in the app would), so it leaves the
// Now queue: each rep's queue stays as long as a working day's, and the next lead is drawn
// in view (the Now screen draws only what is on screen). The lead's id is the one the
// server's lead engine gives a capture's lead: L-<account>-<product category>.
async function startWorking(apiUrl, tab, leadId) {
  const seq = ++tab.seq;
  const clientId = `bench-${tab.rep}-${process.pid}`;
  const res = await fetch(new URL('api/v1/sync/push', apiUrl), { method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + tab.token },
    body: JSON.stringify({ client_id: clientId, commands: [{ id: `${clientId}-${seq}`, client_id: clientId, seq,
      kind: 'lead.transition', at: Math.floor(Date.now() / 1000) + 1, author: tab.rep,
      payload: { lead_id: leadId, to: 'working' } }] }) });
  const result = res.status === 200 ? (await res.json()).results[0] : { status: res.status };
  if (result.status !== 'applied') throw new Error(`start working ${leadId}: ${JSON.stringify(result)}`);
}

// Resolves when one of `pages` draws an item starting with `prefix` in its Now queue (the
// owner's tab; a colleague's never does); the other pages stop looking then.
async function drawnInNowQueue(tabs, prefix) {
  const looks = tabs.map((tab) => tab.page.waitForFunction((p) => window.__stopLooking === p ||
    window.forecourt.items().some((it) => it.window === 'Now' && it.label.startsWith(p)), prefix,
  { timeout: 30000, polling: 10 }).then(() => tab));
  const first = await Promise.any(looks).catch(() => { throw new Error(`"${prefix}" not drawn in any Now queue`); });
  await Promise.all(tabs.filter((t) => t !== first).map((t) => t.page.evaluate((x) => { window.__stopLooking = x; }, prefix)));
  await Promise.allSettled(looks);
  return first;
}

// Posts `n` leads one after another to `postUrl` and times each from the post until its
// owner's tab draws it in the Now queue (measured from Node: includes the capture request and
// a 10 ms polling step).
async function leadToScreen(tabs, postUrl, tabsUrl, n, tag) {
  const times = [];
  for (let i = 0; i < n; i++) {
    const company = `${tag} ${i} ${randomBytes(3).toString('hex')}`;
    const t0 = Date.now();
    const r = await postLead(postUrl, { name: `Buyer ${i}`, company, email: `b${i}-${t0}@example.com`,
      product_category: 'vans', message: 'Please call back today' });
    if (r.status !== 201) throw new Error(`capture ${r.status}: ${await r.text()}`);
    const { account_id: account } = await r.json();
    const owner = await drawnInNowQueue(tabs, company + ' · ');
    times.push(Date.now() - t0);
    await startWorking(tabsUrl, owner, `L-${account}-vans`);
    await sleep(300);  // the tabs pull the move before the next lead
  }
  return times;
}

async function screen() {
  const server = await startServer({ demo: DEMO, seed: 3, extraArgs: fastCapture });
  const browser = await launchBrowser();
  try {
    const tabs = await openRepTabs(browser, server.url);
    await sleep(500);
    const t = await leadToScreen(tabs, server.url, server.url, LEADS, 'Bench');
    return { lead_to_screen_p50_ms: percentile(t, 50), lead_to_screen_p95_ms: percentile(t, 95) };
  } finally {
    await browser.close();
    await server.stop();
  }
}

async function cross() {
  const u = new URL(process.env.PG_URL);
  const name = 'live_' + randomBytes(4).toString('hex');
  execFileSync('createdb', ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', name]);
  const db = ['--database', `postgresql://${u.username || 'postgres'}@${u.hostname}:${u.port}/${name}`];
  const a = await startServer({ demo: DEMO, seed: 3, extraArgs: [...fastCapture, ...db] });
  const b = await startServer({ demo: DEMO, seed: 3, extraArgs: [...fastCapture, ...db] });
  const browser = await launchBrowser();
  try {
    const tabs = await openRepTabs(browser, b.url);
    await sleep(500);
    const t = await leadToScreen(tabs, a.url, b.url, LEADS, 'Cross');
    return { lead_to_screen_cross_server_p50_ms: percentile(t, 50),
      lead_to_screen_cross_server_p95_ms: percentile(t, 95) };
  } finally {
    await browser.close();
    await a.stop();
    await b.stop();
  }
}

function procStatus(pid) {
  const s = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (k) => Number(new RegExp(`^${k}:\\s+(\\d+)`, 'm').exec(s)[1]);
  return { rssKiB: field('VmRSS'), threads: field('Threads') };
}

// One idle stream on a plain socket (lighter than fetch for thousands); resolves once its
// hello arrived, and counts pokes.
function rawStream(port, token, counters) {
  return new Promise((resolve, reject) => {
    const sock = net.connect(port, '127.0.0.1');
    let text = '', hello = false;
    sock.setEncoding('utf8');
    sock.on('connect', () => sock.write(`GET /api/v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\n` +
      `Authorization: Bearer ${token}\r\nAccept: text/event-stream\r\n\r\n`));
    sock.on('data', (d) => {
      text += d;
      if (!hello && text.includes('event: hello')) {
        if (!text.startsWith('HTTP/1.1 200')) return reject(new Error(text.slice(0, 200)));
        hello = true;
        text = '';
        resolve(sock);
      } else if (hello && text.includes('event: poke')) {
        text = '';
        counters.poked++;
        counters.lastPokeAt = Date.now();
      } else if (hello) text = '';
    });
    sock.on('error', reject);
  });
}

async function streams() {
  const n = Number(process.env.STREAMS || 5000);
  const server = await startServer({ demo: 'tiny', seed: 3, extraArgs: [...fastCapture,
    '--max-streams', String(n + 100), '--max-streams-per-user', String(n + 100)] });
  const port = Number(new URL(server.url).port);
  const socks = [];
  try {
    const token = await signIn(server.url, 'D1-R1');
    const counters = { poked: 0, lastPokeAt: 0 };
    // Warm up: the first requests start the ready threads and the allocator arenas.
    for (let i = 0; i < 20; i++) socks.push(await rawStream(port, token, counters));
    await sleep(500);
    const before = procStatus(server.proc.pid);
    for (let i = 20; i < n; i += 100) {
      const batch = [];
      for (let j = i; j < Math.min(n, i + 100); j++) batch.push(rawStream(port, token, counters));
      socks.push(...(await Promise.all(batch)));
    }
    await sleep(1000);
    const after = procStatus(server.proc.pid);
    const opened = socks.length;
    // Everyone is poked by one capture: the fan-out time to the last stream.
    const t0 = Date.now();
    const r = await postLead(server.url, { name: 'Fan Out', email: 'fan@example.com' });
    if (r.status !== 201) throw new Error(`capture ${r.status}`);
    while (counters.poked < opened && Date.now() - t0 < 30000) await sleep(10);
    return {
      server_open_streams_per_process: opened,
      server_stream_memory_kib: Math.round(((after.rssKiB - before.rssKiB) / (opened - 20)) * 10) / 10,
      server_streams_rss_mib: Math.round(after.rssKiB / 1024),
      server_streams_threads: after.threads,
      server_poke_fanout_all_streams_ms: counters.poked >= opened ? counters.lastPokeAt - t0 : -1,
    };
  } finally {
    socks.forEach((s) => s.destroy());
    await server.stop();
  }
}

const run = { screen, cross, streams }[mode];
if (!run) {
  console.error('usage: live_bench.mjs screen|cross|streams');
  process.exit(2);
}
console.log(JSON.stringify(await run()));
process.exit(0);
