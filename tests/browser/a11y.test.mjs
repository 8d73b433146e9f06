// The screen-reader mirror: an offscreen DOM copy of what the canvas shows, built from the
// same item hooks the tests use, checked against the screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, items } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 13 });

// The mirror's grid rows as [account, product, score, ...] text.
const mirroredRows = (page) => page.evaluate(() =>
  [...document.querySelectorAll('.forecourt-a11y [role=region][aria-label="Lead inbox"] [role=grid] [role=row]')]
    .filter((r) => r.querySelector('[role=gridcell]'))
    .map((r) => [...r.querySelectorAll('[role=gridcell]')].map((c) => c.textContent)));

test('the visible inbox rows are mirrored as an ARIA grid that matches the screen', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await page.waitForFunction(() => document.querySelectorAll('.forecourt-a11y [role=grid] [role=gridcell]').length > 0, null, { polling: 100 });
  const onScreen = (await items(page)).filter((it) => it.window === 'Lead inbox' && it.role === 'row');
  const mirrored = await mirroredRows(page);
  assert.ok(onScreen.length > 5);
  assert.deepEqual(mirrored.map((cells) => cells[0]), onScreen.map((it) => it.label));
  const headers = await page.evaluate(() => [...document.querySelectorAll('.forecourt-a11y [role=columnheader]')].map((h) => h.textContent));
  assert.deepEqual(headers, ['Account', 'Product', 'Score', 'State', 'Owner', 'Age']);

  // After sorting by account on the canvas, the mirror follows.
  const rowLabels = async () => (await items(page)).filter((it) => it.window === 'Lead inbox' && it.role === 'row').map((it) => it.label);
  const before = await rowLabels();
  const header = (await items(page)).find((it) => it.label === 'Account' && it.role === 'header');
  await page.mouse.click(header.rect.x + header.rect.w / 2, header.rect.y + header.rect.h / 2);
  let sorted = before;
  for (let i = 0; i < 50 && JSON.stringify(sorted) === JSON.stringify(before); ++i) {
    await page.waitForTimeout(100);
    sorted = await rowLabels();
  }
  assert.notDeepEqual(sorted, before, 'the canvas sorted by account');
  await page.waitForTimeout(300);  // the mirror follows within a tenth of a second
  assert.deepEqual((await mirroredRows(page)).map((c) => c[0]), sorted);
  await context.close();
});

test('activating a mirrored row opens the lead and the focus is announced', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await page.waitForFunction(() => document.querySelectorAll('.forecourt-a11y [role=grid] [role=gridcell]').length > 0, null, { polling: 100 });
  const label = await page.evaluate(() => {
    const row = [...document.querySelectorAll('.forecourt-a11y [role=grid] [role=row][aria-label]')][4];
    row.click();
    return row.getAttribute('aria-label');
  });
  await page.waitForFunction((l) => window.forecourt.items().some((it) => it.window === 'Lead detail' && it.label === l), label);
  await page.waitForFunction((l) => document.querySelector('.forecourt-a11y [aria-live]').textContent === l, label);
  await context.close();
});
