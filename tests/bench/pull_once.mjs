// Runs offline_bench.mjs's pull_incremental_100_ms several times in one tab (FC_RUNS, default
// 7), for iterating on the pull: another user pushes 100 notes, then app.sync.pullNow() until
// they are applied and saved ("pulled"), and until the frame showing them is drawn ("shown").
// Prints each run's ms and the medians, and the page's
// '[fc-timing]' console lines. FC_PROFILE=1 adds the main thread's heaviest functions (a CPU
// profile through the DevTools protocol); FC_TRACE=file writes the last run's Chrome trace.
//   node tests/bench/pull_once.mjs      FC_WWW=/other/www measures another web root
import { startServer, launchBrowser } from '../browser/harness.mjs';
import { login, signedInPage, changeHundred, printProfile, timedPull } from './bench_session.mjs';

const runs = Number(process.env.FC_RUNS || 7);
const browser = await launchBrowser();
const server = await startServer({ demo: 'tiny', seed: 3, www: process.env.FC_WWW });
try {
  const { page, context } = await signedInPage(browser, server.url, 'D1-R1', { timings: true, pokes: false });
  const first = await (await fetch(`${server.url}api/v1/sync/pull?cursor=0&limit=10000`, {
    headers: { Authorization: 'Bearer ' + (await login(server.url, 'D1-R1')).token },
  })).json();
  const accountId = first.changes.find((c) => c.table === 'accounts').record.id;
  const cdp = process.env.FC_PROFILE === '1' ? await context.newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  const ms = [];
  for (let run = 0; run < runs; ++run) {
    await new Promise((r) => setTimeout(r, 300));  // the previous run's frames are drawn
    await changeHundred(server.url, 'D1-R2', accountId, run);
    const trace = process.env.FC_TRACE && run === runs - 1;
    if (trace) await browser.startTracing(page, { path: process.env.FC_TRACE,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'IndexedDB', 'toplevel', 'gpu', 'cc'] });
    ms.push(await timedPull(page));
    if (trace) await browser.stopTracing();
  }
  if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
  for (const what of ['pulled', 'shown']) {
    const xs = ms.map((m) => m[what]);
    console.log(`${what}:`, xs.map((x) => x.toFixed(1)).join(' '), ' median:', [...xs].sort((a, b) => a - b)[Math.floor(runs / 2)].toFixed(1));
  }
} finally {
  await server.stop();
  await browser.close();
}
