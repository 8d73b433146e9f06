// Forecourt inside an iframe, for portals that prefer one. The portal names its origin in the
// URL (embed.html?parent=<origin>&route=...); the server only lets allow-listed origins frame
// this page (CSP frame-ancestors), and this side only talks to that origin and that window:
//   portal -> app: {type: 'navigate', route}, {type: 'token', id, token} (answer to a request)
//   app -> portal: {source: 'forecourt', type: 'ready' | 'event' | 'token-request', ...}
// The portal side of the bridge is Forecourt.frame() in forecourt.js.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const parentOrigin = params.get('parent');
  if (!parentOrigin || window.parent === window) return;
  const pendingTokens = new Map();
  let nextRequest = 1;
  const post = (msg) => window.parent.postMessage(Object.assign({ source: 'forecourt' }, msg), parentOrigin);

  function tokenFromPortal() {
    const id = nextRequest++;
    return new Promise((resolve, reject) => {
      pendingTokens.set(id, resolve);
      setTimeout(() => { if (pendingTokens.delete(id)) reject(new Error('the portal gave no token')); }, 10000);
      post({ type: 'token-request', id });
    });
  }

  let app = null;
  window.addEventListener('message', (e) => {
    if (e.origin !== parentOrigin || e.source !== window.parent || !e.data) return;
    const msg = e.data;
    if (msg.type === 'token' && pendingTokens.has(msg.id)) {
      pendingTokens.get(msg.id)(msg.token);
      pendingTokens.delete(msg.id);
    } else if (msg.type === 'navigate' && app) {
      post({ type: 'navigated', route: msg.route, ok: app.navigate(String(msg.route)) });
    }
  });

  Forecourt.mount(document.getElementById('forecourt-root'), {
    getToken: tokenFromPortal,
    route: params.get('route') || undefined,
    theme: { mode: params.get('theme') || 'light', accent: params.get('accent') || undefined },
    timeZone: params.get('tz') || undefined,
    onEvent: (event) => post({ type: 'event', event }),
  }).then((a) => {
    app = a;
    window.forecourt = a;
    post({ type: 'ready' });
  });
})();
