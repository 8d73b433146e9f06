// UI benchmarks on a big book (the network demo: ~127k leads in the inbox), in headless
// Chromium at 1280x800, deviceScaleFactor 2 (SwiftShader WebGL). Prints one JSON object.
// The app draws with the renderer it chooses here (the CPU one: this WebGL2 has no GPU under
// it; ui_renderer_cpu says so); the scroll is also measured with WebGL2 forced, side by side
// (the _webgl2 figures). ui_frame_p95_ms is a frame's build (new frame to ImGui's draw data),
// ui_paint_p95_ms the renderer's part of it (WebGL calls, or rasterising and putting pixels).
//   node tests/bench/ui_bench.mjs [server-url]   (without a URL it starts a network-demo server)
// The seeded data folder is kept in build/bench-data/ and reused by later runs (seeding ~1.3M
// records takes minutes); its name carries a hash of the code that generates and stores the
// demo, so a change there seeds afresh. Delete the folder to force it.
import { startServer, launchBrowser, demoUrl } from '../browser/harness.mjs';
import { seededDataDir } from './seeded_data.mjs';
import { scrollInbox } from './scroll_inbox.mjs';


const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

async function openFresh(browser, url, renderer = null) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await page.goto(demoUrl(url) + (renderer ? `&renderer=${renderer}` : ''));
  const first = await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs,
    null, { timeout: 300000, polling: 50 });
  return { context, page, firstRowsMs: await first.jsonValue() };
}

async function headerCenter(page, label) {
  const it = await page.evaluate((l) => window.forecourt.items().find((i) => i.label === l && i.role === 'header'), label);
  return [it.rect.x + it.rect.w / 2, it.rect.y + it.rect.h / 2];
}

const external = process.argv[2];
const server = external ? null
  : await startServer({ demo: 'network', seed: 1, keepDataDir: seededDataDir('network', 1) });
const url = external || server.url;
const browser = await launchBrowser();
try {
  const loads = [];
  for (let i = 0; i < 5; ++i) {
    const { context, firstRowsMs } = await openFresh(browser, url);
    loads.push(firstRowsMs);
    await context.close();
  }
  const { page, context } = await openFresh(browser, url);
  await page.waitForTimeout(3000);

  // Scrolling: a 100 px wheel event every 16.7 ms for 5 s, not waiting for each to be handled.
  const intervals = await scrollInbox(page);

  // Sort: click a header; time from the press to the first frame drawn with the new order.
  const sorts = [];
  for (const label of ['Account', 'Owner', 'Age', 'Score', 'Product']) {
    const before = await page.evaluate(() => window.forecourt.items().find((i) => i.role === 'row').label);
    await page.evaluate(() => {
      window.forecourt.traceFrames(true);
      window.__press = 0;
      window.forecourt.canvas.addEventListener('mousedown', () => { window.__press = performance.now(); }, { once: true });
    });
    const [x, y] = await headerCenter(page, label);
    await page.mouse.click(x, y);
    await page.waitForTimeout(1500);
    const { frames, press } = await page.evaluate(() => ({ frames: window.forecourt.traceFrames(false), press: window.__press }));
    const changed = frames.find((f) => f.t >= press && f.firstRow !== before);
    if (changed) sorts.push(changed.t - press);
  }
  // Search: one keystroke in the search box (the third letter of "mül": a few % of the book)
  // -> the first frame painted after it, which the filter ran in.
  const searches = [];
  const field = await page.evaluate(() => window.forecourt.items().find((i) => i.label === 'Search' && i.role === 'field'));
  await page.mouse.click(field.rect.x + field.rect.w / 2, field.rect.y + field.rect.h / 2);
  for (const text of ['mül', 'schm', 'lef']) {
    for (const ch of text.slice(0, -1)) { await page.keyboard.type(ch); await page.waitForTimeout(500); }
    await page.evaluate(() => {
      window.forecourt.traceFrames(true);
      window.__press = 0;
      window.forecourt.canvas.ownerDocument.addEventListener('keydown', () => { window.__press = performance.now(); }, { once: true, capture: true });
    });
    await page.keyboard.type(text.slice(-1));
    await page.waitForTimeout(1500);
    const { frames, press } = await page.evaluate(() => ({ frames: window.forecourt.traceFrames(false), press: window.__press }));
    const painted = frames.find((f) => f.t >= press);
    if (press && painted) searches.push(painted.t - press);
    for (let i = 0; i < text.length; ++i) { await page.keyboard.press('Backspace'); await page.waitForTimeout(300); }
  }
  const renderer = await page.evaluate(() => window.forecourt.renderer);
  await context.close();

  // The same scroll drawn by the WebGL2 renderer.
  const gl = await openFresh(browser, url, 'webgl2');
  await gl.page.waitForTimeout(3000);
  const glIntervals = await scrollInbox(gl.page);
  await gl.context.close();

  console.log(JSON.stringify({
    ui_first_rows_100k_ms: median(loads),
    ui_scroll_frame_p95_ms: p95(intervals.gaps),
    ui_frame_p95_ms: p95(intervals.frames.map((f) => f.buildMs)),
    ui_paint_p95_ms: p95(intervals.frames.map((f) => f.paintMs)),
    ui_renderer_cpu: renderer === 'cpu' ? 1 : 0,
    ui_scroll_frame_p95_webgl2_ms: p95(glIntervals.gaps),
    ui_paint_p95_webgl2_ms: p95(glIntervals.frames.map((f) => f.paintMs)),
    ui_sort_100k_ms: sorts.length ? median(sorts) : -1,
    ui_search_keystroke_ms: searches.length ? median(searches) : -1,
  }));
} finally {
  await browser.close();
  await server?.stop();
}
