// Browser benchmarks: fresh page loads of the real app against the real server.
// Prints one JSON object of metric -> number on stdout.
import { startServer, launchBrowser, demoUrl } from '../browser/harness.mjs';
import { startPortal } from '../browser/portal_origin.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldStartMs(browser, url, runs) {
  const times = [];
  for (let i = 0; i < runs; ++i) {
    // A fresh context each time: empty HTTP cache, nothing compiled, like a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(demoUrl(url));
    const ms = await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs,
      null, { timeout: 60000 });
    times.push(await ms.jsonValue());
    await context.close();
  }
  return median(times);
}

// Mount to first frame with data in the demo portal, warm: the page has mounted the app once
// (module compiled, files cached), then unmounts and mounts again.
async function embedMountMs(browser, portalOrigin, appOrigin, runs) {
  const context = await browser.newContext({ viewport: { width: 1300, height: 800 } });
  const page = await context.newPage();
  await page.goto(`${portalOrigin}/?app=${encodeURIComponent(appOrigin)}`);
  await page.waitForFunction(() => window.portal && window.portal.app && window.portal.app.firstDataFrameMs, null, { timeout: 60000 });
  const times = [];
  for (let i = 0; i < runs; ++i) {
    times.push(await page.evaluate(async () => {
      window.portal.unmount();
      const t0 = performance.now();
      const app = await window.portal.mount();
      return (await app.firstDataFrame) - t0;
    }));
  }
  await context.close();
  return median(times);
}

// Frames drawn per second while nothing changes: the app should be asleep.
async function idleFramesPerSecond(browser, url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(demoUrl(url));
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs, null, { timeout: 60000 });
  await page.waitForTimeout(2000);  // let loading and the details part settle
  const before = await page.evaluate(() => window.forecourt.frame());
  await page.waitForTimeout(5000);
  const after = await page.evaluate(() => window.forecourt.frame());
  await context.close();
  return (after - before) / 5;
}

const portal = await startPortal();
const server = await startServer({ demo: 'dealer', seed: 1, extraArgs: ['--allow-origin', portal.origin] });
const browser = await launchBrowser();
try {
  // One warm-up load so the server has built its snapshot cache, as a running server has.
  await coldStartMs(browser, server.url, 1);
  const metrics = {
    cold_start_ms: await coldStartMs(browser, server.url, 5),
    embed_mount_ms: await embedMountMs(browser, portal.origin, server.url.replace(/\/$/, ''), 5),
    idle_frames_per_s: await idleFramesPerSecond(browser, server.url),
  };
  console.log(JSON.stringify(metrics));
} finally {
  await browser.close();
  await server.stop();
  await portal.stop();
}
