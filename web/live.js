// Live updates for the browser client: an ES module the loader imports (it defines no global).
//
//   const live = connectLive({ apiBase, getToken, onPoke, onState });
//   live.close();
//
// Reads GET /api/v1/events (docs/sync-protocol.md, "Events") with fetch() streaming, since an
// EventSource cannot send the Authorization header. A "hello" (on every connect: pokes sent
// while away are lost) and every "poke" call onPoke(), which pulls; a poke carries no data.
// A dropped stream is reconnected after an exponential backoff with full jitter (a random wait
// between 0 and the cap), so a server restart does not bring every tab back in the same
// second. A stream silent for three heartbeats is treated as dead.
//
// Also here, for what the user sees when something arrives: a tab-title badge with a count,
// a browser notification while the tab is in the background (permission asked once, with the
// reason, and only from a click), and an optional short sound.

const BASE_DELAY_MS = 1000;
const MAX_DELAY_MS = 60000;
const SILENCE_MS = 75000;  // three server heartbeats (20 s) and some slack

// Full jitter: a random wait in [0, min(cap, base * 2^attempt)).
export function backoffDelay(attempt, { base = BASE_DELAY_MS, cap = MAX_DELAY_MS, random = Math.random } = {}) {
  return Math.floor(random() * Math.min(cap, base * 2 ** attempt));
}

// Splits a text/event-stream into events: {event, data} for each block ending in a blank line.
export function eventParser(onEvent) {
  let buffer = '';
  return (text) => {
    buffer += text.replace(/\r\n?/g, '\n');
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = 'message', data = '';
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim();
        else if (line.startsWith('data:')) data += line.slice(5).trim();
      }
      if (block.split('\n').every((l) => l.startsWith(':'))) event = 'heartbeat';
      let parsed = null;
      try { parsed = data ? JSON.parse(data) : null; } catch { parsed = null; }
      onEvent({ event, data: parsed });
    }
  };
}

export function connectLive({ apiBase = '', getToken, onPoke, onState = () => {}, fetchImpl = fetch,
  baseDelayMs = BASE_DELAY_MS, maxDelayMs = MAX_DELAY_MS, silenceMs = SILENCE_MS } = {}) {
  let closed = false;
  let controller = null;
  let attempt = 0;
  let wakeSleep = null;

  const sleep = (ms) => new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    wakeSleep = () => { clearTimeout(timer); resolve(); };
  });
  const token = async (refresh) => (getToken ? getToken({ refresh }) : '');

  async function once() {
    controller = new AbortController();
    let refreshed = false;
    let res;
    for (;;) {
      const t = await token(refreshed);
      res = await fetchImpl(apiBase + '/api/v1/events', {
        headers: t ? { Authorization: 'Bearer ' + t, Accept: 'text/event-stream' } : { Accept: 'text/event-stream' },
        signal: controller.signal, cache: 'no-store', credentials: 'omit',
      });
      if (res.status === 401 && getToken && !refreshed) { refreshed = true; continue; }
      break;
    }
    if (res.status !== 200) {
      const retryAfter = Number(res.headers.get('Retry-After')) || 0;
      onState({ state: 'refused', status: res.status });
      return retryAfter * 1000;
    }
    let silence = null;
    const watch = () => {
      clearTimeout(silence);
      silence = setTimeout(() => controller.abort(), silenceMs);
    };
    watch();
    const feed = eventParser((e) => {
      watch();
      if (e.event === 'hello') {
        attempt = 0;
        onState({ state: 'live' });
        onPoke({ reason: 'connected', version: e.data && e.data.version });
      } else if (e.event === 'poke') {
        onPoke({ reason: 'changed', version: e.data && e.data.version });
      }
    });
    try {
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        feed(decoder.decode(value, { stream: true }));
      }
    } finally {
      clearTimeout(silence);
    }
    return 0;
  }

  (async () => {
    while (!closed) {
      let floor = 0;
      try {
        floor = await once();
      } catch (e) {
        if (closed) break;
      }
      if (closed) break;
      onState({ state: 'reconnecting' });
      await sleep(Math.max(floor, backoffDelay(attempt++, { base: baseDelayMs, cap: maxDelayMs })));
    }
  })();

  return {
    close() {
      closed = true;
      if (controller) controller.abort();
      if (wakeSleep) wakeSleep();
    },
  };
}

