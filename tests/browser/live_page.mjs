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

// Runs in the page before its scripts: keeps every notification raised in
// window.__notifications, and with `hidden` makes the tab look like one in the background.
function recordNotifications(hidden) {
  const Real = window.Notification;
  window.__notifications = [];
  window.Notification = class extends Real {
    constructor(title, options = {}) {
      super(title, options);
      window.__notifications.push({ title, body: options.body || '', at: performance.now() });
    }
  };
  if (hidden) Object.defineProperty(document, 'visibilityState', { get: () => 'hidden' });
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
  await page.addInitScript(recordNotifications, background);
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

// Every record `user` may see, by table, pulled through the sync API as a client would.
export async function pullAll(apiUrl, user, tenant = 'network-a') {
  const token = await signIn(apiUrl, user, tenant);
  const tables = {};
  let cursor = '0';
  for (;;) {
    const res = await fetch(new URL(`api/v1/sync/pull?cursor=${cursor}&limit=10000`, apiUrl),
      { headers: { Authorization: 'Bearer ' + token } });
    if (res.status !== 200) throw new Error(`pull as ${user}: ${res.status}`);
    const page = await res.json();
    for (const c of page.changes) (tables[c.table] ||= []).push(c.record);
    cursor = page.cursor;
    if (!page.has_more) return tables;
  }
}

// The lead a capture made (from the ids it answered with), once routing gave it an owner;
// pulled as `viewer` (central, or a manager of the dealer, sees every lead of it).
export async function capturedLead(apiUrl, ids, viewer = 'C-1', timeoutMs = 10000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const lead = ((await pullAll(apiUrl, viewer)).leads || []).find((l) => l.account_id === ids.account_id);
    if (lead && lead.owner) return lead;
    if (Date.now() > until) throw new Error(`no owner for the lead of ${ids.account_id}: ${JSON.stringify(lead)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

// A signed-in tab of `user`: the app's own page, signed in through its form, so the app syncs
// the user's records (sync mode) and its Now queue is the user's. Notifications are recorded
// and the tab may pretend to be in the background, as in openRepTab.
export async function openSignedInTab(browser, { appUrl, user, tenant = 'network-a', background = false,
  viewport = { width: 1280, height: 800 }, grant = true }) {
  const origin = new URL(appUrl).origin;
  const context = await browser.newContext({ viewport });
  if (grant) await context.grantPermissions(['notifications'], { origin });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(recordNotifications, background);
  await page.goto(appUrl);
  await page.getByLabel('Tenant').fill(tenant);
  await page.getByLabel('User').fill(user);
  await page.getByLabel('Password').fill('forecourt-demo');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null &&
    window.forecourt.sync && window.forecourt.sync.status().last_synced > 0, null, { timeout: 60000 });
  return { context, page, errors };
}

// Opens the Now screen the way a person does: its entry in the navigation.
export async function openNowScreen(page) {
  const entry = await page.waitForFunction(() => window.forecourt.items()
    .find((it) => it.window === 'Navigation' && it.label === 'Now') || null, null, { timeout: 10000 })
    .then((h) => h.jsonValue());
  await page.mouse.click(entry.rect.x + entry.rect.w / 2, entry.rect.y + entry.rect.h / 2);
  await page.waitForFunction(() => window.forecourt.items().some((it) => it.window === 'Now'), null, { timeout: 10000 });
}

// Labels of the items the app drew in its Now queue (window 'Now').
export function nowQueueLabels(page) {
  return page.evaluate(() => window.forecourt.items().filter((it) => it.window === 'Now').map((it) => it.label));
}

// Another tab of the same signed-in user (the session is kept on the device): it follows the
// first tab's sync (web/sync.js: one leader tab pulls, the others apply its pages).
export async function openAnotherTab(context, appUrl, { background = false } = {}) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addInitScript(recordNotifications, background);
  await page.goto(appUrl);
  await page.waitForFunction(() => window.forecourt && window.forecourt.firstDataFrameMs !== null &&
    window.forecourt.sync && window.forecourt.sync.status().last_synced > 0, null, { timeout: 60000 });
  return { page, errors };
}

// The reps of `dealer`, from the server's data (pulled as the dealer's manager).
export async function dealerReps(apiUrl, dealer = 'D1') {
  return (await pullAll(apiUrl, `${dealer}-M`)).users
    .filter((u) => u.role === 'rep' && u.dealer_id === dealer).map((u) => u.id);
}
