// Shared by the browser tests and benchmarks: starts the real server binary on a free
// 127.0.0.1 port with a fresh data folder, and Debian's Chromium through playwright-core.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { before, after } from 'node:test';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const buildDir = path.join(repoRoot, 'build');
export const artifactsDir = path.join(buildDir, 'artifacts');

export const chromiumArgs = [
  '--headless', '--no-sandbox', '--disable-gpu', '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

// Starts forecourt_server; resolves once it prints its URL. With `keepDataDir`, the server
// uses that folder and stop() leaves it (benchmarks reuse a seeded demo across runs; a test
// restarts a killed server on its data and `port`, where its clients expect it).
// FC_BUILD=/other/build serves another tree's server and app (benchmarks compare two builds);
// `www` serves another built web root (tools comparing two builds of the app).
export async function startServer({ demo = 'tiny', seed = 1, extraArgs = [], keepDataDir = null, port = 0,
  www = null } = {}) {
  const dataDir = keepDataDir || mkdtempSync(path.join(tmpdir(), 'forecourt-test-'));
  const build = process.env.FC_BUILD || buildDir;
  const bin = path.join(build, 'native', 'forecourt_server');
  const args = ['--host', '127.0.0.1', '--port', String(port), '--data-dir', dataDir,
    '--www', www || path.join(build, 'www'), '--demo', demo, '--demo-seed', String(seed), ...extraArgs];
  const proc = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    // Seeding the network demo into a fresh folder takes minutes.
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)),
      demo === 'network' ? 900000 : 60000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/127\.0\.0\.1:\d+\/)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  return {
    url, proc, dataDir,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {  // not exited, nor killed
        proc.kill('SIGTERM');
        await new Promise((r) => proc.once('exit', r));
      }
      if (!keepDataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: chromiumArgs });
}

// For a test file: one server (startServer's options) and one browser for all its tests,
// started before the first and stopped after the last. Read them as env.server, env.browser.
export function useServerAndBrowser(serverOptions) {
  const env = { server: null, browser: null };
  before(async () => {
    mkdirSync(artifactsDir, { recursive: true });
    env.server = await startServer(serverOptions);
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

// The standalone page showing the server's demo snapshot, without signing in.
export function demoUrl(url) {
  return url + '?demo';
}

// Opens the app on the demo snapshot and waits for its first frame with data. `initScript`
// (a function) runs in the page before the app's scripts, to instrument it; `renderer`
// ('webgl2' or 'cpu') forces one (else the app chooses: 'cpu' in this software-WebGL browser).
export async function openApp(browser, url, { width = 1280, height = 800, scale = 1, initScript = null,
  renderer = null } = {}) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: scale });
  if (initScript) await context.addInitScript(initScript);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e));
  await page.goto(demoUrl(url) + (renderer ? `&renderer=${renderer}` : ''));
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null,
    null, { timeout: 60000 });
  return { context, page, errors };
}

// The items the app drew in its last frame (see web/forecourt.js).
export async function items(page) {
  return page.evaluate(() => window.forecourt.items());
}

// Waits until an item with this label (in this window, when given) is drawn; returns it.
// When it is not, the screen is saved as build/artifacts/missing-<label>.png to show why.
export async function findItem(page, label, window = '', timeout = 10000) {
  try {
    // Only from a frame that has handled all input given so far: a row found before the
    // list is filtered by the name just typed would be clicked where it no longer is.
    const handle = await page.waitForFunction(([l, w]) => {
      if (window.forecourt.inputPending()) return null;
      return window.forecourt.items().find((it) => it.label === l && (!w || it.window === w)) || null;
    }, [label, window], { timeout });
    return await handle.jsonValue();
  } catch (e) {
    const name = `missing-${label}`.replace(/[^A-Za-z0-9._-]+/g, '_').slice(0, 80);
    await page.screenshot({ path: path.join(artifactsDir, name + '.png') }).catch(() => {});
    throw e;
  }
}

// Scrolls `window` with the mouse wheel, as a person would, until the item labelled `label`
// in it is inside the window's visible rectangle (items below the fold are laid out, and so
// published, outside it). Returns the item as it is then.
export async function scrollToItem(page, label, window) {
  for (let i = 0; i < 40; ++i) {
    const [it, pane] = await page.evaluate(([l, w]) => {
      const all = window.forecourt.items();
      return [all.find((x) => x.label === l && x.window === w), all.find((x) => x.role === 'window' && x.label === w)];
    }, [label, window]);
    if (!it || !pane) return findItem(page, label, window);
    const top = pane.rect.y, bottom = pane.rect.y + pane.rect.h;
    if (it.rect.y >= top && it.rect.y + it.rect.h <= bottom) return it;
    await page.mouse.move(pane.rect.x + pane.rect.w / 2, pane.rect.y + pane.rect.h / 2);
    await page.mouse.wheel(0, it.rect.y < top ? -120 : 120);
    await page.waitForTimeout(50);
  }
  throw new Error(`${label} stays outside ${window}`);
}

// Clicks the centre of an item found by label, as a person would with a mouse.
export async function clickItem(page, label, window = '') {
  const it = await findItem(page, label, window);
  await page.mouse.click(it.rect.x + it.rect.w / 2, it.rect.y + it.rect.h / 2);
  return it;
}

// Two PNG screenshots of the same size compared pixel by pixel (decoded in `page`), inside
// `rect` (device pixels {x, y, w, h}; the whole image without it). A pixel's difference is its
// largest channel difference. Returns the size (width, height), the pixels compared, how many
// differ at all (`differing`, their bounding `box` [x0, y0, x1, y1] and `maxDelta`), the share
// within 8 levels (`near`), how many are over 64 apart (`far`), and the `mean` difference.
export async function comparePngs(page, a, b, rect = null) {
  return page.evaluate(async ([a64, b64, rect]) => {
    const decode = async (b64s) => {
      const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64s)).blob());
      const c = new OffscreenCanvas(bmp.width, bmp.height);
      const g = c.getContext('2d');
      g.drawImage(bmp, 0, 0);
      return g.getImageData(0, 0, bmp.width, bmp.height);
    };
    const [x, y] = [await decode(a64), await decode(b64)];
    if (x.width !== y.width || x.height !== y.height) return { size: true };
    const r = rect || { x: 0, y: 0, w: x.width, h: x.height };
    let pixels = 0, differing = 0, near = 0, far = 0, sum = 0, maxDelta = 0, box = null;
    for (let py = Math.max(0, r.y); py < Math.min(x.height, r.y + r.h); ++py) {
      for (let px = Math.max(0, r.x); px < Math.min(x.width, r.x + r.w); ++px) {
        const i = (py * x.width + px) * 4;
        const d = Math.max(Math.abs(x.data[i] - y.data[i]), Math.abs(x.data[i + 1] - y.data[i + 1]),
          Math.abs(x.data[i + 2] - y.data[i + 2]));
        ++pixels;
        sum += d;
        if (d <= 8) ++near; else if (d > 64) ++far;
        if (!d) continue;
        ++differing;
        maxDelta = Math.max(maxDelta, d);
        box = box ? [Math.min(box[0], px), Math.min(box[1], py), Math.max(box[2], px), Math.max(box[3], py)] : [px, py, px, py];
      }
    }
    return { width: x.width, height: x.height, pixels, differing, box, maxDelta,
      near: near / pixels, far, mean: sum / pixels };
  }, [a.toString('base64'), b.toString('base64'), rect]);
}
