// What the renderers put on the canvas, read back as pixels: the panes' background colours, the
// inbox's row stripes, and text drawn from the font texture (glyphs with anti-aliased edges,
// not solid boxes), for both renderers: WebGL2 (wasm/gl_renderer.cpp) and the CPU one on a 2D
// canvas (ui/cpu_renderer.cpp), which this software-WebGL browser gets unless it asks. Places
// come from the items the app publishes (harness.mjs), never from guessed coordinates. Colours
// are the light theme's (ui/theme.cpp).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, openApp, items, findItem, artifactsDir, comparePngs } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 5 });

// ImGui's float colour -> byte, as ImGui converts it.
const byte = (f) => Math.floor(Math.min(Math.max(f, 0), 1) * 255 + 0.5);
const PANE = { 'Navigation': [236, 239, 244], 'Lead inbox': [247, 247, 250], 'Lead detail': [255, 255, 255] };
// ImGui's light style TableRowBgAlt, (0.30, 0.30, 0.30, 0.09), blended over the inbox pane.
const STRIPE = PANE['Lead inbox'].map((c) => {
  const a = byte(0.09) / 255;
  return Math.round(byte(0.30) * a + c * (1 - a));
});
const near = (p, q, tol = 1) => p.every((v, i) => Math.abs(v - q[i]) <= tol);

// A screenshot of the canvas, decoded in the page and kept there as window.__pixels; returns
// its size and its scale (device pixels per CSS pixel).
async function grabCanvas(page) {
  const box = await page.evaluate(() => {
    const r = window.forecourt.canvas.getBoundingClientRect();
    return { x: r.x, y: r.y, width: r.width, height: r.height };
  });
  const png = await page.screenshot({ clip: box });
  return page.evaluate(async ([b64, box]) => {
    const bmp = await createImageBitmap(await (await fetch('data:image/png;base64,' + b64)).blob());
    const canvas = new OffscreenCanvas(bmp.width, bmp.height);
    const g = canvas.getContext('2d');
    g.drawImage(bmp, 0, 0);
    window.__pixels = { box, w: bmp.width, h: bmp.height, scale: bmp.width / box.width,
      data: g.getImageData(0, 0, bmp.width, bmp.height).data };
    return { w: bmp.width, h: bmp.height, scale: bmp.width / box.width };
  }, [png.toString('base64'), box]);
}

// The colour at CSS point (x, y) of the viewport, from the last grab.
async function pixelAt(page, x, y) {
  return page.evaluate(([x, y]) => {
    const p = window.__pixels;
    const px = Math.floor((x - p.box.x) * p.scale), py = Math.floor((y - p.box.y) * p.scale);
    const i = (py * p.w + px) * 4;
    return [p.data[i], p.data[i + 1], p.data[i + 2]];
  }, [x, y]);
}

// Spots in a pane with no item near them (6 CSS px clear of every item but the pane itself and
// its child windows): the most common colour there, and how many of the spots have it.
async function paneBackground(page, pane) {
  const all = await items(page);
  const win = all.find((it) => it.role === 'window' && it.label === pane);
  const others = all.filter((it) => it.role !== 'window');
  const clear = (x, y) => others.every(({ rect: r }) => x < r.x - 6 || x > r.x + r.w + 6 || y < r.y - 6 || y > r.y + r.h + 6);
  const spots = [];
  for (let y = win.rect.y + 4; y < win.rect.y + win.rect.h - 4; y += 23)
    for (let x = win.rect.x + 4; x < win.rect.x + win.rect.w - 4; x += 29)
      if (clear(x, y)) spots.push([x, y]);
  const counts = new Map();
  for (const [x, y] of spots) {
    const key = (await pixelAt(page, x, y)).join(',');
    counts.set(key, (counts.get(key) || 0) + 1);
  }
  const [colour, n] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  return { colour: colour.split(',').map(Number), n, spots: spots.length };
}