// "(3) Forecourt": the count of new items in front of the page's own title; 0 removes it.
export function setTitleBadge(count, doc = document) {
  const bare = doc.title.replace(/^\(\d+\) /, '');
  doc.title = count > 0 ? `(${count}) ${bare}` : bare;
}

const ASKED_KEY = 'forecourt.notifications.asked';

// Asks for notification permission once per browser, and only from a user's click (browsers
// ignore or penalise prompts that come from nowhere). `explain` shows the reason first and
// resolves true when the user wants to go on.
export async function askNotificationsOnce(explain) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'default') return false;
  try { if (localStorage.getItem(ASKED_KEY)) return false; } catch { /* storage off: ask */ }
  const yes = !explain || await explain('Forecourt can tell you when a new lead arrives while this ' +
    'tab is in the background, so you can call back within minutes.');
  try { localStorage.setItem(ASKED_KEY, '1'); } catch { /* ignore */ }  // "Not now" counts too
  return yes && (await Notification.requestPermission()) === 'granted';
}

// The reason, shown once in a small bar over the app with "Turn on" and "Not now"; resolves
// with the user's answer. Its click is the user gesture browsers require for the prompt.
export function bannerExplain(element) {
  return (reason) => new Promise((resolve) => {
    const bar = document.createElement('div');
    bar.className = 'forecourt-notify-ask';
    bar.setAttribute('role', 'dialog');
    bar.setAttribute('aria-label', 'Notifications');
    bar.style.cssText = 'position:absolute;right:12px;bottom:12px;max-width:360px;padding:10px 12px;' +
      'background:#fff;color:#111;border:1px solid #ccd;border-radius:6px;font:14px sans-serif;' +
      'box-shadow:0 2px 8px rgba(0,0,0,.2);z-index:10';
    const text = document.createElement('p');
    text.style.margin = '0 0 8px';
    text.textContent = reason;
    const button = (label, answer) => {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.style.marginRight = '8px';
      b.addEventListener('click', () => { bar.remove(); resolve(answer); });
      return b;
    };
    bar.append(text, button('Turn on', true), button('Not now', false));
    element.appendChild(bar);
  });
}

// A notification while the tab is hidden (the badge and the Now queue say it otherwise);
// clicking it brings the tab forward. Returns the Notification, or null when none was shown.
export function notifyInBackground(title, body, { doc = document, tag = 'forecourt-new' } = {}) {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return null;
  if (doc.visibilityState === 'visible') return null;
  const n = new Notification(title, { body, tag, renotify: true });
  n.onclick = () => { window.focus(); n.close(); };
  return n;
}

// A short, quiet two-tone chime (no audio file to load). Browsers only allow sound after the
// user has interacted with the page; before that it stays silent.
export function chime() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) return;
    const ctx = new Ctx();
    [880, 1320].forEach((freq, i) => {
      const osc = ctx.createOscillator();
      const gain = ctx.createGain();
      osc.frequency.value = freq;
      gain.gain.setValueAtTime(0.08, ctx.currentTime + i * 0.12);
      gain.gain.exponentialRampToValueAtTime(0.001, ctx.currentTime + i * 0.12 + 0.25);
      osc.connect(gain).connect(ctx.destination);
      osc.start(ctx.currentTime + i * 0.12);
      osc.stop(ctx.currentTime + i * 0.12 + 0.3);
    });
    setTimeout(() => ctx.close(), 1000);
  } catch { /* no audio: the badge and notification remain */ }
}
