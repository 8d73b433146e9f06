// Compares what two builds of the app draw, pixel for pixel: each screen of the tiny demo at a
// few sizes and pixel ratios, light and dark, with the clock fixed so the times shown are the same. For a change
// meant to leave the pixels alone (a new renderer). Not a test: run it by hand.
//   node tests/browser/compare_builds.mjs <www-A> <www-B>   (e.g. build/www-main build/www)
//   FC_RENDERER=webgl2 (or cpu) has both draw with that renderer; else the app chooses.
// One server (its data seeded once) serves both: the page's forecourt_app.{js,wasm} are taken
// from each folder in turn. Screens that differ are saved as build/artifacts/compare-*.png.
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, demoUrl, artifactsDir, comparePngs } from './harness.mjs';

const [wwwA, wwwB] = process.argv.slice(2).map((p) => path.resolve(p));
if (!wwwA || !wwwB) {
  console.error('usage: node tests/browser/compare_builds.mjs <www-A> <www-B>');
  process.exit(2);
}
const fixedTime = Date.now();
const layouts = [
  { width: 1280, height: 800, scale: 1 },
  { width: 1280, height: 800, scale: 2 },
  { width: 768, height: 1024, scale: 2 },
  { width: 1280, height: 800, scale: 2, dark: true },  // the standalone page has no theme option:
];                                                     // forecourt.js is patched to mount dark
const screens = ['Now', 'Leads', 'Accounts', 'Follow-ups', 'Pipeline', 'Reports', 'Rules', 'Settings', 'Import'];

async function settle(page) {
  let last = -1;
  for (let i = 0; i < 60; ++i) {
    const n = await page.evaluate(() => window.forecourt.frame());
    if (n === last) return;
    last = n;
    await page.waitForTimeout(300);
  }
}

async function clickLabel(page, label, window) {
  const it = await page.waitForFunction(([l, w]) => window.forecourt.items().find((i) => i.label === l && i.window === w),
    [label, window], { timeout: 10000 });
  const { rect } = await it.jsonValue();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
}

// PNG screenshots of every screen, in order, drawn by the app files in `www`.
async function shoot(browser, url, www, layout) {
  const context = await browser.newContext({ viewport: { width: layout.width, height: layout.height },
    deviceScaleFactor: layout.scale, serviceWorkers: 'block' });
  for (const file of ['forecourt_app.js', 'forecourt_app.wasm'])
    await context.route(`**/${file}`, (route) => route.fulfill({ body: readFileSync(path.join(www, file)),
      contentType: file.endsWith('.js') ? 'text/javascript' : 'application/wasm' }));
  if (layout.dark) {
    await context.route('**/forecourt.js', (route) => route.fulfill({ contentType: 'text/javascript',
      body: readFileSync(path.join(www, 'forecourt.js'), 'utf8').replace("theme.mode === 'dark' ? 1 : 0", '1') }));
  }
  const page = await context.newPage();
  await page.clock.setFixedTime(fixedTime);
  await page.goto(demoUrl(url) + (process.env.FC_RENDERER ? `&renderer=${process.env.FC_RENDERER}` : ''));
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null, null, { timeout: 60000 });
  await settle(page);
  const shots = [['start', await page.screenshot()]];
  // A lead picked in the inbox (its detail pane filled, the row selected).
  const rows = await page.evaluate(() => window.forecourt.items().filter((i) => i.window === 'Lead inbox' && i.role === 'row'));
  if (rows.length > 3) {
    await page.mouse.click(rows[3].rect.x + 20, rows[3].rect.y + rows[3].rect.h / 2);
    await settle(page);
    shots.push(['lead', await page.screenshot()]);
  }
  for (const s of screens) {
    await clickLabel(page, s, 'Navigation');
    await settle(page);
    shots.push([s, await page.screenshot()]);
  }
  await context.close();
  return shots;
}

const server = await startServer({ demo: 'tiny', seed: 5 });
const browser = await launchBrowser();
let differing = 0, compared = 0;
try {
  mkdirSync(artifactsDir, { recursive: true });
  const scratch = await (await browser.newContext()).newPage();
  for (const layout of layouts) {
    const a = await shoot(browser, server.url, wwwA, layout);
    const b = await shoot(browser, server.url, wwwB, layout);
    const tag = `${layout.width}x${layout.height}@${layout.scale}${layout.dark ? '-dark' : ''}`;
    for (let i = 0; i < Math.max(a.length, b.length); ++i) {
      const name = (a[i] || b[i])[0];
      ++compared;
      if (!a[i] || !b[i]) { ++differing; console.log(`${tag} ${name}: drawn by one build only`); continue; }
      if (a[i][1].equals(b[i][1])) { console.log(`${tag} ${name}: identical`); continue; }
      const d = await comparePngs(scratch, a[i][1], b[i][1]);
      if (!d.size && d.differing === 0) { console.log(`${tag} ${name}: identical pixels`); continue; }
      ++differing;
      console.log(`${tag} ${name}: DIFFERENT ${JSON.stringify(d.size ? d : { pixels: d.differing, maxDelta: d.maxDelta, box: d.box })}`);
      for (const [side, shots] of [['a', a], ['b', b]])
        writeFileSync(path.join(artifactsDir, `compare-${tag}-${name}-${side}.png`), shots[i][1]);
    }
  }
} finally {
  await browser.close();
  await server.stop();
}
console.log(`${compared - differing} of ${compared} screens identical`);
process.exit(differing ? 1 : 0);
