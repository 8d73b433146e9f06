// The 100k-contact import through the real UI path in headless Chromium: the file goes through
// the real file chooser, is read and previewed, and the job runs in slices between frames
// while the app keeps drawing. Same file as core's bench (tests/bench/bench_import.cpp).
// Prints one JSON object of metric -> number on stdout:
//   import_100k_rows_ui_ms         click on "Start import" -> the result shows (wall time)
//   import_100k_preview_ui_ms      file handed to the chooser -> preview shows (read + parse)
//   import_100k_rows_ui_max_frame_ms  the longest frame's CPU time while the job ran
//   import_100k_rows_ui_frames     frames drawn while it ran (the UI kept drawing)
import { startServer, launchBrowser, openApp, scrollToItem } from '../browser/harness.mjs';

const rows = Number(process.env.IMPORT_ROWS || 100000);

function contactsFile(n) {
  const given = ['Anna', '\u0141ukasz', 'J\u00fcrgen', '\u00c9milie', '\u0110or\u0111e', '\u82b1\u5b50'];
  const family = ['M\u00fcller', 'Kowalski', 'Lef\u00e8vre', '\u0110or\u0111evi\u0107', '\u5c71\u7530', 'Nowak'];
  const parts = ['Vorname;Nachname;E-Mail;Telefon;Firma;Rolle\r\n'];
  for (let i = 0; i < n; ++i) {
    parts.push(`${given[i % 6]};"${family[Math.floor(i / 6) % 6]}, ${i}";${i % 10 ? `p${i}@example.com` : ''};` +
      `+49 89 ${1000000 + i};Firma ${i % 10000} GmbH;${i % 3 ? 'user' : 'decision_maker'}\r\n`);
  }
  return Buffer.from(parts.join(''), 'utf8');
}

async function centre(page, label, extra = '') {
  const h = await page.waitForFunction(([l, x]) => window.forecourt.items().find((i) =>
    i.label === l && i.window === 'Import' && (x !== 'enabled' || !i.disabled)) || null,
  [label, extra], { timeout: 120000 });
  const { rect } = await h.jsonValue();
  return [rect.x + rect.w / 2, rect.y + rect.h / 2];
}

const server = await startServer({ demo: 'tiny', seed: 1 });
const browser = await launchBrowser();
try {
  const file = contactsFile(rows);
  const { page, context } = await openApp(browser, server.url);
  const nav = await page.waitForFunction(() => window.forecourt.items().find((i) =>
    i.label === 'Import' && i.window === 'Navigation'));
  const { rect } = await nav.jsonValue();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  // Listen before looking for the button: Playwright turns file chooser interception on when
  // the listener is added, without waiting, and the app opens the picker in the frame that
  // handles the click (as pickFile in tests/browser/import.test.mjs).
  const chooserEvent = page.waitForEvent('filechooser', { timeout: 120000 });
  chooserEvent.catch(() => {});
  const [cx, cy] = await centre(page, 'Choose file', 'enabled');
  await page.mouse.click(cx, cy);
  const chooser = await chooserEvent;
  const t0 = await page.evaluate(() => performance.now());
  await chooser.setFiles({ name: 'contacts-100k.csv', mimeType: 'text/csv', buffer: file });
  await page.waitForFunction((n) => window.forecourt.items().some((i) =>
    i.label === `contacts-100k.csv: ${n} rows, CSV`), rows, { timeout: 120000 });
  const previewMs = (await page.evaluate(() => performance.now())) - t0;

  await centre(page, 'Start import', 'enabled');
  // Below the preview table at 1280x800: wheel it into view, as a person scrolls to it.
  const start = await scrollToItem(page, 'Start import', 'Import');
  const [sx, sy] = [start.rect.x + start.rect.w / 2, start.rect.y + start.rect.h / 2];
  await page.evaluate(() => window.forecourt.traceFrames(true));
  const started = await page.evaluate(() => performance.now());
  await page.mouse.click(sx, sy);
  const done = await page.waitForFunction(() => window.forecourt.items().some((i) =>
    i.window === 'Import' && /^Imported: \d+$/.test(i.label)) && performance.now(), null,
  { timeout: 300000, polling: 50 });
  const importMs = (await done.jsonValue()) - started;
  const frames = await page.evaluate(() => window.forecourt.traceFrames(false));
  const imported = await page.evaluate(() => window.forecourt.items().find((i) =>
    /^Imported: \d+$/.test(i.label)).label);
  if (imported !== `Imported: ${rows}`) throw new Error(`expected ${rows} contacts imported, got "${imported}"`);
  console.log(JSON.stringify({
    import_100k_rows_ui_ms: Math.round(importMs),
    import_100k_preview_ui_ms: Math.round(previewMs),
    import_100k_rows_ui_max_frame_ms: Math.round(Math.max(...frames.map((f) => f.cpuMs)) * 10) / 10,
    import_100k_rows_ui_frames: frames.length,
  }));
  await context.close();
} finally {
  await browser.close();
  await server.stop();
}
