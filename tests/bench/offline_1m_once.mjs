// One run of offline_bench.mjs's 1M part, for iterating on the first sync and the restore:
// signs C-1 in to an empty browser, waits for the first synced frame with data, then reloads
// offline and waits for the first frame with data again, and for the whole store after it (the
// first frame may be the saved preview of the inbox). Prints the three times, and whatever the
// page logs with console.debug('[fc-timing] ...') (for timings added while working on it).
//   node tests/bench/offline_1m_once.mjs
// FC_BUILD=/other/build measures another tree's app and server; FC_SERVER=path/forecourt_server
// takes only the server from elsewhere; FC_LINGER_MS keeps the reloaded tab open a while (its
// whole restore goes on after the first frame).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { buildDir, launchBrowser } from '../browser/harness.mjs';
import { seededDataDir } from './seeded_data.mjs';
import { signedInPage } from './bench_session.mjs';

const build = process.env.FC_BUILD || buildDir;
const dataDir = seededDataDir('network', 1);
const proc = spawn(process.env.FC_SERVER || path.join(build, 'native', 'forecourt_server'), ['--host', '127.0.0.1', '--port', '0',
  '--data-dir', dataDir, '--www', path.join(build, 'www'), '--demo', 'network', '--demo-seed', '1'],
{ stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve) => {
  let out = '';
  proc.stdout.on('data', (d) => { out += d; const m = out.match(/running at (http:\/\/127\.0\.0\.1:\d+\/)/); if (m) resolve(m[1]); });
});
const browser = await launchBrowser();
try {
  const { context, page, ms: initial } = await signedInPage(browser, url, 'C-1', { timeout: 900000, timings: true });
  console.log('initial_sync_1m_ms', initial);
  await context.setOffline(true);
  const t0 = Date.now();
  await page.reload();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 300000, polling: 50 });
  console.log('offline_restore_1m_ms', Date.now() - t0);
  // The first frame may be the saved preview of the inbox: the whole store comes after it.
  await page.waitForFunction(() => !window.forecourt.items().some((it) => it.label === 'Loading all leads…' ||
    it.label.startsWith('Opening the data saved on this device')), null, { timeout: 300000, polling: 50 });
  console.log('offline_restore_1m_whole_ms', Date.now() - t0);
  await new Promise((r) => setTimeout(r, Number(process.env.FC_LINGER_MS || 0)));
  await context.close();
} finally {
  await browser.close();
  proc.kill('SIGTERM');
}
