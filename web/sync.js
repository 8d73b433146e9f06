// The browser's sync client (docs/offline.md): keeps one user's records and unacknowledged
// commands in IndexedDB (outbox-store.js), pushes the outbox and pulls changes by cursor
// (docs/sync-protocol.md), and mirrors its state into the app's status strip.
//
// One tab per user leads (Web Locks): only it pushes and pulls. Every tab saves its own
// commands (its own client id, gap-free seq) in the shared outbox and announces them on a
// BroadcastChannel; the leader sends them, saves pulled pages, and announces those; the other
// tabs apply them from IndexedDB. A command is sent by one tab only, and the server applies it
// once even if a lost response makes the leader send it again (client id + seq).
import { openOutboxStore, commandOf, commandText, answeredRun } from './outbox-store.js';
import { pendingTexts } from './pending-texts.js';

const PULL_LIMIT = 10000;  // the server's largest page: fewer round trips on a first sync
const PUSH_BATCH = 1000;  // the server's limit (docs/sync-protocol.md, "Limits")
const PUSH_ON_WIRE = 2;   // push batches sent before the answer to the first is back
const SYNCING_SHOWN_AFTER_MS = 300;  // a quicker sync never shows "Syncing" (see toStrip)
const MAX_BACKOFF_MS = 60000;
const REQUEST_TIMEOUT_MS = 120000;  // a request that hangs (a dead connection) counts as failed
// The waiting count is redrawn at most this often while a push counts it down (not once per
// batch): every redraw is a frame of the whole app, 20-55 ms on a software-rendered canvas.
const WAITING_REDRAW_MS = 250;
// While pages load (a first sync, a reopen) only the progress bar moves: it is redrawn at most
// this often, not in two frames of the whole app per page (each 20-55 ms on that canvas).
const PROGRESS_REDRAW_MS = 250;

function randomHex(bytes) {
  const a = crypto.getRandomValues(new Uint8Array(bytes));
  return Array.from(a, (b) => b.toString(16).padStart(2, '0')).join('');
}

// A lock held until this tab closes or release() is called. Resolves true when granted, false
// when another tab has it (ifAvailable). Without Web Locks there is no other tab to agree
// with: granted.
const releases = [];
function holdLock(name, { wait, onGranted, signal } = {}) {
  if (!navigator.locks) { if (onGranted) onGranted(); return Promise.resolve(true); }
  return new Promise((resolve) => {
    navigator.locks.request(name, wait ? { signal } : { ifAvailable: true }, (lock) => {
      if (!lock) { resolve(false); return undefined; }
      resolve(true);
      if (onGranted) onGranted();
      return new Promise((release) => releases.push({ name, release }));
    }).catch(() => resolve(false));
  });
}
function releaseLocks(prefix) {
  for (let i = releases.length - 1; i >= 0; --i) {
    if (releases[i].name.startsWith(prefix)) releases.splice(i, 1)[0].release();
  }
}

// This tab's client id: kept across reloads of the tab (sessionStorage), never shared by two
// open tabs (a duplicated tab copies sessionStorage, so the id is also locked).
async function claimClientId(dbName) {
  const key = 'forecourt-client|' + dbName;
  let id = sessionStorage.getItem(key);
  if (!id || !(await holdLock('forecourt-client|' + id))) {
    do { id = 'web-' + randomHex(8); } while (!(await holdLock('forecourt-client|' + id)));
    sessionStorage.setItem(key, id);
  }
  return id;
}

class HttpError extends Error {
  constructor(status, body) {
    const err = (body && body.error) || {};
    super(err.message || `the server answered ${status}`);
    this.status = status;
    this.code = err.code || '';
    this.transient = status >= 500 || status === 429;
  }
}

