// Where a scrolled frame's time goes in headless Chromium's software WebGL: the UI bench's
// scroll (scroll_inbox.mjs) on the network demo at 2x, under Chromium's tracing. Prints, per
// run, the scroll's frame intervals and, per canvas readback (one per frame that changed the
// canvas: the software compositor's copy, README "Frame rate floor"), how long the page's main
// thread waited in it, how much of that the GPU process spent finishing the frame (ANGLE's
// ContextVk::finishImpl: SwiftShader shading it) and copying its pixels out.
//   node tests/bench/scroll_trace.mjs [server-url]   (FC_RUNS=n runs, default 2)
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startServer, launchBrowser, demoUrl } from '../browser/harness.mjs';
import { seededDataDir } from './seeded_data.mjs';
import { scrollInbox } from './scroll_inbox.mjs';

const pct = (xs, p) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))];
const external = process.argv[2];
const server = external ? null
  : await startServer({ demo: 'network', seed: 1, keepDataDir: seededDataDir('network', 1) });
const browser = await launchBrowser();
try {
  for (let run = 0; run < Number(process.env.FC_RUNS || 2); ++run) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(demoUrl(external || server.url) + '&renderer=webgl2');  // the readback is WebGL's
    await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null,
      { timeout: 300000, polling: 50 });
    await page.waitForTimeout(3000);
    const file = path.join(tmpdir(), `scroll-trace-${process.pid}.json`);
    await browser.startTracing(page, { path: file, categories: ['gpu', 'disabled-by-default-gpu.service', 'gpu.angle'] });
    const { gaps, frames } = await scrollInbox(page);
    await browser.stopTracing();
    const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents.filter((e) => e.ph === 'X');
    rmSync(file, { force: true });
    const total = (name) => events.filter((e) => e.name === name).reduce((s, e) => s + e.dur / 1000, 0);
    const readbacks = events.filter((e) => e.name === 'GLES2::ReadPixels').length;
    const finish = total('ContextVk::finishImpl');
    const copy = total('ImageHelper::readPixelsImpl - CPU Readback') - finish;
    const per = (ms) => (readbacks ? ms / readbacks : 0).toFixed(1);
    console.log(`run ${run}: p95 ${pct(gaps, 0.95).toFixed(1)} ms, p50 ${pct(gaps, 0.5).toFixed(1)} ms, ` +
      `${gaps.length} animation frames, ${frames.length} built, ${readbacks} drawn (read back); ` +
      `per readback: main thread waits ${per(total('GLES2::ReadPixels'))} ms, ` +
      `GPU finishes the frame ${per(finish)} ms, copies it ${per(copy)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  await server?.stop();
}
