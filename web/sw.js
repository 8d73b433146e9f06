// The app shell's service worker: with the network off, a returning user still opens the app.
// Network first (so a new version is picked up on the next load), the cache when offline.
// API requests are not touched: data lives in IndexedDB, managed by the app itself.
'use strict';
const CACHE = 'forecourt-shell-v2';
const SHELL = ['./', 'index.html', 'app.css', 'favicon.svg', 'forecourt.js', 'standalone.js', 'sync.js', 'outbox-store.js',
  'pending-texts.js', 'forecourt_app.js', 'forecourt_app.wasm', 'fonts/NotoSans-Regular.ttf'];

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== self.location.origin ||
      url.pathname.startsWith('/api/')) return;
  event.respondWith(fetch(event.request).then((res) => {
    if (res.ok) {
      const copy = res.clone();
      caches.open(CACHE).then((c) => c.put(event.request, copy));
    }
    return res;
  // ignoreVary: responses carry Vary: Origin (CORS), and module scripts (forecourt_app.js,
  // sync.js) are requested with an Origin header the install's addAll did not send, so a
  // first visit's cache would not match them offline.
  }).catch(() => caches.match(event.request, { ignoreSearch: true, ignoreVary: true })
    .then((hit) => hit || Response.error())));
});
