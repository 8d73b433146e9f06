// A rep's tab with live updates, for the live test and benchmark: a page at the app's origin
// that mounts the app with the rep's token (as a portal or the signed-in app would), with the
// page's Notification wrapped so the test can see notifications raised, and an optional
// pretend-background tab (document.visibilityState "hidden").
export async function signIn(apiUrl, user, tenant = 'network-a') {
  const r = await fetch(new URL('api/v1/auth/login', apiUrl), { method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ tenant, user, password: 'forecourt-demo' }) });
  if (r.status !== 200) throw new Error(`login ${user}: ${r.status}`);
  return (await r.json()).token;
}

// The user the demo client shows (ui/app.cpp default_user: the first rep in the data).
export async function demoUser(apiUrl) {
  const snap = await (await fetch(new URL('api/v1/demo/snapshot?part=inbox', apiUrl))).json();
  return snap.users.find((u) => u.role === 'rep').id;
}

// `appUrl`: the server serving the app; `apiUrl`: the server the app talks to (the same one,
// or another process of the same backend).
export async function openRepTab(browser, { appUrl, apiUrl = appUrl, token, background = false,
  viewport = { width: 1280, height: 800 }, grant = true }) {
  const origin = new URL(appUrl).origin;
  const context = await browser.newContext({ viewport });
  if (grant) await context.grantPermissions(['notifications'], { origin });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript((hidden) => {
    const Real = window.Notification;
    window.__notifications = [];
    window.Notification = class extends Real {
      constructor(title, options = {}) {
        super(title, options);
        window.__notifications.push({ title, body: options.body || '', at: performance.now() });
      }
    };
    if (hidden) Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
  }, background);
  const pageUrl = new URL('live-tab.html', appUrl).href;
  await page.route(pageUrl, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html>
<html><head><meta charset="utf-8"><title>Forecourt</title><link rel="stylesheet" href="app.css"></head>
<body><div id="root" class="forecourt-root"></div><script src="forecourt.js"></script>
<script>Forecourt.mount(document.getElementById('root'), { apiBase: ${JSON.stringify(new URL(apiUrl).origin)},
  token: ${JSON.stringify(token)} }).then((app) => { window.forecourt = app; });</script></body></html>` }));
  await page.goto(pageUrl);
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null,
    null, { timeout: 60000 });
  return { context, page, errors };
}

// Posts a web-to-lead form as a landing page would.
export function postLead(apiUrl, fields, key = 'demo-a-d1') {
  return fetch(new URL(`api/v1/capture/${key}`, apiUrl), { method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString() });
}

// Types `text` into the inbox's search field, as a rep looking for a customer would, so only
// matching leads are drawn (the inbox draws only the rows in view).
export async function searchInbox(page, text) {
  const field = await page.waitForFunction(() => window.forecourt.items()
    .find((it) => it.label === 'Search' && it.window === 'Lead inbox') || null, null, { timeout: 10000 })
    .then((h) => h.jsonValue());
  await page.mouse.click(field.rect.x + field.rect.w / 2, field.rect.y + field.rect.h / 2);
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA');
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.keyboard.type(text);
  await page.waitForFunction((t) => window.forecourt.items().some((it) => it.window === 'Lead inbox' &&
    /leads$/.test(it.label) && / of /.test(it.label)), text, { timeout: 5000 });
}
