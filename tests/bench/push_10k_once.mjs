// Runs offline_bench.mjs's sync_push_10k_ms a few times in one tab (FC_RUNS, default 3), for
// iterating on the push: 10k activity.log commands in the outbox (as a closed tab of the same
// user left them), then app.sync.now(). Prints each run's ms until acknowledged and until the
// sync ended (pulled back), the push and pull requests' times (request sent -> first byte ->
// last byte), and with
// FC_PROFILE=1 the main thread's heaviest functions (a CPU profile through the DevTools
// protocol) and the page's '[fc-timing]' console lines. FC_OBJECTS=1 writes the commands as
// objects, as IndexedDB version 2 did (entries an upgraded device still holds). FC_REOPEN=1
// reloads the tab after writing them and times its first sync, as offline_bench.mjs's
// sync_push_10k_ms does (the profile options do not apply to it).
//   node tests/bench/push_10k_once.mjs            FC_BUILD=/other/build measures another tree,
//   FC_WWW=/other/www another web root with this tree's server
import { startServer, launchBrowser } from '../browser/harness.mjs';
import { signedInPage, writeTenThousandCommands, reopenedWithTenThousand, printProfile } from './bench_session.mjs';

const runs = Number(process.env.FC_RUNS || 3);
const profile = process.env.FC_PROFILE === '1';
const trace = process.env.FC_TRACE;  // a file to write the last run's Chrome trace to

const server = await startServer({ demo: 'tiny', seed: 3, www: process.env.FC_WWW });
const browser = await launchBrowser();
try {
  const { context, page, session } = await signedInPage(browser, server.url, 'D1-R1',
    { timings: true, pokes: process.env.FC_REOPEN !== '1' });  // a poke's pull would be the last sync
  const first = await (await fetch(`${server.url}api/v1/sync/pull?cursor=0&limit=10000`,
    { headers: { Authorization: 'Bearer ' + session.token } })).json();
  const accountId = first.changes.find((c) => c.table === 'accounts').record.id;
  const cdp = profile ? await context.newCDPSession(page) : null;
  if (cdp) { await cdp.send('Profiler.enable'); await cdp.send('Profiler.setSamplingInterval', { interval: 200 }); }

  for (let run = 0; run < runs; ++run) {
    if (process.env.FC_REOPEN === '1') {  // the reopened app's own first sync
      const { acknowledged, pulledBack } = await reopenedWithTenThousand(page, accountId, run);
      console.log(`run ${run}: acknowledged ${Math.round(acknowledged)} ms, synced ${Math.round(pulledBack)} ms (reopened)`);
      continue;
    }
    await writeTenThousandCommands(page, accountId, run, { objects: process.env.FC_OBJECTS === '1' });
    await page.evaluate(() => performance.clearResourceTimings());
    if (cdp) await cdp.send('Profiler.start');
    if (trace && run === runs - 1) await browser.startTracing(page, { path: trace,
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink', 'IndexedDB', 'toplevel', 'gpu', 'cc'] });
    const { ms, acked, requests, frames } = await page.evaluate(async () => {
      const t0 = performance.now();
      const f0 = window.forecourt.frame();
      const status = await window.forecourt.sync.now();
      const frames = window.forecourt.frame() - f0;
      if (status.waiting !== 0 || status.error) throw new Error('push did not finish: ' + JSON.stringify(status));
      const ms = performance.now() - t0;
      const run = window.forecourt.sync.lastRun && window.forecourt.sync.lastRun();
      const acked = run && run.acknowledged ? run.acknowledged - t0 : NaN;
      const requests = performance.getEntriesByType('resource').filter((e) => e.name.includes('/api/v1/sync/'))
        .map((e) => `${e.name.includes('push') ? 'push' : 'pull'} @${Math.round(e.startTime - t0)} +${Math.round(e.responseStart - e.startTime)} +${Math.round(e.responseEnd - e.responseStart)} ${Math.round(e.transferSize / 1024)}KB`);
      return { ms, acked, requests, frames };
    });
    if (trace && run === runs - 1) await browser.stopTracing();
    console.log(`run ${run}: acknowledged ${Math.round(acked)} ms, synced ${Math.round(ms)} ms, ${frames} frames drawn`);
    if (profile) console.log('  ' + requests.join('\n  '));
    if (cdp) printProfile((await cdp.send('Profiler.stop')).profile);
  }
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
