// Forecourt embedded in the demo dealer portal: the portal on one 127.0.0.1 origin, the app
// and its API on another, as a manufacturer's portal would host it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { startServer, launchBrowser, artifactsDir } from './harness.mjs';
import { startPortal } from './portal_origin.mjs';

let portal, strictPortal, server, browser, snapshot, appOrigin;
// Scripts and wasm only from the page itself and the app's origin; no 'unsafe-eval'.
const strictPolicy = () => "default-src 'none'; script-src 'self' " + appOrigin +
  " 'wasm-unsafe-eval'; connect-src " + appOrigin + "; style-src 'self'; img-src 'self'";

// Counts listeners the page adds to document/window/canvases and animation frames pending,
// so the test can tell that unmount released them.
function instrument() {
  const live = new Map();
  const key = (t) => (t === document ? 'document' : t === window ? 'window'
    : t instanceof HTMLCanvasElement ? 'canvas' : null);
  const add = EventTarget.prototype.addEventListener;
  const remove = EventTarget.prototype.removeEventListener;
  EventTarget.prototype.addEventListener = function (type, fn, opts) {
    const k = key(this);
    if (k && fn) live.set(fn, (live.get(fn) || 0) + 1), (fn.__fcTarget = k);
    return add.call(this, type, fn, opts);
  };
  EventTarget.prototype.removeEventListener = function (type, fn, opts) {
    if (fn && live.has(fn)) { const n = live.get(fn) - 1; n ? live.set(fn, n) : live.delete(fn); }
    return remove.call(this, type, fn, opts);
  };
  const pending = new Set();
  const raf = window.requestAnimationFrame.bind(window);
  const caf = window.cancelAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => { const id = raf((t) => { pending.delete(id); cb(t); }); pending.add(id); return id; };
  window.cancelAnimationFrame = (id) => { pending.delete(id); caf(id); };
  window.__fcProbe = {
    listeners: (target) => [...live.keys()].filter((fn) => fn.__fcTarget === target).length,
    pendingFrames: () => pending.size,
  };
}

async function openPortal(portalOrigin, query = '', viewport = { width: 1300, height: 800 }, ready = () => window.portal && window.portal.app && window.portal.app.firstDataFrameMs) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.addInitScript(instrument);
  await page.goto(`${portalOrigin}/?app=${encodeURIComponent(server.url.replace(/\/$/, ''))}${query}`);
  await page.waitForFunction(ready, null, { timeout: 60000 });
  return { context, page, errors };
}

const appItems = (page) => page.evaluate(() => window.portal.app.items());

before(async () => {
  portal = await startPortal();
  strictPortal = await startPortal({ csp: strictPolicy });
  server = await startServer({ demo: 'tiny', seed: 9, extraArgs: ['--allow-origin', `${portal.origin},${strictPortal.origin}`] });
  appOrigin = server.url.replace(/\/$/, '');
  browser = await launchBrowser();
  snapshot = await (await fetch(server.url + 'api/v1/demo/snapshot')).json();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await portal?.stop();
  await strictPortal?.stop();
});

