// The floor of this headless Chromium: how often it can show a frame of a canvas that does
// nothing but clear, so the UI bench's scroll frame intervals can be read against it. Same
// browser flags as the tests (SwiftShader WebGL), same canvas as the app (1280x800 CSS, WebGL2,
// alpha false, antialias false), cleared on every requestAnimationFrame for 5 s:
//   raf_only        rAF with no canvas at all (the display's own pace)
//   webgl2_dpr1     the canvas at devicePixelRatio 1 (1280x800 backing store)
//   webgl2_dpr2     at devicePixelRatio 2 (2560x1600), as the UI bench runs the app
//   canvas2d_dpr2   a 2D canvas of that size, filled each frame (no WebGL)
// Prints one flat JSON object (metric -> number, as scripts/bench.sh collects them):
// floor_<case>_p50_ms and floor_<case>_p95_ms, the frame intervals. Then, for the
// WebGL cases, a second short run under Chromium's tracing counts the ReadPixels the GPU
// process does per frame for the (software) compositor, and their p50 duration
// (floor_<case>_readpixels_per_frame, floor_<case>_readpixels_p50_ms): the page itself never
// reads pixels. README.md ("Frame rate floor") says what the figures mean.
//   node tests/bench/webgl_floor.mjs
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchBrowser } from '../browser/harness.mjs';

const seconds = Number(process.env.FLOOR_SECONDS || 5);
const cases = [
  { name: 'raf_only', scale: 1, kind: 'none' },
  { name: 'webgl2_dpr1', scale: 1, kind: 'webgl2' },
  { name: 'webgl2_dpr2', scale: 2, kind: 'webgl2' },
  { name: 'canvas2d_dpr2', scale: 2, kind: '2d' },
];

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(s.length * p))];
};

const browser = await launchBrowser();
const out = {};
try {
  for (const c of cases) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: c.scale });
    const page = await context.newPage();
    await page.setContent('<body style="margin:0;overflow:hidden"><canvas id="c" style="width:100vw;height:100vh;display:block"></canvas></body>');
    const run = (ms) => page.evaluate(async ([kind, ms]) => {
      const canvas = document.getElementById('c');
      const r = canvas.getBoundingClientRect();
      canvas.width = Math.round(r.width * devicePixelRatio);
      canvas.height = Math.round(r.height * devicePixelRatio);
      let draw = () => {};
      if (kind === 'webgl2') {
        const gl = canvas.getContext('webgl2', { alpha: false, antialias: false, premultipliedAlpha: false });
        let n = 0;
        draw = () => { gl.clearColor((++n % 2) * 0.5, 0.5, 0.5, 1); gl.clear(gl.COLOR_BUFFER_BIT); };
      } else if (kind === '2d') {
        const g = canvas.getContext('2d', { alpha: false });
        let n = 0;
        draw = () => { g.fillStyle = ++n % 2 ? '#888' : '#444'; g.fillRect(0, 0, canvas.width, canvas.height); };
      }
      const gaps = [];
      await new Promise((resolve) => {
        let last = 0;
        const start = performance.now();
        const tick = (t) => {
          if (last) gaps.push(t - last);
          last = t;
          draw();
          if (t - start < ms) requestAnimationFrame(tick); else resolve();
        };
        requestAnimationFrame(tick);
      });
      return gaps.slice(5);  // the first frames include page setup
    }, [c.kind, ms]);
    const gaps = await run(seconds * 1000);
    out[`floor_${c.name}_p50_ms`] = +pct(gaps, 0.5).toFixed(1);
    out[`floor_${c.name}_p95_ms`] = +pct(gaps, 0.95).toFixed(1);
    if (c.kind === 'webgl2') {
      const file = path.join(tmpdir(), `webgl-floor-${process.pid}.json`);
      await browser.startTracing(page, { path: file, categories: ['gpu', 'disabled-by-default-gpu.service'] });
      const traced = await run(2000);
      await browser.stopTracing();
      const reads = JSON.parse(readFileSync(file, 'utf8')).traceEvents
        .filter((e) => e.ph === 'X' && e.name === 'GLES2::ReadPixels').map((e) => e.dur / 1000);
      rmSync(file, { force: true });
      out[`floor_${c.name}_readpixels_per_frame`] = +(reads.length / (traced.length + 6)).toFixed(2);
      if (reads.length) out[`floor_${c.name}_readpixels_p50_ms`] = +pct(reads, 0.5).toFixed(1);
    }
    await context.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(out));
