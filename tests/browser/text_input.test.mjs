// Typing into the canvas goes through the hidden text input kept over the active field: accented
// letters, names in other scripts and composed (IME) text arrive as typed, and paste works.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useServerAndBrowser, openApp, clickItem } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 17 });

// The inbox rows on screen, by account label.
const rowLabels = (page) => page.evaluate(() =>
  window.forecourt.items().filter((it) => it.window === 'Lead inbox' && it.role === 'row').map((it) => it.label));

test('a name typed with accents into the inbox search filters the leads, and IME text arrives whole', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  const snapshot = await (await fetch(env.server.url + 'api/v1/demo/snapshot')).json();
  // An account name with a non-ASCII letter, and a part of it to type.
  const account = snapshot.accounts.find((a) => /[^\x00-\x7F]/.test(a.name) && /^[\p{L} ]+$/u.test(a.name));
  const word = account.name.split(' ').find((w) => /[^\x00-\x7F]/.test(w));

  await clickItem(page, 'Search', 'Lead inbox');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA');
  await page.keyboard.type(word);
  await page.waitForFunction((w) => {
    const rows = window.forecourt.items().filter((it) => it.window === 'Lead inbox' && it.role === 'row');
    return rows.length > 0 && rows.every((r) => r.cells.join(' ').length > 0);
  }, word);
  await page.waitForTimeout(300);
  const rows = await rowLabels(page);
  assert.ok(rows.length > 0, 'some leads match');
  assert.ok(rows.includes(account.name), `${account.name} is among ${rows.join(', ')}`);

  // Clear the field with the keyboard, then commit a composition the way an IME does.
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Backspace');
  await page.waitForFunction(() => window.forecourt.items().filter((it) => it.role === 'row').length > 5);
  await page.evaluate((w) => {
    const t = document.activeElement;
    t.dispatchEvent(new CompositionEvent('compositionstart', { data: '' }));
    t.value = w;
    t.dispatchEvent(new InputEvent('input', { data: w, isComposing: true, inputType: 'insertCompositionText' }));
    t.dispatchEvent(new CompositionEvent('compositionend', { data: w }));
  }, word);
  await page.waitForTimeout(500);
  assert.ok((await rowLabels(page)).includes(account.name));
  await context.close();
});

test('typed text is painted at once, in the keystroke\'s own task, not at the next animation frame', async () => {
  const { page, context } = await openApp(env.browser, env.server.url);
  await clickItem(page, 'Search', 'Lead inbox');
  await page.waitForFunction(() => document.activeElement && document.activeElement.tagName === 'TEXTAREA');
  await page.waitForTimeout(300);
  // One synchronous script: no animation frame can run between typing and looking.
  const seen = await page.evaluate(() => {
    const rows = () => window.forecourt.items().filter((it) => it.window === 'Lead inbox' && it.role === 'row').length;
    const before = { frame: window.forecourt.frame(), rows: rows() };
    const t = document.activeElement;
    t.value = 'zzqx';  // no account is called that
    t.dispatchEvent(new InputEvent('input', { data: 'zzqx', inputType: 'insertText' }));
    return { before, drawn: window.forecourt.frame() - before.frame, rows: rows() };
  });
  assert.ok(seen.before.rows > 0, 'the inbox showed leads');
  assert.ok(seen.drawn >= 1, `a frame was painted with the text: ${JSON.stringify(seen)}`);
  assert.equal(seen.rows, 0, 'and it shows the search narrowed to nothing');
  await context.close();
});