// env: {module, withString, withBytes (how forecourt.js passes text and bytes to the module),
//       apiBase, tenant, user, getToken(refresh) -> token, periodMs,
//       previewMinLeads (leads from which the inbox preview is kept; tests lower it)}
export async function startSync(env) {
  const M = env.module;
  // Calls into the module; none after stop() (the module is gone once the app unmounts).
  const str = (fn, text, ...rest) => (stopped ? -1 : env.withString(M, text, (p) => M[fn](p, ...rest)));
  const dbName = `forecourt-sync|${env.apiBase}|${env.tenant || ''}|${env.user || ''}`;
  const store = await openOutboxStore(dbName);
  const clientId = await claimClientId(dbName);
  const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(dbName) : null;
  const listeners = new Set();
  if (navigator.storage && navigator.storage.persist) navigator.storage.persist().catch(() => {});

  let stopped = false;
  let leader = false;
  let loaded = false;           // the app shows data (a load finished)
  let lastPageKey = null;       // the last saved page this tab has applied
  let unsaved = [];             // commands the UI made that IndexedDB has not taken yet
  const texts = pendingTexts();  // saved commands' texts this tab has: a push sends them as they are
  let saving = Promise.resolve();
  let running = null;           // the sync in progress
  let pullSent = false;         // it has asked the server for changes
  let queued = null;            // the sync after it, shared by everyone asking meanwhile
  let failures = 0;
  let refusalShown = false;     // a change the server refused still shows: restore after the next pull
  let drawLater = false;        // a sync is applying pages: their frame comes when it ends
  let changesToDraw = false;    // pages applied meanwhile changed what the app shows
  let lastRun = null;           // when the last sync started, had its pushes acknowledged, ended
  let timer = 0;
  const status = {
    online: navigator.onLine, syncing: false, leader: false, waiting: 0, last_synced: 0,
    error: '', retry_at: 0, progress_total: 0, refused: [],
  };

  // The strip says "Syncing" only once a sync has taken SYNCING_SHOWN_AFTER_MS: a pull after a
  // poke is over in tens of milliseconds, and the word would flicker and cost two frames of
  // the whole app, taking the main thread from that very pull. status() has it at once.
  let stripSyncing = false;
  let syncingTimer = 0;
  function toStrip(patch) {
    let shown = patch;
    if ('syncing' in patch) {
      const { syncing, ...rest } = patch;
      shown = rest;
      if (!syncing) {
        clearTimeout(syncingTimer);
        syncingTimer = 0;
        if (stripSyncing) shown = patch;
        stripSyncing = false;
      } else if (!stripSyncing && !syncingTimer) {
        syncingTimer = setTimeout(() => {
          syncingTimer = 0;
          stripSyncing = true;
          str('_fc_sync_set_status', '{"syncing":true}');
        }, SYNCING_SHOWN_AFTER_MS);
      }
    }
    if (Object.keys(shown).length) str('_fc_sync_set_status', JSON.stringify(shown));
  }

  let waitingDrawnAt = -Infinity;  // when the strip's waiting count was last drawn
  let waitingTimer = 0;             // a count waiting to be drawn (countDownWaiting)
  function setStatus(patch, { share = true } = {}) {
    if ('waiting' in patch) {  // the count as it is now replaces one waiting to be drawn
      clearTimeout(waitingTimer);
      waitingTimer = 0;
      waitingDrawnAt = performance.now();
    }
    Object.assign(status, patch);
    toStrip(patch);
    if (share && leader && channel) {
      const { refused, waiting, leader: _l, ...rest } = patch;
      if (Object.keys(rest).length) channel.postMessage({ type: 'status', status: rest });
    }
    listeners.forEach((fn) => { try { fn(Object.assign({}, status)); } catch (e) { console.error(e); } });
  }

  // The waiting count as a push counts it down: status() has it at once, the strip at most
  // every WAITING_REDRAW_MS (the last one drawn when that time is up, unless the exact count
  // read from the outbox is drawn first).
  function countDownWaiting(sent) {
    status.waiting = Math.max(0, status.waiting - sent);
    if (waitingTimer) return;
    const draw = () => setStatus({ waiting: status.waiting }, { share: false });
    const wait = waitingDrawnAt + WAITING_REDRAW_MS - performance.now();
    if (wait <= 0) draw();
    else waitingTimer = setTimeout(draw, wait);
  }

  async function refreshOutboxStatus() {
    const { waiting, rejected } = await store.outboxSummary();
    setStatus({
      waiting,
      refused: rejected.map((e) => ({
        client_id: e.client_id, seq: e.seq, kind: commandOf(e).kind, error: e.error || {},
      })),
    }, { share: false });
  }

  // Where a long load's time goes (the main thread waiting for pages or saves, applying pages),
  // as a console.debug line for tests/bench/offline_1m_once.mjs.
  function timing() {
    const t = { waited: 0, applied: 0, pages: 0, bytes: 0, start: performance.now() };
    return Object.assign(t, {
      async wait(promise) {
        const t0 = performance.now();
        try { return await promise; } finally { t.waited += performance.now() - t0; }
      },
      apply(fn, bytes) {
        const t0 = performance.now();
        try { return fn(); } finally { t.applied += performance.now() - t0; t.pages += 1; t.bytes += bytes.length; }
      },
      log(what) {
        console.debug(`[fc-timing] ${what}: ${t.pages} pages, ${(t.bytes / 1e6).toFixed(1)} MB in ` +
          `${Math.round(performance.now() - t.start)} ms: waiting ${Math.round(t.waited)}, applying ` +
          `${Math.round(t.applied)}, ${M._fc_frame_count()} frames drawn so far`);
      },
    });
  }

  let progressDrawnAt = -Infinity;
  function applyPage(bytes) {
    if (stopped) throw new Error('the app was closed');  // the module is gone: read no further
    const raw = env.withBytes(M, bytes, (p, n) => M._fc_sync_apply_page(p, n, drawLater ? 0 : 1));
    const text = M.UTF8ToString(raw);
    if (!text) throw new Error('a pulled page could not be read: ' + M.UTF8ToString(M._fc_sync_error()));
    // A loaded app's page draws itself (the module asks for frames); during a load only the
    // progress count moved.
    if (!loaded && performance.now() - progressDrawnAt >= PROGRESS_REDRAW_MS) {
      progressDrawnAt = performance.now();
      M._fc_sync_draw_progress();
    }
    const page = JSON.parse(text);
    if (drawLater && (page.changes > 0 || page.rejections.length)) changesToDraw = true;
    return page;
  }

  // The page's cursor and has_more, read from its last bytes (the server writes them after the
  // changes, and nothing after them has a "cursor" key), so the next page can be asked for while
  // this one is applied and saved. null when not found there: then the next waits as before.
  const tailDecoder = new TextDecoder();
  function pageTail(bytes) {
    const text = tailDecoder.decode(bytes.subarray(Math.max(0, bytes.length - 512)));
    const at = text.lastIndexOf('"cursor":"');
    const end = at < 0 ? -1 : text.indexOf('"', at + 10);
    const more = end < 0 ? null : /"has_more":(true|false)/.exec(text.slice(end));
    return more ? { cursor: text.slice(at + 10, end), has_more: more[1] === 'true' } : null;
  }

  // Keeps the inbox's first screenful as the app shows it now, so reopening a big book draws
  // it at once while the saved pages load (nothing for a small book). A failure only costs that.
  let previewKept = true;  // a preview may be saved: an empty one is written once, to drop it
  function savePreview() {
    if (stopped) return;
    const sizePtr = M._malloc(4);
    let bytes = null;
    try {
      const p = M._fc_sync_preview(sizePtr);
      const n = new DataView(M.HEAPU8.buffer).getInt32(sizePtr, true);
      if (n > 0) bytes = M.HEAPU8.slice(p, p + n);
    } finally { M._free(sizePtr); }
    if (!bytes && !previewKept) return;
    previewKept = !!bytes;
    store.setMeta('preview', bytes).catch(() => {});
  }

  // Draws the saved preview (if any) and lets it be painted before the pages take the main
  // thread. A hidden tab paints nothing: it does not wait for that.
  async function showPreview() {
    const preview = await store.getMeta('preview');
    if (!preview || stopped) return;
    if (env.withBytes(M, preview, (p, n) => M._fc_sync_show_preview(p, n)) !== 0) return;
    // Two frames: the app lays the inbox out in the first and draws its rows in the second.
    await new Promise((r) => {
      const t = setTimeout(r, 200);
      requestAnimationFrame(() => requestAnimationFrame(() => { clearTimeout(t); setTimeout(r, 0); }));
    });
  }

  function replay(entries) {
    for (const e of entries) {
      if (e.status === 'rejected') continue;
      str('_fc_sync_replay', commandText(e), e.client_id === clientId ? 1 : 0);
    }
  }

  // Rebuilds the app from the device: saved pages, then the commands not yet done with. Used
  // on start (drawing the saved preview first), and after a rejection (so the refused change
  // disappears from the screen; no preview then: it may still show that change).
  async function restore(label, { preview = false } = {}) {
    refusalShown = false;
    await flushCommands().catch(() => {});  // kept in memory when storage is full: see finishLoad
    str('_fc_sync_begin_load', label);
    loaded = false;
    lastPageKey = null;
    const cursor = await store.getMeta('cursor');
    if (cursor == null) return;  // nothing saved yet: the first pull fills it
    setStatus({ progress_total: (await store.getMeta('records')) || 0 }, { share: false });
    if (preview) await showPreview();
    const took = timing();
    lastPageKey = await store.readPages(null, (key, bytes) => took.apply(() => applyPage(bytes), bytes));
    took.log('reopen');
    const entries = await store.listOutbox();
    finishLoad(entries);
    setStatus({ progress_total: 0 }, { share: false });
  }

  // Shows the loaded records with every command not yet done with replayed on top: the saved
  // ones, and this tab's that are still on their way into IndexedDB.
  function finishLoad(entries) {
    if (stopped) return;
    const started = performance.now();
    M._fc_sync_finish_load();
    console.debug(`[fc-timing] finish load: ${Math.round(performance.now() - started)} ms`);
    loaded = true;
    for (const e of entries) if (e.status === 'pending') texts.add(e.client_id, e.seq, commandText(e));
    const seen = new Set(entries.map((e) => e.client_id + '#' + e.seq));
    replay(entries.concat(unsaved.filter((c) => !seen.has(c.client_id + '#' + c.seq))
      .map((command) => ({ client_id: command.client_id, seq: command.seq, command, status: 'pending' }))));
    savePreview();
  }

  // Pages another tab saved since this one last looked.
  async function catchUp(complete) {
    lastPageKey = await store.readPages(lastPageKey, (key, bytes) => applyPage(bytes));
    if (!loaded && complete) finishLoad(await store.listOutbox());
  }

  // The UI's new commands and requests, after every drawn frame (see forecourt.js).
  function onFrame() {
    if (stopped) return;
    const text = M.UTF8ToString(M._fc_sync_take());
    if (!text) return;
    const req = JSON.parse(text);
    if (req.commands.length) {
      unsaved.push(...req.commands);
      flushCommands().catch(() => {});
    }
    if (req.dismissed.length) dismiss(req.dismissed).catch((e) => console.error(e));
    if (req.sync_now) now();
  }

  // Saves the commands the UI made, in order. A failure (storage full) keeps them in memory,
  // shows why, and tries again with the next sync: nothing is dropped.
  function flushCommands() {
    saving = saving.then(async () => {
      if (!unsaved.length) return;
      const batch = unsaved.slice();
      const nextSeq = batch[batch.length - 1].seq + 1;
      let saved;  // the texts IndexedDB took, kept for the push
      try {
        saved = await store.addCommands(batch, clientId, nextSeq);
      } catch (e) {
        const full = e && e.name === 'QuotaExceededError';
        setStatus({ error: full
          ? `This device is out of storage: ${unsaved.length} changes are kept only while this tab is open. Free some space.`
          : 'Changes could not be saved on this device: ' + (e.message || e) });
        throw e;
      }
      unsaved = unsaved.slice(batch.length);
      batch.forEach((c, i) => texts.add(c.client_id, c.seq, saved[i]));
      if (channel) channel.postMessage({ type: 'commands', commands: batch });
      await refreshOutboxStatus();
      if (leader) schedule(0);
    });
    return saving;
  }

  async function dismiss(keys) {
    await store.removeCommands(keys.map((k) => [k.client_id, k.seq]));
    await refreshOutboxStatus();
    if (channel) channel.postMessage({ type: 'outbox' });
  }

  // Requests in flight, aborted when the browser goes offline (a request caught by the switch
  // may otherwise hang) or after REQUEST_TIMEOUT_MS. An abort is a network failure: retried.
  const inflight = new Set();
  async function api(method, path, body) {
    const payload = body == null ? undefined : typeof body === 'string' ? body : JSON.stringify(body);
    const send = async (refresh) => {
      const token = await env.getToken(refresh);
      const headers = { Authorization: 'Bearer ' + token };
      if (payload) headers['Content-Type'] = 'application/json';
      const abort = new AbortController();
      const timeout = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
      inflight.add(abort);
      try {
        return await fetch(env.apiBase + path, { method, headers, body: payload,
          credentials: 'omit', signal: abort.signal });
      } catch (e) {
        throw e instanceof TypeError ? e : new TypeError('the request was cut off');
      } finally {
        clearTimeout(timeout);
        inflight.delete(abort);
      }
    };
    let res = await send(false);
    if (res.status === 401) res = await send(true);  // token expired: ask for a new one
    if (!res.ok) throw new HttpError(res.status, await res.json().catch(() => null));
    return res;
  }

  // Sends every pending command, each client's in seq order, in batches as large as the server
  // takes, with PUSH_ON_WIRE batches sent before the first one's answer is back (the server
  // applies a client's batches in seq order whichever arrives first: docs/sync-protocol.md), so
  // the server parses one while it applies the other. The next batch is read from IndexedDB
  // while one is on the wire and the results are written while the next ones are. The pass
  // ends when a read from the start finds nothing pending (catching commands saved meanwhile
  // by any tab).
  async function pushAll() {
    const marking = [];
    const wire = [];  // batches sent whose answers are not handled yet, oldest first
    const send = (batch) => {
      const client = batch[0].client_id;
      // The saved texts joined: no command is serialised again.
      const body = `{"client_id":${JSON.stringify(client)},"commands":[${batch.map(commandText).join(',')}]}`;
      const answer = api('POST', '/api/v1/sync/push', body).then((res) => res.json());
      answer.catch(() => {});  // handled when its turn comes, or dropped after an earlier failure
      wire.push({ client, first: batch[0].seq, last: batch[batch.length - 1].seq, answer });
    };
    const settleOldest = async () => {
      const { client, first, last, answer } = wire.shift();
      const res = await answer;
      const settled = answeredRun(res.results, first, last);
      marking.push(store.markResults(client, settled));
      if (settled.length) texts.dropThrough(client, settled[settled.length - 1].seq);
      // Kept outside this call: a later batch or the pull may fail before the restore.
      if (res.results.some((r) => r.status === 'rejected')) refusalShown = true;
      const gap = res.results.find((r) => r.status === 'out_of_order');
      if (gap) throw new Error(`the server is missing changes ${gap.expected_seq}-${gap.seq - 1} of this device`);
      // The exact count (and any refusal) is read again when the sync ends.
      countDownWaiting(res.results.length);
    };
    try {
      let next = store.listPending(null, PUSH_BATCH, texts);
      for (;;) {
        const pending = await next;
        if (!pending.length) {
          while (wire.length) await settleOldest();
          if (!marking.length) return false;  // nothing was waiting: that read was from the start
          await Promise.all(marking);
          const fresh = await store.listPending(null, PUSH_BATCH, texts);
          if (!fresh.length) return true;
          next = Promise.resolve(fresh);
          continue;
        }
        const client = pending[0].client_id;
        const batch = pending.filter((e) => e.client_id === client);
        next = store.listPending([client, batch[batch.length - 1].seq], PUSH_BATCH, texts);
        next.catch(() => {});  // a failed read is reported when awaited, not as unhandled
        send(batch);
        if (wire.length >= PUSH_ON_WIRE) await settleOldest();
      }
    } finally {
      // Written before the pull reads what is acknowledged, and before a failure is reported.
      await Promise.allSettled(marking);
    }
  }

  // `read`: store.listAcked(lastPageKey), read after the last push results were written.
  // Returns whether this pull dropped acknowledged commands from the outbox, and whether any
  // of them was superseded.
  async function pullAll(read) {
    // Acknowledged commands whose effects this pull brings: dropped with its last page.
    // One run per client ({client_id, through, except}), not a key per command.
    const { runs: acked, superseded, cursor: savedCursor, newerPages } = await read;
    // Forgotten in the app before the pages, not after: this pull brings every record they
    // changed as the server has it now, and replaying them over it would lay an older edit
    // over a newer one (found by tests/unit/test_sync_simulation.cpp). The device's outbox
    // drops them with the last page, so a tab closed before that replays them on reopen.
    if (acked.length) {
      for (const run of acked) texts.dropThrough(run.client_id, run.through);
      str('_fc_sync_forget', JSON.stringify(acked));
      if (channel) channel.postMessage({ type: 'forget', keys: acked });
    }
    // Pages another tab saved came with a newer cursor than the one read.
    if (newerPages) await catchUp(false);
    let cursor = (newerPages ? await store.getMeta('cursor') : savedCursor) || '0';
    // Pipelined: the next page is asked for as soon as this one's cursor is known, and pages
    // are saved in order behind the applying (at most four waiting), so the server, the network,
    // the app and IndexedDB work at once. Each page is still saved with its cursor in one
    // transaction; a failed save stops the pull (later ones are not written), and the next
    // pull resumes from the last saved cursor, applying again what was applied (idempotent).
    const fetchPage = (c) => {
      // Binary pages (core/pull_page.h) are read without a JSON parse; a server that does not
      // know `format` sends JSON, which the app reads too.
      const p = api('GET', `/api/v1/sync/pull?cursor=${encodeURIComponent(c)}&limit=${PULL_LIMIT}&format=binary`)
        .then(async (res) => new Uint8Array(await res.arrayBuffer()));
      p.catch(() => {});  // awaited below, or dropped (then its failure does not matter)
      return { cursor: c, bytes: p };
    };
    pullSent = true;
    let next = fetchPage(cursor);
    let saved = Promise.resolve();
    const saving = [];
    let changed = 0;
    const took = timing();
    try {
      for (;;) {
        const bytes = await took.wait(next.bytes);
        const tail = pageTail(bytes);
        next = tail && tail.has_more ? fetchPage(tail.cursor) : null;
        const page = took.apply(() => applyPage(bytes), bytes);
        const last = !page.has_more;
        changed += page.changes;
        if (next && next.cursor !== page.cursor) next = null;  // read wrong: ask again
        if (!last && !next) next = fetchPage(page.cursor);
        saved = saved.then(() => store.savePage(bytes, page.changes, page.cursor, last ? acked : []))
          .then((key) => {
            if (key != null) lastPageKey = key;
            if (channel) channel.postMessage({ type: 'pulled', complete: last });
          });
        saved.catch(() => {});
        saving.push(saved);
        if (saving.length > 4) await took.wait(saving.shift());
        if (last) break;
      }
      await took.wait(saved);
      if (took.pages > 1) took.log('pull');
    } finally {
      // A failed request or page leaves no save running behind it: the next pull starts from
      // the cursor of the last page saved, not from one a late save is about to move.
      await saved.catch(() => {});
    }
    if (!loaded) finishLoad(await store.listOutbox());
    else if (changed) savePreview();
    // A superseded command changed nothing at the server, so no pulled record undoes what it
    // did here: the caller rebuilds the store from the pages without it.
    return { forgot: acked.length > 0, superseded };
  }

  // Pages pulled are shown in one frame when the sync ends, after they are saved and the
  // outbox count is read again: a frame is 20-50 ms of this thread on a software-rendered
  // canvas, and one per page would hold up the saving and the pages after it.
  async function syncOnce() {
    setStatus({ syncing: true });
    drawLater = true;
    let outboxChanged = true;
    const run = { started: performance.now(), acknowledged: 0, ended: 0 };
    try {
      await flushCommands().catch(() => {});
      // Read while the push looks for pending commands: if it sends none, it writes nothing
      // the pull must see, and the pull starts one read sooner.
      const early = store.listAcked(lastPageKey);
      early.catch(() => {});
      const pushed = await pushAll();
      run.acknowledged = performance.now();
      const { forgot, superseded } = await pullAll(pushed ? store.listAcked(lastPageKey) : early);
      outboxChanged = pushed || forgot;
      if (refusalShown || superseded) {
        await restore(refusalShown ? 'Undoing changes the server refused' : 'Showing newer changes from the server');
        if (channel) channel.postMessage({ type: 'restore' });
      }
      failures = 0;
      const now = Math.floor(Date.now() / 1000);
      // Not waited for: only what a reopen shows before its first sync (the strip has it now).
      store.setMeta('last_synced', now, 'relaxed').catch(() => {});
      // navigator.onLine, not true: the network may have gone after the last answer arrived,
      // and the 'offline' event's status must not be overwritten.
      setStatus({ online: navigator.onLine, error: '', retry_at: 0, last_synced: now });
    } catch (e) {
      failures += 1;
      // fetch could not reach the server, or the answer was cut off
      const offline = e instanceof TypeError || (e && e.name === 'AbortError');
      const delay = Math.min(MAX_BACKOFF_MS, 1000 * 2 ** (failures - 1)) * (0.5 + Math.random());
      const message = offline ? '' : e.status === 401 ? 'Sign in again to sync' : 'Sync failed: ' + (e.message || e);
      setStatus({ online: !offline && navigator.onLine, error: message,
        retry_at: Math.floor((Date.now() + delay) / 1000) });
      if (!(e.status === 401)) schedule(delay);
    } finally {
      setStatus({ syncing: false });
      if (outboxChanged) await refreshOutboxStatus().catch(() => {});
      drawLater = false;
      if (changesToDraw && !stopped) M._fc_sync_draw_changes();
      changesToDraw = false;
      run.ended = performance.now();
      lastRun = run;
    }
  }

  // Runs a sync (after the one in progress, if any). Resolves with the status when done.
  // Everyone asking while a sync runs shares the one sync after it (a burst of live pokes, the
  // timer and "Sync now" make one more round trip, not one each). pullOnly (a poke, pullNow):
  // a running sync that has not sent its pull yet will bring everything the server has now,
  // so it answers.
  async function now({ pullOnly = false } = {}) {
    if (stopped) return Object.assign({}, status);
    if (!leader) {
      if (channel) channel.postMessage({ type: 'sync-now' });
      return Object.assign({}, status);
    }
    if (!running) await runSync();
    else if (pullOnly && !pullSent) await running;
    else {
      if (!queued) queued = running.catch(() => {}).then(() => { queued = null; return running || runSync(); });
      await queued;
    }
    return Object.assign({}, status);
  }

  function runSync() {
    clearTimeout(timer);
    timer = 0;
    pullSent = false;
    running = syncOnce().finally(() => {
      running = null;
      if (failures === 0) schedule(env.periodMs || 30000);
    });
    return running;
  }

  function schedule(ms) {
    if (stopped || !leader) return;
    clearTimeout(timer);
    timer = setTimeout(() => { timer = 0; now(); }, ms);
  }

  // Messages are handled one after another: a restore and a catch-up never interleave.
  let handling = Promise.resolve();
  if (channel) {
    channel.onmessage = (e) => { handling = handling.then(() => onMessage(e.data || {})); };
  }
  async function onMessage(msg) {
      try {
        if (msg.type === 'commands') {
          for (const c of msg.commands) {
            const text = JSON.stringify(c);
            str('_fc_sync_replay', text, 0);
            texts.add(c.client_id, c.seq, text);
          }
          await refreshOutboxStatus();
          if (leader) schedule(0);
        } else if (msg.type === 'pulled' && !leader) {
          await catchUp(msg.complete);
        } else if (msg.type === 'forget') {
          for (const run of msg.keys) texts.dropThrough(run.client_id, run.through);
          str('_fc_sync_forget', JSON.stringify(msg.keys));
          await refreshOutboxStatus();
        } else if (msg.type === 'restore') {
          await restore('Undoing changes the server refused');
          await refreshOutboxStatus();
        } else if (msg.type === 'outbox') {
          await refreshOutboxStatus();
        } else if (msg.type === 'status' && !leader) {
          setStatus(msg.status, { share: false });
        } else if (msg.type === 'sync-now' && leader) {
          now();
        }
      } catch (err) { console.error('Forecourt sync:', err); }
  }
  const onOnline = () => { setStatus({ online: true }); if (leader) now(); };
  const onOffline = () => {
    setStatus({ online: false });
    inflight.forEach((a) => a.abort());
  };
  window.addEventListener('online', onOnline);
  window.addEventListener('offline', onOffline);

  // Start: who we are, what the device has, then lead or follow.
  const nextSeq = (await store.getMeta('next_seq:' + clientId)) || 1;
  str('_fc_sync_configure', JSON.stringify({ client_id: clientId, user_id: env.user || '', next_seq: nextSeq,
    preview_min_leads: env.previewMinLeads }));
  status.last_synced = (await store.getMeta('last_synced')) || 0;
  setStatus({ last_synced: status.last_synced, online: navigator.onLine }, { share: false });
  const saved = (await store.getMeta('cursor')) != null;
  // The saved data loads after this returns, so the page is up (drawing the saved preview of a
  // big book, or the loading state) while a million records are read; `ready` settles when
  // they are in, and then this tab may lead. Messages from other tabs wait for it too.
  const leaderWait = new AbortController();
  const ready = (async () => {
    await restore(saved ? 'Opening the data saved on this device' : 'Downloading your data', { preview: true });
    await refreshOutboxStatus();
    holdLock('forecourt-leader|' + dbName, { wait: true, signal: leaderWait.signal, onGranted: () => {
      if (stopped) return;
      leader = true;
      setStatus({ leader: true }, { share: false });
      now();
    } });
  })();
  handling = handling.then(() => ready).catch(() => {});

  return {
    clientId,
    ready,
    onFrame,
    // The public sync API (app.sync): now() pushes and pulls at once; pullNow() is the same in
    // the leader tab, for live pokes (every tab of the user gets the poke, and only the leader
    // pulls: the others apply its pages), status() is what the strip shows, on(fn) hears every
    // change of it.
    api: {
      now: () => ready.then(() => now(), () => now()),
      pullNow: () => ready.then(() => (leader ? now({ pullOnly: true }) : Object.assign({}, status)),
        () => Object.assign({}, status)),
      status: () => Object.assign({ leader, clientId }, status),
      // performance.now() times of the last sync in this tab: {started, acknowledged (every
      // push answered and its results saved; 0 when it failed before), ended}, or null.
      lastRun: () => (lastRun ? Object.assign({}, lastRun) : null),
      on(fn) { listeners.add(fn); return () => listeners.delete(fn); },
    },
    stop() {
      stopped = true;
      leaderWait.abort();
      releaseLocks('forecourt-leader|' + dbName);
      releaseLocks('forecourt-client|' + clientId);
      clearTimeout(timer);
      clearTimeout(waitingTimer);
      clearTimeout(syncingTimer);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
      if (channel) channel.close();
      store.close();
    },
  };
}