// Text inside an item's rectangle, in device pixels: `ink` (near the text colour) and, inside
// the box around the ink, `edge` (between the text colour and the background: anti-aliased
// glyph edges, which only the font texture's coverage gives) and the share of ink. Glyph quads
// filled with the text colour instead would make that box nearly all ink, with no edges.
async function glyphStats(page, rect, textColour) {
  return page.evaluate(([rect, textColour]) => {
    const p = window.__pixels;
    const x0 = Math.ceil((rect.x - p.box.x) * p.scale), x1 = Math.floor((rect.x + rect.w - p.box.x) * p.scale);
    const y0 = Math.ceil((rect.y - p.box.y) * p.scale), y1 = Math.floor((rect.y + rect.h - p.box.y) * p.scale);
    const at = (x, y) => { const i = (y * p.w + x) * 4; return [p.data[i], p.data[i + 1], p.data[i + 2]]; };
    const counts = new Map();
    for (let y = y0; y < y1; ++y) for (let x = x0; x < x1; ++x) {
      const k = at(x, y).join(',');
      counts.set(k, (counts.get(k) || 0) + 1);
    }
    const bg = [...counts.entries()].sort((a, b) => b[1] - a[1])[0][0].split(',').map(Number);
    const dist = (c, d) => Math.max(...c.map((v, i) => Math.abs(v - d[i])));
    const full = dist(bg, textColour);
    const isInk = (c) => dist(c, textColour) <= full * 0.25;
    let ink = 0, bx0 = x1, bx1 = x0, by0 = y1, by1 = y0;
    for (let y = y0; y < y1; ++y) for (let x = x0; x < x1; ++x) {
      if (!isInk(at(x, y))) continue;
      ++ink;
      bx0 = Math.min(bx0, x); bx1 = Math.max(bx1, x + 1); by0 = Math.min(by0, y); by1 = Math.max(by1, y + 1);
    }
    let edge = 0;
    for (let y = by0; y < by1; ++y) for (let x = bx0; x < bx1; ++x) {
      const c = at(x, y);
      if (dist(c, bg) > 4 && !isInk(c)) ++edge;
    }
    const area = Math.max(0, bx1 - bx0) * Math.max(0, by1 - by0);
    return { bg, ink, edge, inkShare: area ? ink / area : 0 };
  }, [rect, textColour]);
}

function assertGlyphs(stats, what) {
  if (process.env.RENDER_DEBUG) console.log(what, JSON.stringify(stats));
  const s = JSON.stringify(stats);
  assert.ok(stats.ink >= 20, `${what}: text is drawn (dark glyph pixels) ${s}`);
  assert.ok(stats.edge >= 20, `${what}: glyph edges are anti-aliased, from the font texture ${s}`);
  assert.ok(stats.inkShare < 0.5, `${what}: glyphs, not solid boxes ${s}`);
}

async function checkLeadsScreen(page) {
  const grab = await grabCanvas(page);
  for (const [pane, expected] of Object.entries(PANE)) {
    const bg = await paneBackground(page, pane);
    assert.ok(bg.n >= 10 && bg.n >= bg.spots * 0.6 && near(bg.colour, expected),
      `${pane} background is ${expected} (got ${JSON.stringify(bg)}, scale ${grab.scale})`);
  }

  // Row stripes: a row's own colour, taken at its right end (the Age column's short text is
  // far to the left of it), alternates between the pane's and the stripe's. The first row is
  // left out (it may be selected).
  const rows = (await items(page)).filter((it) => it.window === 'Lead inbox' && it.role === 'row').slice(1, 9);
  assert.ok(rows.length >= 6, `rows on screen: ${rows.length}`);
  const colours = [];
  for (const row of rows) colours.push(await pixelAt(page, row.rect.x + row.rect.w - 3, row.rect.y + row.rect.h / 2));
  const kinds = colours.map((c) => near(c, STRIPE) ? 'stripe' : near(c, PANE['Lead inbox']) ? 'plain' : 'other');
  assert.ok(!kinds.includes('other') && kinds.every((k, i) => i === 0 || k !== kinds[i - 1]),
    `rows alternate plain and stripe ${STRIPE}: ${JSON.stringify(colours)} ${kinds}`);

  // Text: a column header's label and a row's account name, black on their backgrounds.
  const header = await findItem(page, 'Account', 'Lead inbox');
  assertGlyphs(await glyphStats(page, header.rect, [0, 0, 0]), 'header "Account"');
  assertGlyphs(await glyphStats(page, rows[1].rect, [0, 0, 0]), `row "${rows[1].label}"`);
  return grab;
}

