// Browser benchmarks: fresh page loads of the real app against the real server.
// Prints one JSON object of metric -> number on stdout.
import { startServer, launchBrowser } from '../browser/harness.mjs';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function coldStartMs(browser, url, runs) {
  const times = [];
  for (let i = 0; i < runs; ++i) {
    // A fresh context each time: empty HTTP cache, nothing compiled, like a first visit.
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
    const page = await context.newPage();
    await page.goto(url);
    const ms = await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs,
      null, { timeout: 60000 });
    times.push(await ms.jsonValue());
    await context.close();
  }
  return median(times);
}

const server = await startServer({ demo: 'dealer', seed: 1 });
const browser = await launchBrowser();
try {
  // One warm-up load so the server has built its snapshot cache, as a running server has.
  await coldStartMs(browser, server.url, 1);
  const metrics = { cold_start_ms: await coldStartMs(browser, server.url, 5) };
  console.log(JSON.stringify(metrics));
} finally {
  await browser.close();
  await server.stop();
}
