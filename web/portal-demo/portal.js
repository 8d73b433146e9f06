// A plain dealer portal with Forecourt in a panel. The app may come from another origin:
// ?app=<origin> (default: this page's origin); ?frame=1 embeds it in an iframe instead. The portal owns the sign-in and hands the app a
// token through getToken, which the app calls again if the server answers 401.
(function () {
  'use strict';
  const params = new URLSearchParams(location.search);
  const appOrigin = params.get('app') || location.origin;
  const events = [];
  let tokenRequests = 0;
  window.portal = { events, tokenRequests: () => tokenRequests, app: null, mount, unmount };

  // A real portal's backend exchanges its own session for a Forecourt token; this demo signs
  // in as the demo rep directly (docs/sync-protocol.md, "Log in and out").
  async function portalSessionToken() {
    tokenRequests += 1;
    const res = await fetch(appOrigin + '/api/v1/auth/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ tenant: 'network-a', user: 'D1-R1', password: 'forecourt-demo' }),
    });
    if (!res.ok) throw new Error('portal sign-in failed: ' + res.status);
    return (await res.json()).token;
  }

  function logEvent(e) {
    events.push(e);
    const li = document.createElement('li');
    li.textContent = e.type + (e.lead_id ? ' ' + e.lead_id : '');
    document.getElementById('portal-events').appendChild(li);
  }

  // The iframe way: the app runs in its own document; the bridge carries tokens and events.
  function mountFrame() {
    const panel = document.getElementById('crm-panel');
    const iframe = document.createElement('iframe');
    iframe.title = 'Forecourt CRM';
    iframe.style.cssText = 'border:0;width:100%;height:100%';
    iframe.src = appOrigin + '/embed.html?parent=' + encodeURIComponent(location.origin) +
      (params.get('route') ? '&route=' + encodeURIComponent(params.get('route')) : '');
    const bridge = Forecourt.frame(iframe, { getToken: portalSessionToken, onEvent: logEvent });
    panel.appendChild(iframe);
    window.portal.frame = bridge;
    return bridge.ready;
  }

  async function mount() {
    const panel = document.getElementById('crm-panel');
    const app = await Forecourt.mount(panel, {
      apiBase: appOrigin,
      getToken: portalSessionToken,
      tenant: 'demo',
      user: document.getElementById('portal-user').textContent,
      locale: 'de-DE',
      timeZone: 'Europe/Berlin',
      theme: { mode: document.getElementById('portal-theme').value, accent: '#12324f' },
      route: params.get('route') || undefined,
      onEvent: logEvent,
    });
    window.portal.app = app;
    return app;
  }

  function unmount() {
    if (window.portal.app) window.portal.app.unmount();
    window.portal.app = null;
  }

  document.querySelectorAll('.portal-nav a[data-route]').forEach((a) => a.addEventListener('click', (e) => {
    e.preventDefault();
    if (window.portal.app) window.portal.app.navigate(a.dataset.route);
    if (window.portal.frame) window.portal.frame.navigate(a.dataset.route);
  }));
  document.getElementById('portal-theme').addEventListener('change', () => { unmount(); mount(); });
  document.getElementById('portal-form').addEventListener('submit', (e) => {
    e.preventDefault();
    document.getElementById('portal-saved').textContent =
      'Saved: ' + document.getElementById('portal-note').value;
  });

  const loader = document.createElement('script');
  loader.src = appOrigin + '/forecourt.js';
  loader.onload = () => { window.portal.ready = params.get('frame') ? mountFrame() : mount(); };
  document.head.appendChild(loader);
})();