test('a deep link opens a lead, the portal hears about it, and the token came from the portal', async () => {
  const lead = snapshot.leads[7];
  const account = snapshot.accounts.find((a) => a.id === lead.account_id);
  const { page, context, errors } = await openPortal(portal.origin, `&route=lead/${encodeURIComponent(lead.id)}`);
  await page.waitForFunction((name) => window.portal.app.items()
    .some((it) => it.window === 'Lead detail' && it.label === name), account.name);
  const events = await page.evaluate(() => window.portal.events);
  assert.ok(events.some((e) => e.type === 'lead_opened' && e.lead_id === lead.id), JSON.stringify(events));
  assert.ok(await page.evaluate(() => window.portal.tokenRequests()) >= 1);
  assert.equal(await page.locator('#portal-events li').first().textContent(), `lead_opened ${lead.id}`);

  // Dates in the detail pane are in the portal's locale and time zone (de-DE, Europe/Berlin).
  const created = new Intl.DateTimeFormat('de-DE', { timeZone: 'Europe/Berlin', day: '2-digit',
    month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(new Date(lead.created_at * 1000)).replace(',', '');
  await page.waitForFunction((text) => window.portal.app.items().some((it) => it.window === 'Lead detail' && it.label === text), created);

  // Navigating from the portal's own menu reaches the app as well.
  const other = snapshot.leads[2];
  assert.equal(await page.evaluate((id) => window.portal.app.navigate('lead/' + id), other.id), true);
  assert.equal(await page.evaluate(() => window.portal.app.navigate('lead/no-such-lead')), false);
  await page.screenshot({ path: path.join(artifactsDir, 'portal-embedded.png') });
  assert.deepEqual(errors, []);
  await context.close();
});

test("the portal's own input keeps working while the app is mounted", async () => {
  const { page, context } = await openPortal(portal.origin);
  // Give the canvas focus first, as a user who just used the CRM would have.
  const inbox = (await appItems(page)).find((it) => it.label === 'Lead inbox');
  await page.mouse.click(inbox.rect.x + 20, inbox.rect.y + inbox.rect.h - 20);
  await page.click('#portal-note');
  await page.keyboard.type('Leihwagen für Đorđević');
  await page.keyboard.press('Backspace');
  await page.keyboard.press('Tab');
  assert.equal(await page.inputValue('#portal-note'), 'Leihwagen für Đorđevi');
  assert.equal(await page.evaluate(() => document.activeElement.tagName), 'BUTTON');
  await page.keyboard.press('Enter');
  assert.equal(await page.textContent('#portal-saved'), 'Saved: Leihwagen für Đorđevi');
  await context.close();
});

test('the canvas follows its container, not the window', async () => {
  const { page, context } = await openPortal(portal.origin);
  const size = () => page.evaluate(() => {
    const c = window.portal.app.canvas;
    return { w: c.getBoundingClientRect().width, h: c.getBoundingClientRect().height, px: c.width };
  });
  assert.equal((await size()).w, 880);
  await page.evaluate(() => { const p = document.getElementById('crm-panel'); p.style.width = '600px'; p.style.height = '420px'; });
  await page.waitForFunction(() => window.portal.app.canvas.width === 600);
  assert.equal((await size()).h, 420);
  // The app lays itself out again for the new size: the inbox pane shrinks with it.
  await page.waitForFunction(() => {
    const w = window.portal.app.items().find((it) => it.label === 'Lead inbox');
    return w && w.rect.w <= 600 * 0.6 + 1;
  });
  await context.close();
});

test('unmount releases listeners and animation frames, and mounting again works', async () => {
  const { page, context } = await openPortal(portal.origin);
  const mounted = await page.evaluate(() => ({ doc: window.__fcProbe.listeners('document'), canvas: window.__fcProbe.listeners('canvas') }));
  assert.ok(mounted.doc >= 1 && mounted.canvas >= 5, JSON.stringify(mounted));
  await page.evaluate(() => window.portal.unmount());
  await page.waitForTimeout(100);
  const probe = await page.evaluate(() => ({
    doc: window.__fcProbe.listeners('document'), canvas: window.__fcProbe.listeners('canvas'),
    frames: window.__fcProbe.pendingFrames(), canvases: document.querySelectorAll('canvas').length,
  }));
  assert.deepEqual(probe, { doc: 0, canvas: 0, frames: 0, canvases: 0 });

  await page.evaluate(() => window.portal.mount());
  await page.waitForFunction(() => window.portal.app.firstDataFrameMs);
  const names = snapshot.accounts.map((a) => a.name);
  const rows = (await appItems(page)).filter((it) => it.window === 'Lead inbox' && names.includes(it.label));
  assert.ok(rows.length > 5);
  await context.close();
});

test('two instances on one page each take only their own clicks', async () => {
  const { page, context } = await openPortal(portal.origin, '', { width: 1300, height: 1300 });
  await page.evaluate(async (apiBase) => {
    const host = document.createElement('div');
    host.style.cssText = 'width:700px;height:400px';
    document.body.appendChild(host);
    window.second = await Forecourt.mount(host, { apiBase });
    window.secondEvents = [];
    window.second.on('lead_opened', (e) => window.secondEvents.push(e));
    await window.second.firstDataFrame;
  }, appOrigin);
  const names = snapshot.accounts.map((a) => a.name);
  const row = await page.evaluate((names) => window.second.items()
    .filter((it) => it.window === 'Lead inbox' && !it.text && names.includes(it.label))[3], names);
  await page.mouse.click(row.rect.x + row.rect.w / 2, row.rect.y + row.rect.h / 2);
  await page.waitForFunction(() => window.secondEvents.length === 1);
  const firstEvents = await page.evaluate(() => window.portal.events.filter((e) => e.type === 'lead_opened'));
  assert.deepEqual(firstEvents, []);
  await context.close();
});

test('it runs under a strict Content-Security-Policy (no unsafe-eval)', async () => {
  const { page, context, errors } = await openPortal(strictPortal.origin);
  const names = snapshot.accounts.map((a) => a.name);
  const rows = (await appItems(page)).filter((it) => it.window === 'Lead inbox' && names.includes(it.label));
  assert.ok(rows.length > 5);
  assert.deepEqual(errors.filter((e) => /Content Security Policy|EvalError/.test(e)), []);
  await context.close();
});

test('when the token is refused (401) the app asks the portal for a new one and carries on', async () => {
  const context = await browser.newContext({ viewport: { width: 1300, height: 800 } });
  const page = await context.newPage();
  const seen = [];
  await page.route('**/api/v1/demo/snapshot?part=inbox', async (route) => {
    const auth = route.request().headers().authorization;
    seen.push(auth);
    if (seen.length === 1) return route.fulfill({ status: 401, body: '' });  // the portal's first token
    return route.continue();
  });
  await page.goto(`${portal.origin}/?app=${encodeURIComponent(appOrigin)}`);
  await page.waitForFunction(() => window.portal && window.portal.app && window.portal.app.firstDataFrameMs, null, { timeout: 60000 });
  // Two requests, each with a token the portal signed in for; the second a fresh one.
  assert.equal(seen.length, 2);
  assert.match(seen[0], /^Bearer [0-9a-f]{64}$/);
  assert.match(seen[1], /^Bearer [0-9a-f]{64}$/);
  assert.notEqual(seen[0], seen[1]);
  assert.ok(await page.evaluate(() => window.portal.tokenRequests()) >= 2);  // the live stream asks too
  await context.close();
});

test('in an iframe the app talks only to its portal: tokens in, routes in, events out', async () => {
  const lead = snapshot.leads[4];
  const { page, context } = await openPortal(portal.origin, '&frame=1', undefined,
    () => window.portal && window.portal.frame && window.portal.tokenRequests() > 0);
  await page.evaluate(() => window.portal.frame.ready);
  await page.evaluate((id) => window.portal.frame.navigate('lead/' + id), lead.id);
  await page.waitForFunction((id) => window.portal.events.some((e) => e.type === 'lead_opened' && e.lead_id === id), lead.id);
  const frame = page.frames().find((f) => f.url().includes('/embed.html'));
  const account = snapshot.accounts.find((a) => a.id === lead.account_id);
  await frame.waitForFunction((name) => window.forecourt.items().some((it) => it.window === 'Lead detail' && it.label === name), account.name);

  // The demo portal is served by the app's own server too, at its folder's address.
  assert.equal((await fetch(server.url + 'portal-demo/')).status, 200);

  // Only allow-listed portals may frame the app at all.
  const res = await fetch(server.url + 'embed.html');
  const policy = res.headers.get('content-security-policy');
  assert.ok(policy.includes(`frame-ancestors 'self' ${portal.origin}`), policy);
  assert.ok(!policy.includes('*'));
  await context.close();
});

test('the <forecourt-crm> element mounts from attributes and unmounts when removed', async () => {
  const { page, context } = await openPortal(portal.origin);
  const lead = snapshot.leads[3];
  const account = snapshot.accounts.find((a) => a.id === lead.account_id);
  await page.evaluate(async ([apiBase, route]) => {
    const el = document.createElement('forecourt-crm');
    el.setAttribute('api-base', apiBase);
    el.setAttribute('route', route);
    el.setAttribute('theme', 'dark');
    el.style.cssText = 'width:640px;height:400px';
    const ready = new Promise((r) => el.addEventListener('forecourt:ready', r, { once: true }));
    document.body.appendChild(el);
    await ready;
    await el.app.firstDataFrame;
    window.crmElement = el;
  }, [appOrigin, 'lead/' + lead.id]);
  await page.waitForFunction((name) => window.crmElement.app.items()
    .some((it) => it.window === 'Lead detail' && it.label === name), account.name);
  assert.equal(await page.evaluate(() => window.crmElement.querySelectorAll('canvas').length), 1);
  await page.evaluate(() => window.crmElement.remove());
  await page.waitForFunction(() => !window.crmElement.querySelector('canvas'));
  await context.close();
});