const RENDERERS = ['webgl2', 'cpu'];

test('panes, row stripes and text are drawn as the theme says, at 1x and 2x, by both renderers', async () => {
  for (const renderer of RENDERERS) for (const scale of [1, 2]) {
    const { page, context, errors } = await openApp(env.browser, env.server.url, { scale, renderer });
    assert.equal(await page.evaluate(() => window.forecourt.renderer), renderer);
    await findItem(page, 'Lead inbox');
    await page.waitForTimeout(1000);  // the details part arrives and the app settles
    const grab = await checkLeadsScreen(page);
    assert.equal(grab.scale, scale, 'one canvas pixel per device pixel');
    assert.deepEqual(errors, []);
    await context.close();
  }
});

test('after a pixel-ratio change the font is rasterised and uploaded again: text still draws', async () => {
  for (const renderer of RENDERERS) await pixelRatioChange(renderer);
});

async function pixelRatioChange(renderer) {
  // A window dragged from a 1x screen to a 2x one: the page reports devicePixelRatio 1 until
  // the move, then 2, and the resize that comes with it tells the app (web/forecourt.js).
  const { page, context, errors } = await openApp(env.browser, env.server.url, {
    scale: 2, renderer,
    initScript: () => Object.defineProperty(window, 'devicePixelRatio',
      { get: () => window.__ratio || 1, configurable: true }),
  });
  await findItem(page, 'Lead inbox');
  assert.equal(await page.evaluate(() => window.forecourt.canvas.width), 1280);
  await page.evaluate(() => { window.__ratio = 2; });
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.waitForFunction(() => window.forecourt.canvas.width === 2400);
  await page.waitForTimeout(1000);
  const grab = await checkLeadsScreen(page);
  assert.equal(grab.scale, 2);
  assert.deepEqual(errors, []);
  await context.close();
}

// The calls that put pixels on the canvas, counted as window.__paints: WebGL's clear and draw,
// and the 2D context's putImageData (the CPU renderer's only one).
function countPaints() {
  window.__paints = 0;
  const wrap = (proto, name) => {
    const original = proto[name];
    proto[name] = function (...args) {
      window.__paints++;
      return original.apply(this, args);
    };
  };
  wrap(WebGL2RenderingContext.prototype, 'clear');
  wrap(WebGL2RenderingContext.prototype, 'drawElements');
  wrap(CanvasRenderingContext2D.prototype, 'putImageData');
}

test('a frame that looks like the one on screen is not drawn again; a changed one is', async () => {
  // Without a GPU each drawn frame costs: a WebGL one a readback of the whole canvas, a CPU
  // one its rasterising and copy. So an unchanged frame must not draw at all.
  for (const renderer of RENDERERS) {
    const { page, context } = await openApp(env.browser, env.server.url, { renderer, initScript: countPaints });
    const detail = await findItem(page, 'Lead detail');
    await page.waitForTimeout(1000);
    const paints = () => page.evaluate(() => window.__paints);
    const frames = () => page.evaluate(() => window.forecourt.frame());
    assert.ok(await paints() > 0, `${renderer}: the first frames were drawn`);

    // The pointer moving over the empty detail pane: frames are built, none looks different.
    const [paints0, frames0] = [await paints(), await frames()];
    for (let i = 0; i < 10; ++i) {
      await page.mouse.move(detail.rect.x + detail.rect.w / 2 + i * 5, detail.rect.y + detail.rect.h - 40);
      await page.waitForTimeout(50);
    }
    await page.waitForTimeout(300);
    assert.ok(await frames() > frames0, `${renderer}: the pointer moving made the app build frames`);
    assert.equal(await paints(), paints0, `${renderer}: frames that look the same as the screen were not drawn`);

    // The pointer on a row highlights it: that frame is drawn.
    const row = (await items(page)).find((it) => it.window === 'Lead inbox' && it.role === 'row');
    await page.mouse.move(row.rect.x + row.rect.w / 2, row.rect.y + row.rect.h / 2);
    await page.waitForFunction((n) => window.__paints > n, paints0, { timeout: 5000 });
    await context.close();
  }
});

