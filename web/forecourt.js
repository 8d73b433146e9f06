// Forecourt's loader: the one script a page (the standalone app or a dealer portal) includes.
// It defines exactly one global, `Forecourt`, and the <forecourt-crm> element.
//
//   const app = await Forecourt.mount(element, { apiBase, getToken, token, tenant, user, sync,
//                                                locale, timeZone, theme, route, onEvent,
//                                                live, sound, renderer });
//   live: false turns pokes off; renderer: 'webgl2' or 'cpu' forces one (default: chosen by
//   the GPU, see chooseRenderer; app.renderer says which draws)
//   sync: true signs the app in with the token (getToken({refresh}) is asked again after a 401)
//   and keeps `user`'s records and changes on the device, synced with the server (web/sync.js,
//   docs/offline.md); app.sync.now() syncs at once, app.sync.status() says how it stands, and a
//   live poke pulls (app.sync.pullNow()). Without it the app shows the server's demo snapshot.
//   app.navigate('lead/L-A12-vans'); app.on('lead_opened', fn); app.unmount();
//   <forecourt-crm api-base="https://crm.example" route="now" theme="dark"></forecourt-crm>
//
// Each mount is its own WASM instance on its own canvas inside `element`, sized to the element
// (ResizeObserver), taking keyboard input only while focused. The compiled WebAssembly module
// is shared between mounts, so a second mount or a remount costs no download or compile.
//
// Test/automation contract (also on the standalone page as window.forecourt):
//   app.items() -> items drawn in the last frame, [{id, label, window, text, rect: {x,y,w,h}}],
//                  rect in CSS pixels of the viewport; app.frame() -> frames drawn so far;
//   app.inputPending() -> whether input arrived that no drawn frame has handled yet (then
//                  items() may not show its effect: a list not yet filtered by what was typed);
//   app.firstDataFrameMs -> performance.now() at the first frame that drew data.
(function () {
  'use strict';
  if (window.Forecourt && window.Forecourt.mount) return;

  const scriptUrl = document.currentScript ? document.currentScript.src : location.href;
  const appBase = new URL('.', scriptUrl).href;   // where forecourt_app.* and fonts live
  let factoryPromise = null;
  let compiledPromise = null;
  let nextCanvasId = 1;

  // ES module import: the Emscripten glue defines no global of its own.
  function moduleFactory() {
    if (!factoryPromise) factoryPromise = import(appBase + 'forecourt_app.js').then((m) => m.default);
    return factoryPromise;
  }
  function compiledWasm() {
    if (!compiledPromise) {
      compiledPromise = WebAssembly.compileStreaming(fetch(appBase + 'forecourt_app.wasm'))
        .catch((e) => { compiledPromise = null; throw e; });
    }
    return compiledPromise;
  }

  // Font files by URL, kept for the page's life like the compiled module: a remount (or a
  // second mount) does not fetch the same file again. A failed fetch is not kept.
  const fontFiles = new Map();
  function fontBytes(url) {
    if (!fontFiles.has(url)) {
      fontFiles.set(url, fetch(url).then((r) => (r.ok ? r.arrayBuffer() : null)).catch(() => null)
        .then((b) => { if (!b) fontFiles.delete(url); return b; }));
    }
    return fontFiles.get(url);
  }

  // Which renderer draws the app: 'webgl2' on a GPU. Where WebGL2 is missing, or runs on the
  // CPU itself (SwiftShader, llvmpipe: a machine with no GPU, a virtual desktop, a blocklisted
  // driver), 'cpu': the app rasterises its frames in WASM onto a 2D canvas. A software WebGL
  // frame is shaded on the CPU anyway and then read back whole for the compositor, two frame
  // periods or more at 2x; the 2D canvas has no readback (README, "Frame rate floor").
  // Asked once per page, of a throwaway canvas.
  let detectedRenderer = null;
  function chooseRenderer(requested) {
    if (requested === 'webgl2' || requested === 'cpu') return requested;
    if (!detectedRenderer) {
      const gl = document.createElement('canvas').getContext('webgl2');
      if (!gl) {
        detectedRenderer = 'cpu';
      } else {
        const info = gl.getExtension('WEBGL_debug_renderer_info');
        const name = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
        detectedRenderer = /swiftshader|llvmpipe|softpipe|software|basic render/i.test(name) ? 'cpu' : 'webgl2';
        const lose = gl.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();
      }
    }
    return detectedRenderer;
  }

  // The last data each server sent, kept in IndexedDB so the app opens with data when the
  // network or the server is down. One record per snapshot part.
  const idb = {
    open() {
      return new Promise((resolve, reject) => {
        const req = indexedDB.open('forecourt', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('snapshots');
        req.onsuccess = () => resolve(req.result);
        req.onerror = () => reject(req.error);
      });
    },
    run(mode, fn) {
      return idb.open().then((db) => new Promise((resolve, reject) => {
        const tx = db.transaction('snapshots', mode);
        const req = fn(tx.objectStore('snapshots'));
        tx.oncomplete = () => { db.close(); resolve(req && req.result); };
        tx.onerror = tx.onabort = () => { db.close(); reject(tx.error); };
      }));
    },
    save: (key, bytes) => idb.run('readwrite', (s) => s.put({ bytes, savedAt: Date.now() }, key)),
    load: (key) => idb.run('readonly', (s) => s.get(key)),
  };

  function withString(module, text, fn) {
    const size = module.lengthBytesUTF8(text) + 1;
    const ptr = module._malloc(size);
    module.stringToUTF8(text, ptr, size);
    try { return fn(ptr); } finally { module._free(ptr); }
  }
  function withBytes(module, bytes, fn) {
    const ptr = module._malloc(bytes.length || 1);
    module.HEAPU8.set(bytes, ptr);
    try { return fn(ptr, bytes.length); } finally { module._free(ptr); }
  }

  function parseColor(hex) {
    const m = /^#?([0-9a-f]{6})$/i.exec(hex || '');
    return m ? parseInt(m[1], 16) : 0x2563eb;
  }

  // Minutes east of UTC now in an IANA zone (the portal's), or in the browser's own zone.
  function utcOffsetMinutes(timeZone) {
    const now = new Date();
    if (!timeZone) return -now.getTimezoneOffset();
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    }).formatToParts(now).reduce((o, p) => { o[p.type] = Number(p.value); return o; }, {});
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
    return Math.round((asUtc - now.getTime()) / 60000);
  }

  // Screen readers cannot read a canvas. This keeps an offscreen DOM copy of what the last
  // frame drew, built from the same item hooks the tests use: panes as regions, the inbox's
  // visible rows as a grid, buttons and fields with their labels; the focused widget is
  // announced through a live region. Activating a mirrored element clicks its spot on the canvas.
  function createMirror(element, click) {
    const root = document.createElement('div');
    root.className = 'forecourt-a11y';
    root.style.cssText = 'position:absolute;left:0;top:0;width:1px;height:1px;overflow:hidden;' +
      'clip-path:inset(50%);white-space:nowrap';
    const tree = document.createElement('div');
    const live = document.createElement('div');
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    root.append(tree, live);
    element.appendChild(root);
    let lastJson = '';
    let lastFocus = null;

    function node(tag, attrs, text) {
      const n = document.createElement(tag);
      for (const [k, v] of Object.entries(attrs || {})) n.setAttribute(k, v);
      if (text !== undefined) n.textContent = text;
      return n;
    }
    function activatable(n, it) {
      n.tabIndex = -1;
      n.addEventListener('click', () => click(it.rect.x + it.rect.w / 2, it.rect.y + it.rect.h / 2));
      return n;
    }

    function render(items) {
      const panes = new Map();
      for (const it of items) {
        if (!panes.has(it.window)) panes.set(it.window, []);
        panes.get(it.window).push(it);
      }
      const out = document.createDocumentFragment();
      for (const [name, list] of panes) {
        const region = node('section', { role: 'region', 'aria-label': name });
        const headers = list.filter((it) => it.role === 'header');
        const rows = list.filter((it) => it.role === 'row');
        if (rows.length) {
          const grid = node('div', { role: 'grid', 'aria-label': name });
          const head = node('div', { role: 'row' });
          headers.forEach((h) => head.appendChild(activatable(node('div', { role: 'columnheader' }, h.label), h)));
          grid.appendChild(head);
          rows.forEach((r) => {
            const row = activatable(node('div', { role: 'row', 'aria-label': r.label }), r);
            (r.cells || [r.label]).forEach((c) => row.appendChild(node('div', { role: 'gridcell' }, c)));
            grid.appendChild(row);
          });
          region.appendChild(grid);
        }
        for (const it of list) {
          if (it.role === 'button' || it.role === 'tree') region.appendChild(activatable(node('button', {}, it.label), it));
          else if (it.role === 'field') region.appendChild(activatable(node('input', { 'aria-label': it.label, type: 'text' }), it));
          else if (it.role === 'checkbox') region.appendChild(activatable(node('input', { 'aria-label': it.label, type: 'checkbox' }), it));
          else if (it.role === 'text') region.appendChild(node('p', {}, it.label));
        }
        out.appendChild(region);
      }
      tree.replaceChildren(out);
    }

    return {
      update(raw, items) {
        if (raw !== lastJson) {
          lastJson = raw;
          render(items);
        }
        const focused = items.find((it) => it.focused);
        const label = focused ? focused.label : null;
        if (label !== lastFocus) {
          lastFocus = label;
          if (label) live.textContent = label;
        }
      },
      remove() { root.remove(); },
    };
  }

  // Connects the poke stream; each poke runs `refresh` (coalesced: pokes during a refresh make
  // one more), then counts what `takeNews` says is new (leads, Now-queue items: not pokes, so a
  // lead captured and then routed is one) in the tab title until the user next touches the app,
  // and raises a notification while the tab is in the background (if `opts.notifies()`: one
  // tab of the user does, not every open one). What the app shows once
  // `ready` resolves (its first data) is not news. Resolves to {close()}.
  function startLiveRefresh(opts, element, isMounted, ready, refresh, takeNews) {
    return import(appBase + 'live.js').then((live) => {
      if (!isMounted()) return null;
      // Pokes that come before are handled after it: the stream connects at once all the same.
      const primed = ready.then(() => { if (isMounted()) takeNews(); });
      let running = null, again = false, unseen = 0, hellos = 0;
      const seen = () => { if (unseen) { unseen = 0; live.setTitleBadge(0); } };
      element.addEventListener('pointerdown', seen);
      element.addEventListener('keydown', seen);
      const run = async (poke) => {
        if (running) { again = true; return; }
        running = primed.then(refresh).catch((e) => console.warn('Forecourt: refresh failed', e));
        await running;
        running = null;
        const news = isMounted() ? takeNews() : 0;
        if (poke.reason === 'changed' && news > 0) {
          live.setTitleBadge(unseen += news);
          if (opts.notifies()) {
            live.notifyInBackground('Forecourt', news === 1 ? 'Something new arrived in your queue.'
              : `${news} new items arrived in your queue.`);
            if (opts.sound) live.chime();
          }
        }
        if (again) { again = false; run({ reason: 'changed' }); }
      };
      live.askNotificationsOnce(live.bannerExplain(element)).catch(() => {});
      const conn = live.connectLive({
        apiBase: opts.apiBase,
        getToken: opts.getToken || (() => opts.token),
        // The first hello comes right after the data was loaded; later ones follow a gap.
        onPoke: (p) => { if (p.reason === 'changed' || hellos++ > 0) run(p); },
      });
      return { close() { conn.close(); element.removeEventListener('pointerdown', seen);
        element.removeEventListener('keydown', seen); live.setTitleBadge(0); } };
    }).catch((e) => { console.warn('Forecourt: no live updates', e); return null; });
  }

  // Asks for a sync round and resolves once one has ended, with what it pulled applied in
  // this tab: in the leader tab its own; in another tab of the user the leader's, whose pages
  // reach this tab before its status does. (pullNow() returns at once in such a tab, before
  // anything arrived.) Without an answer (no leader yet) it resolves after `waitMs`. For a
  // poke (`pull`), a leader's sync that has not yet sent its pull answers it (pullNow), rather
  // than one more sync after it: a push that changed anything the user sees pokes while it runs.
  function syncRound(client, waitMs = 15000, { pull = false } = {}) {
    if (!client) return Promise.resolve();
    if (client.api.status().leader) return pull ? client.api.pullNow() : client.api.now();  // after the one in progress
    return new Promise((resolve) => {
      // A round already under way may have started before what this one is for.
      let idle = !client.api.status().syncing, started = false;
      const done = () => { off(); clearTimeout(timer); resolve(); };
      const off = client.api.on((s) => {
        if (s.syncing) started = started || idle;
        else if (started) done();
        else idle = true;
      });
      const timer = setTimeout(done, waitMs);
      client.api.now();
    });
  }

  async function mount(element, options) {
    if (!(element instanceof HTMLElement)) throw new TypeError('Forecourt.mount needs an element');
    const opts = Object.assign({ apiBase: new URL(appBase).origin, fontUrl: appBase + 'fonts/NotoSans-Regular.ttf' }, options);
    const listeners = new Map();
    const emit = (event) => {
      (listeners.get(event.type) || []).forEach((fn) => { try { fn(event); } catch (e) { console.error(e); } });
      (listeners.get('*') || []).forEach((fn) => { try { fn(event); } catch (e) { console.error(e); } });
      if (opts.onEvent) { try { opts.onEvent(event); } catch (e) { console.error(e); } }
      element.dispatchEvent(new CustomEvent('forecourt:' + event.type, { detail: event }));
    };

    // One token for all of this mount's requests (both data parts, the live stream): the portal
    // is asked again only after a 401. A portal's getToken may sign in on every call, and a
    // sign-in costs the server a deliberately slow password hash (~1 s of the mount's time).
    let tokenPromise = null;
    const currentToken = (refresh = false) => {
      if (!opts.getToken) return Promise.resolve(opts.token);
      if (refresh || !tokenPromise) {
        tokenPromise = Promise.resolve().then(() => opts.getToken({ refresh }));
        tokenPromise.catch(() => { tokenPromise = null; });  // a failed ask is not kept
      }
      return tokenPromise;
    };

    async function authorizedFetch(path) {
      const get = async (fresh) => {
        const headers = {};
        const token = await currentToken(fresh);
        if (token) headers.Authorization = 'Bearer ' + token;
        return fetch(opts.apiBase + path, { headers, credentials: 'omit' });
      };
      let res = await get(false);
      if (res.status === 401 && opts.getToken) res = await get(true);  // token expired: ask again
      if (!res.ok) {
        const err = new Error(path + ' answered ' + res.status);
        err.transient = res.status >= 500;
        throw err;
      }
      return new Uint8Array(await res.arrayBuffer());
    }

    // Data from the server, or, when the network or the server is down, the copy kept from
    // the last time it answered.
    async function fetchData(path) {
      const key = opts.apiBase + path;
      try {
        const bytes = await authorizedFetch(path);
        idb.save(key, bytes).catch((e) => console.warn('Forecourt: cannot keep an offline copy', e));
        return bytes;
      } catch (e) {
        if (!(e instanceof TypeError) && !e.transient) throw e;
        const kept = await idb.load(key).catch(() => null);
        if (!kept) throw e;
        emit({ type: 'sync_state_changed', state: 'offline', data_saved_at: kept.savedAt });
        return kept.bytes;
      }
    }

    const canvas = document.createElement('canvas');
    canvas.id = 'forecourt-canvas-' + nextCanvasId++;
    canvas.tabIndex = 0;
    canvas.setAttribute('aria-label', 'Forecourt CRM');
    canvas.style.cssText = 'display:block;width:100%;height:100%;outline:none;touch-action:none';
    element.appendChild(canvas);
    // The hidden text input kept over the active text field: IME composition (accents, CJK)
    // happens in it and it brings up a tablet's on-screen keyboard. Transparent, and clicks
    // pass through it to the canvas.
    const textInput = document.createElement('textarea');
    textInput.id = canvas.id + '-text';
    textInput.setAttribute('autocomplete', 'off');
    textInput.setAttribute('autocapitalize', 'off');
    textInput.setAttribute('spellcheck', 'false');
    textInput.setAttribute('aria-label', 'Text input');
    textInput.style.cssText = 'position:absolute;left:0;top:0;width:2px;height:1em;padding:0;' +
      'border:0;margin:0;opacity:0;resize:none;overflow:hidden;pointer-events:none;font-size:16px';
    if (getComputedStyle(element).position === 'static') element.style.position = 'relative';
    element.appendChild(textInput);

    let trace = null;  // per-frame timings, for benchmarks (app.traceFrames)
    let syncClient = null;
    let mirror = null;
    let mirrorTimer = 0;
    let readItems = null;
    const updateMirror = () => {
      mirrorTimer = 0;
      if (mirror && readItems) mirror.update(...readItems());
    };
    let firstDataFrameMs = null;
    let resolveFirstData;
    const firstDataFrame = new Promise((r) => { resolveFirstData = r; });
    const fontPromise = fontBytes(opts.fontUrl);
    // What the inbox needs first; contacts and activities follow while it is already usable.
    // Binary parts (core/snapshot_binary.h): read without a JSON parse; the app also takes JSON.
    const inboxPath = '/api/v1/demo/snapshot?part=inbox&format=binary';
    const topPath = '/api/v1/demo/snapshot?part=top&format=binary';
    const detailPath = '/api/v1/demo/snapshot?part=detail&format=binary';
    const syncMode = !!opts.sync;
    const syncPromise = syncMode ? import(appBase + 'sync.js') : null;
    // A big book's first screenful (core/inbox_preview.h), drawn while the inbox part, megabytes
    // at 100k leads, is still arriving. Nothing (204) for a small book; not kept offline; not
    // for a deep link, which may name a lead beyond it.
    const previewPromise = syncMode || opts.route ? Promise.resolve(null)
      : authorizedFetch(topPath).catch(() => null);
    const dataPromise = syncMode ? Promise.resolve(null) : fetchData(inboxPath);
    const detailPromise = dataPromise.then(() => (syncMode ? null : fetchData(detailPath)));
    dataPromise.catch(() => {});
    detailPromise.catch(() => {});

    const [factory, compiled] = await Promise.all([moduleFactory(), compiledWasm()]);
    const renderer = chooseRenderer(opts.renderer);
    const module = await factory({
      canvasElement: canvas,  // the CPU renderer's pixels go onto its 2D context
      instantiateWasm(imports, done) {
        WebAssembly.instantiate(compiled, imports).then((instance) => done(instance, compiled));
        return {};
      },
      onFirstDataFrame() {
        firstDataFrameMs = performance.now();
        resolveFirstData(firstDataFrameMs);
      },
      onAppEvent(json) { emit(JSON.parse(json)); },
      onFrameDrawn(buildMs, paintMs) {
        if (syncClient) syncClient.onFrame();  // the frame's new commands go to IndexedDB now
        // Coalesced: the mirror follows the screen within a tenth of a second, not per frame.
        if (!mirrorTimer) mirrorTimer = setTimeout(updateMirror, 100);
        if (trace) {
          const first = readItems()[1].find((it) => it.role === 'row');
          trace.push({ t: performance.now(), cpuMs: buildMs + paintMs, buildMs, paintMs,
            firstRow: first ? first.label : null });
        }
      },
      onTextInputState(active, x, y, lineHeight) {
        const focused = document.activeElement;
        if (active && (focused === canvas || focused === textInput)) {
          const s = canvas.getBoundingClientRect().width / canvas.width;
          textInput.style.left = canvas.offsetLeft + x * s + 'px';
          textInput.style.top = canvas.offsetTop + y * s + 'px';
          textInput.style.height = Math.max(lineHeight * s, 8) + 'px';
          if (focused !== textInput) textInput.focus({ preventScroll: true });
        } else if (!active && focused === textInput) {
          canvas.focus({ preventScroll: true });
        }
      },
    });

    const ratio = () => window.devicePixelRatio || 1;
    const box = canvas.getBoundingClientRect();
    const started = withString(module, '#' + canvas.id, (c) => withString(module, '#' + textInput.id,
      (t) => module._fc_start(c, t, Math.round(box.width), Math.round(box.height), ratio(),
        utcOffsetMinutes(opts.timeZone), renderer === 'cpu' ? 1 : 0)));
    if (started !== 0) {
      canvas.remove();
      throw new Error(module.UTF8ToString(module._fc_last_error()));
    }
    const theme = typeof opts.theme === 'string' ? { mode: opts.theme } : (opts.theme || {});
    module._fc_set_theme(theme.mode === 'dark' ? 1 : 0, parseColor(theme.accent));
    withString(module, opts.locale || navigator.language || '', (p) => module._fc_set_locale(p));
    withString(module, opts.timeZone || Intl.DateTimeFormat().resolvedOptions().timeZone || '',
      (p) => module._fc_set_time_zone(p));

    // Items in CSS pixels of the viewport, with the raw JSON (to tell when anything changed).
    readItems = () => {
      const raw = module.UTF8ToString(module._fc_items_json());
      const r = canvas.getBoundingClientRect();
      const sx = r.width / canvas.width, sy = r.height / canvas.height;
      return [raw, JSON.parse(raw).map((it) => Object.assign(it, {
        rect: { x: r.left + it.rect.x * sx, y: r.top + it.rect.y * sy, w: it.rect.w * sx, h: it.rect.h * sy },
      }))];
    };
    mirror = createMirror(element, (x, y) => {
      const r = canvas.getBoundingClientRect();
      module._fc_click((x - r.left) * canvas.width / r.width, (y - r.top) * canvas.height / r.height);
    });

    const resize = () => {
      const r = canvas.getBoundingClientRect();
      module._fc_resize(Math.round(r.width), Math.round(r.height), ratio());
    };
    const observer = new ResizeObserver(resize);
    observer.observe(element);
    const onPaste = (e) => {
      const text = e.clipboardData ? e.clipboardData.getData('text/plain') : '';
      if (text) withString(module, text, (p) => module._fc_paste(p));
      e.preventDefault();
    };
    canvas.addEventListener('paste', onPaste);
    // Characters reach the app once composed; pasted text arrives the same way.
    const sendText = () => {
      if (!textInput.value) return;
      withString(module, textInput.value, (p) => module._fc_text(p));
      textInput.value = '';
    };
    const onInput = (e) => { if (!e.isComposing) sendText(); };
    textInput.addEventListener('input', onInput);
    textInput.addEventListener('compositionend', sendText);

    let mounted = true;
    const font = await fontPromise;
    if (mounted && font) withBytes(module, new Uint8Array(font), (p, n) => module._fc_set_font(p, n));
    if (syncMode) {
      try {
        const { startSync } = await syncPromise;
        const client = await startSync({
          module, withString, withBytes, apiBase: opts.apiBase, tenant: opts.tenant, user: opts.user,
          periodMs: opts.syncIntervalMs, previewMinLeads: opts.syncPreviewMinLeads,
          async getToken(refresh) {
            const token = await currentToken(refresh);
            if (!token) throw new Error('no token to sign in with');
            return token;
          },
        });
        if (mounted) syncClient = client;
        else client.stop();
        // The saved data is still loading: a deep link waits for it, a failure says why.
        client.ready.then(() => {
          if (mounted && opts.route) withString(module, opts.route, (p) => module._fc_navigate(p));
        }, (e) => {
          if (!mounted) return;  // unmounted while it loaded: nothing to say
          console.error('Forecourt: sync', e);
          withString(module, 'Your data could not be opened: ' + (e.message || e) +
            '. Reload to try again.', (p) => module._fc_set_status(p));
        });
      } catch (e) {
        console.error('Forecourt: sync', e);
        if (mounted) withString(module, 'Your data could not be opened: ' + (e.message || e) +
          '. Reload to try again.', (p) => module._fc_set_status(p));
      }
    } else try {
      const preview = await Promise.race([previewPromise, dataPromise.then(() => null, () => null)]);
      if (mounted && preview && preview.length) {
        if (withBytes(module, preview, (p, n) => module._fc_load_preview(p, n)) !== 0)
          console.warn('Forecourt: ' + module.UTF8ToString(module._fc_last_error()));
        // Let the preview be painted before loading the whole part takes the main thread.
        else await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      }
      const data = await dataPromise;
      if (mounted && withBytes(module, data, (p, n) => module._fc_load_snapshot(p, n)) !== 0)
        throw new Error(module.UTF8ToString(module._fc_last_error()));
      if (mounted && opts.route) withString(module, opts.route, (p) => module._fc_navigate(p));
      detailPromise.then((detail) => {
        if (mounted && withBytes(module, detail, (p, n) => module._fc_add_snapshot(p, n)) !== 0)
          console.error('Forecourt: ' + module.UTF8ToString(module._fc_last_error()));
        else if (mounted) module._fc_take_news();  // the tasks already due are not news
      }).catch((e) => console.error('Forecourt: contacts and activities unavailable', e));
    } catch (e) {
      if (mounted) withString(module, 'Your leads could not be loaded: ' + (e.message || e) +
        '. Reload to try again.', (p) => module._fc_set_status(p));
    }

    // Live updates (web/live.js): signed in, a poke makes the sync client pull (only what
    // changed, into IndexedDB and every tab); showing the demo snapshot, it re-fetches that.
    // Only with a token: the event stream is per signed-in user.
    let live = null;
    if (opts.live !== false && (opts.getToken || opts.token)) {
      const liveOpts = { ...opts, getToken: (o) => currentToken(o && o.refresh),
        notifies: () => !syncClient || syncClient.api.status().leader };
      // Signed in, what the tab shows once it first caught up with the server is not news (a
      // new device downloads everything in its first pull).
      const ready = syncMode ? syncRound(syncClient) : Promise.resolve();
      live = startLiveRefresh(liveOpts, element, () => mounted, ready, async () => {
        if (syncMode) {
          if (syncClient) await syncRound(syncClient, 5000, { pull: true });
          return;
        }
        const [inbox, detail] = await Promise.all([fetchData(inboxPath), fetchData(detailPath)]);
        if (!mounted) return;
        if (withBytes(module, inbox, (p, n) => module._fc_load_snapshot(p, n)) !== 0 ||
            withBytes(module, detail, (p, n) => module._fc_add_snapshot(p, n)) !== 0)
          console.error('Forecourt: ' + module.UTF8ToString(module._fc_last_error()));
        emit({ type: 'data_refreshed' });
      }, () => (mounted ? module._fc_take_news() : 0));
    }

    return {
      element, canvas,
      navigate(route) {
        if (!mounted) return false;
        return withString(module, String(route), (p) => module._fc_navigate(p)) === 0;
      },
      on(type, fn) {
        if (!listeners.has(type)) listeners.set(type, []);
        listeners.get(type).push(fn);
        return () => { listeners.set(type, listeners.get(type).filter((f) => f !== fn)); };
      },
      unmount() {
        if (!mounted) return;
        mounted = false;
        if (live) live.then((l) => l && l.close());
        observer.disconnect();
        canvas.removeEventListener('paste', onPaste);
        textInput.removeEventListener('input', onInput);
        textInput.removeEventListener('compositionend', sendText);
        textInput.remove();
        clearTimeout(mirrorTimer);
        mirror.remove();
        if (syncClient) syncClient.stop();
        syncClient = null;
        const gl = renderer === 'webgl2' ? canvas.getContext('webgl2') : null;
        module._fc_stop();
        const lose = gl && gl.getExtension('WEBGL_lose_context');
        if (lose) lose.loseContext();
        canvas.remove();
        listeners.clear();
      },
      items() { return mounted ? readItems()[1] : []; },
      frame() { return mounted ? module._fc_frame_count() : 0; },
      renderer,  // 'webgl2' or 'cpu' (see chooseRenderer)
      inputPending() { return mounted && module._fc_input_unpainted() !== 0; },
      // Benchmarks: start recording {t, cpuMs (= buildMs + paintMs), buildMs, paintMs, firstRow}
      // per drawn frame; call again to stop and get the records.
      traceFrames(on) {
        const out = trace;
        trace = on ? [] : null;
        return out || [];
      },
      get firstDataFrameMs() { return firstDataFrameMs; },
      // Sync (sync mode only, else null): now()/pullNow() -> Promise<status>, status(), on(fn).
      get sync() { return syncClient ? syncClient.api : null; },
      firstDataFrame,
    };
  }

  // <forecourt-crm api-base="..." tenant="..." route="now" theme="dark" accent="#0a7"></forecourt-crm>
  // Light DOM on purpose: the WASM input layer finds its canvas by id in the document.
  class ForecourtCrmElement extends HTMLElement {
    connectedCallback() {
      if (this._mounting) return;
      if (!this.style.display) this.style.display = 'block';
      const attr = (n) => this.getAttribute(n) || undefined;
      this._mounting = mount(this, {
        apiBase: attr('api-base'), tenant: attr('tenant'), user: attr('user'), route: attr('route'),
        sync: this.hasAttribute('sync'),
        locale: attr('locale'), timeZone: attr('time-zone'),
        theme: { mode: attr('theme'), accent: attr('accent') }, renderer: attr('renderer'),
        getToken: this.getToken ? (o) => this.getToken(o) : undefined,
      }).then((app) => { this.app = app; this.dispatchEvent(new CustomEvent('forecourt:ready')); return app; });
    }
    disconnectedCallback() {
      const m = this._mounting;
      this._mounting = null;
      if (m) m.then((app) => app.unmount()).catch(() => {});
      this.app = null;
    }
  }
  if (!customElements.get('forecourt-crm')) customElements.define('forecourt-crm', ForecourtCrmElement);

  // The portal side of the iframe bridge (see embed-frame.js): answers the frame's token
  // requests, forwards its events, and sends it routes. Talks only to the frame's window at
  // the app's origin.
  function frame(iframe, options) {
    const opts = Object.assign({}, options);
    const appOrigin = new URL(iframe.src, location.href).origin;
    const listeners = [];
    let readyResolve;
    const ready = new Promise((r) => { readyResolve = r; });
    const onMessage = async (e) => {
      if (e.origin !== appOrigin || e.source !== iframe.contentWindow || !e.data || e.data.source !== 'forecourt') return;
      const msg = e.data;
      const reply = (m) => iframe.contentWindow.postMessage(m, appOrigin);
      if (msg.type === 'ready') readyResolve();
      else if (msg.type === 'token-request') reply({ type: 'token', id: msg.id, token: opts.getToken ? await opts.getToken() : opts.token });
      else if (msg.type === 'event') {
        listeners.forEach((fn) => fn(msg.event));
        if (opts.onEvent) opts.onEvent(msg.event);
      }
    };
    window.addEventListener('message', onMessage);
    return {
      ready,
      navigate(route) { iframe.contentWindow.postMessage({ type: 'navigate', route }, appOrigin); },
      on(fn) { listeners.push(fn); },
      close() { window.removeEventListener('message', onMessage); },
    };
  }

  Object.defineProperty(window, 'Forecourt', { value: Object.freeze({ mount, frame }), configurable: false });
})();
