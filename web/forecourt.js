// Forecourt's page glue: starts the WASM app on a canvas, feeds it its size, font and data,
// and exposes the small test/automation contract:
//   app.items()  -> items drawn in the last frame: [{id, label, window, rect: {x, y, w, h}}],
//                   rect in CSS pixels of the viewport (what a mouse click needs)
//   app.frame()  -> number of frames drawn so far
//   app.firstDataFrameMs -> performance.now() when the first frame with data was drawn
// Everything is registered on the canvas or its container, never page-wide.
(function () {
  'use strict';

  function callString(module, fn, text) {
    const size = module.lengthBytesUTF8(text) + 1;
    const ptr = module._malloc(size);
    module.stringToUTF8(text, ptr, size);
    try { return fn(ptr); } finally { module._free(ptr); }
  }

  function callBytes(module, fn, bytes) {
    const ptr = module._malloc(bytes.length || 1);
    module.HEAPU8.set(bytes, ptr);
    try { return fn(ptr, bytes.length); } finally { module._free(ptr); }
  }

  async function fetchBytes(url) {
    const res = await fetch(url, { credentials: 'same-origin' });
    if (!res.ok) throw new Error(url + ' answered ' + res.status);
    return new Uint8Array(await res.arrayBuffer());
  }

  async function start(canvas, options) {
    const opts = Object.assign({ apiBase: '', fontUrl: 'fonts/NotoSans-Regular.ttf' }, options);
    let firstDataFrameMs = null;
    let resolveFirstData;
    const firstData = new Promise((r) => { resolveFirstData = r; });
    const fontPromise = fetchBytes(opts.fontUrl);
    const dataPromise = fetchBytes(opts.apiBase + '/api/v1/demo/snapshot');
    const module = await ForecourtModule({
      onFirstDataFrame() {
        firstDataFrameMs = performance.now();
        resolveFirstData(firstDataFrameMs);
      },
    });
    const selector = '#' + canvas.id;
    const ratio = () => window.devicePixelRatio || 1;
    const box = canvas.getBoundingClientRect();
    const started = callString(module, (p) => module._fc_start(p, Math.round(box.width),
      Math.round(box.height), ratio(), -new Date().getTimezoneOffset()), selector);
    if (started !== 0) throw new Error(module.UTF8ToString(module._fc_last_error()));

    const resize = () => {
      const r = canvas.getBoundingClientRect();
      module._fc_resize(Math.round(r.width), Math.round(r.height), ratio());
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);

    canvas.addEventListener('paste', (e) => {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (text) callString(module, (p) => module._fc_paste(p), text);
      e.preventDefault();
    });

    try {
      callBytes(module, (p, n) => module._fc_set_font(p, n), await fontPromise);
    } catch (e) {
      console.warn('Forecourt: UI font unavailable, using the built-in one', e);
    }
    try {
      const data = await dataPromise;
      if (callBytes(module, (p, n) => module._fc_load_snapshot(p, n), data) !== 0)
        throw new Error(module.UTF8ToString(module._fc_last_error()));
    } catch (e) {
      callString(module, (p) => module._fc_set_status(p),
        'Your leads could not be loaded: ' + (e.message || e) + '. Reload to try again.');
    }

    return {
      module,
      items() {
        const raw = JSON.parse(module.UTF8ToString(module._fc_items_json()));
        const r = canvas.getBoundingClientRect();
        const sx = r.width / canvas.width, sy = r.height / canvas.height;
        return raw.map((it) => ({
          id: it.id, label: it.label, window: it.window, text: it.text,
          rect: { x: r.left + it.rect.x * sx, y: r.top + it.rect.y * sy,
                  w: it.rect.w * sx, h: it.rect.h * sy },
        }));
      },
      frame() { return module._fc_frame_count(); },
      get firstDataFrameMs() { return firstDataFrameMs; },
      firstDataFrame: firstData,
    };
  }

  window.Forecourt = Object.assign(window.Forecourt || {}, { startStandalone: start });
})();