test('without a GPU under WebGL2 the app draws on a 2D canvas; with one, through WebGL2', async () => {
  // This browser's WebGL2 is SwiftShader (the CPU): the app takes the CPU renderer by itself.
  let { page, context, errors } = await openApp(env.browser, env.server.url);
  assert.equal(await page.evaluate(() => window.forecourt.renderer), 'cpu');
  assert.equal(await page.evaluate(() => window.forecourt.canvas.getContext('webgl2')), null,
    'the canvas holds a 2D context, not WebGL');
  await checkLeadsScreen(page);
  assert.deepEqual(errors, []);
  await context.close();

  // The same browser saying its WebGL2 runs on a GPU: the app takes WebGL2.
  ({ page, context, errors } = await openApp(env.browser, env.server.url, {
    initScript: () => {
      const original = WebGL2RenderingContext.prototype.getParameter;
      WebGL2RenderingContext.prototype.getParameter = function (p) {
        const info = this.getExtension('WEBGL_debug_renderer_info');
        if (info && p === info.UNMASKED_RENDERER_WEBGL) return 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0)';
        return original.call(this, p);
      };
    },
  }));
  assert.equal(await page.evaluate(() => window.forecourt.renderer), 'webgl2');
  await checkLeadsScreen(page);
  assert.deepEqual(errors, []);
  await context.close();
});

test('the CPU renderer draws what the WebGL2 renderer draws', async () => {
  // The same screens (clock fixed, same clicks) at 2x from both: a lead's detail (text,
  // buttons, check boxes, the timeline) and the Reports screen (charts: bars, lines). Compared
  // inside a window's rectangle: the inbox's order of leads with equal scores may differ
  // between two page loads. They may differ by a step or two of 8-bit rounding (SwiftShader
  // filters the font texture its own way), on glyph edges; not by more.
  const fixedTime = Date.now();
  const lead = (await (await fetch(env.server.url + 'api/v1/demo/snapshot')).json()).leads[0].id;
  const shots = {};
  for (const renderer of RENDERERS) {
    const { page, context, errors } = await openApp(env.browser, env.server.url, {
      scale: 2, renderer, initScript: `Date.now = () => ${fixedTime};`,
    });
    shots[renderer] = [];
    const shoot = async (window) => {
      await page.mouse.move(1, 1);
      await page.waitForTimeout(500);
      const pane = (await items(page)).find((it) => it.role === 'window' && it.label === window);
      shots[renderer].push({ window, rect: pane.rect, png: await page.screenshot() });
    };
    await findItem(page, 'Lead inbox');
    await page.evaluate((id) => window.forecourt.navigate('lead/' + id), lead);
    await findItem(page, 'Log call', 'Lead detail');
    await shoot('Lead detail');
    const reports = await findItem(page, 'Reports', 'Navigation');
    await page.mouse.click(reports.rect.x + reports.rect.w / 2, reports.rect.y + reports.rect.h / 2);
    await findItem(page, 'Funnel: Leads', 'Reports');
    await shoot('Reports');
    assert.deepEqual(errors, []);
    await context.close();
  }
  const scratch = await env.browser.newPage();
  for (let i = 0; i < shots.cpu.length; ++i) {
    const [gl, cpu] = [shots.webgl2[i], shots.cpu[i]];
    const r = gl.rect;  // CSS pixels: the canvas is at 2x
    const d = await comparePngs(scratch, gl.png, cpu.png,
      { x: Math.ceil(r.x * 2), y: Math.ceil(r.y * 2), w: Math.floor(r.w * 2), h: Math.floor(r.h * 2) });
    const what = `${gl.window} ${JSON.stringify(d)}`;
    if (process.env.RENDER_DEBUG) console.log(what);
    const same = d.near >= 0.995 && d.mean < 0.5 && d.far < 500;
    if (!same) {  // saved to look at
      for (const r of RENDERERS) writeFileSync(path.join(artifactsDir, `renderers-${i}-${r}.png`), shots[r][i].png);
    }
    assert.equal(d.width, 2560, what);
    assert.ok(d.pixels > 500000, `${what}: a window of the screen`);
    assert.ok(same, `${what}: 99.5% of pixels within 8 levels, a mean under half a level, few far apart`);
  }
  await scratch.close();
});
