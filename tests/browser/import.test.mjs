// Import and export in the real browser: the Import screen asks for a file through the real
// file chooser, previews a Windows-1252 lead file and a UTF-8-with-BOM contact file, runs the
// imports (choosing what contact rows match by), downloads the rejects, finds the imported
// leads in the inbox, and downloads the filtered inbox as CSV with a formula-looking name
// neutralised.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useServerAndBrowser, openApp, findItem, clickItem, artifactsDir } from './harness.mjs';

const env = useServerAndBrowser({ demo: 'tiny', seed: 5 });

// Windows-1252, semicolons, CRLF: what Excel saves in Germany. "ü" is the single byte 0xFC.
const leadsFile = Buffer.concat([
  Buffer.from('Company;Product;Status\r\n', 'latin1'),
  Buffer.from('M\u00fcller Autoteile;New cars;new\r\n', 'latin1'),
  Buffer.from('Broken Boats;boats;new\r\n', 'latin1'),
  Buffer.from('=SUM(A1) Trading;vans;working\r\n', 'latin1'),
]);
// UTF-8 with a BOM (Excel's "CSV UTF-8"), with names Windows-1252 cannot hold.
const contactsFile = Buffer.concat([
  Buffer.from([0xef, 0xbb, 0xbf]),
  Buffer.from('Name,E-Mail,Firma\n' +
    'Dragan \u0110or\u0111evi\u0107,dragan@example.rs,\u0110or\u0111evi\u0107 d.o.o.\n' +
    'Zo\u00eb M\u00fcller,zoe@example.de,M\u00fcller Autoteile\n' +
    'No Mail,not-an-email,Somewhere GmbH\n', 'utf8'),
]);

// An entry of the open combo popup (ImGui names its window "##Combo_..").
// The popup sizes itself over its first frames, and the app draws only after input: move the
// mouse toward the list, as a person does, until the entry is drawn.
async function chooseInCombo(page, combo, entry) {
  const box = await clickItem(page, combo, 'Import');
  for (let step = 0; step < 40; ++step) {
    const found = await page.evaluate((label) => window.forecourt.items().find((i) =>
      i.label === label && i.window.startsWith('##Combo')) || null, entry);
    // A popup's first frame only measures itself (ImGui draws it hidden): click once its entry
    // stands still over two reads.
    const again = found && await page.waitForTimeout(100).then(() => page.evaluate((label) => window.forecourt.items().find((i) =>
      i.label === label && i.window.startsWith('##Combo')) || null, entry));
    if (found && again && again.rect.x === found.rect.x && again.rect.y === found.rect.y) {
      await page.mouse.click(found.rect.x + found.rect.w / 2, found.rect.y + found.rect.h / 2);
      // Closed, and the layout below it drawn again, before anything else is clicked.
      for (let wait = 0; wait < 40; ++wait) {
        await page.mouse.move(box.rect.x - 5 - (wait % 2), box.rect.y);
        await page.waitForTimeout(50);
        if (!(await page.evaluate(() => window.forecourt.items().some((i) => i.window.startsWith('##Combo'))))) return;
      }
      throw new Error(`the ${combo} list did not close`);
    }
    await page.mouse.move(box.rect.x + box.rect.w / 2, box.rect.y + box.rect.h + step);
    await page.waitForTimeout(50);
    if (step % 10 === 9) await clickItem(page, combo, 'Import');  // the click came too early
  }
  throw new Error(`no entry "${entry}" in the ${combo} list`);
}

async function pickFile(page, name, buffer) {
  // Listen before anything else: Playwright turns on file chooser interception when the
  // listener is added, without waiting, and the app opens the picker in the very frame that
  // handles the click; the round trip of the button search below lets interception land first.
  const chooser = page.waitForEvent('filechooser');
  chooser.catch(() => {});
  const button = await page.waitForFunction(() => window.forecourt.items().find((i) =>
    i.label === 'Choose file' && i.window === 'Import' && !i.disabled) || null);
  const { rect } = await button.jsonValue();
  await page.mouse.click(rect.x + rect.w / 2, rect.y + rect.h / 2);
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer });
}

// A click on a combo entry can miss while the page is busy (the detail data arriving): like a
// user, choose again until the screen shows the lead mapping.
async function chooseLeads(page) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await chooseInCombo(page, 'Record type', 'Leads');
    await page.waitForTimeout(300);
    if (!(await page.evaluate(() => window.forecourt.items().some((i) => i.label === 'Map a column to name: Contacts need it')))) break;
  }
}

// Chooses what rows match by, again if a click missed, until the screen's sentence says so.
async function chooseMatchKey(page, entry, sentenceStart) {
  for (let attempt = 0; attempt < 3; ++attempt) {
    await chooseInCombo(page, 'Match rows by', entry);
    await page.waitForTimeout(300);
    if (await page.evaluate((s) => window.forecourt.items().some((i) =>
      i.window === 'Import' && i.label.startsWith(s)), sentenceStart)) return;
  }
  throw new Error(`"${entry}" was not chosen`);
}

async function download(page, label) {
  const [file] = await Promise.all([page.waitForEvent('download'), clickItem(page, label, 'Import')]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}

const BOM = '\ufeff';
const csvLines = (bytes) => bytes.toString('utf8').split('\r\n').filter((l) => l !== '');

test('a lead file is picked, previewed, imported; rejects download; the leads are in the inbox', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await clickItem(page, 'Import', 'Navigation');
  await pickFile(page, 'leads-de.csv', leadsFile);
  await findItem(page, 'leads-de.csv: 3 rows, CSV', 'Import');
  await findItem(page, 'Encoding: windows-1252   Delimiter: semicolon', 'Import');
  await findItem(page, 'M\u00fcller Autoteile', 'Import');  // decoded in the preview
  await chooseLeads(page);
  await findItem(page, 'Column Company', 'Import');
  await page.screenshot({ path: path.join(artifactsDir, 'import-preview.png') });
  await clickItem(page, 'Start import', 'Import');
  await findItem(page, 'Imported: 2', 'Import');
  await findItem(page, 'Rejected: 1', 'Import');
  const reject = await findItem(page, 'Line 3', 'Import');
  assert.equal(reject.cells[1], 'category_name');
  await page.screenshot({ path: path.join(artifactsDir, 'import-result.png') });

  const rejects = await download(page, 'Download rejects (CSV)');
  assert.equal(rejects.name, 'leads-de-rejects.csv');
  const lines = csvLines(rejects.bytes);
  assert.equal(lines[0], BOM + 'Company,Product,Status,line,reason');
  assert.equal(lines.length, 2);
  assert.match(lines[1], /^Broken Boats,boats,new,3,.*boats/);

  // Two commands per new lead's account and lead wait to sync, like typed changes.
  await page.waitForFunction(() => window.forecourt.items().some((i) =>
    i.window === 'Status' && /^\d+ changes waiting to sync$/.test(i.label)));

  await clickItem(page, 'Leads', 'Navigation');
  await clickItem(page, 'Search', 'Lead inbox');
  await page.keyboard.type('autoteile');
  const row = await page.waitForFunction(() => window.forecourt.items().find((i) =>
    i.window === 'Lead inbox' && i.role === 'row' && i.label === 'M\u00fcller Autoteile') || null);
  assert.equal((await row.jsonValue()).cells[1], 'New cars');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a UTF-8 contact file with a BOM imports names like \u0110or\u0111evi\u0107 and rejects a bad email', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await clickItem(page, 'Import', 'Navigation');
  await pickFile(page, 'kontakte.csv', contactsFile);
  await findItem(page, 'Encoding: utf-8 (bom)   Delimiter: comma', 'Import');
  await findItem(page, 'Dragan \u0110or\u0111evi\u0107', 'Import');
  // Matching by external id needs a column mapped to id: the screen says so and Start waits.
  await chooseMatchKey(page, 'External id only', 'A row matches the record whose id is in its id column;');
  await findItem(page, 'Map a column to id to match rows by it, or match them another way', 'Import');
  assert.equal((await findItem(page, 'Start import', 'Import')).disabled, true);
  await page.screenshot({ path: path.join(artifactsDir, 'import-match-key.png') });
  await chooseMatchKey(page, 'Email only', 'A row matches the contact with the same email');
  await clickItem(page, 'Start import', 'Import');
  await findItem(page, 'Imported: 2', 'Import');
  const reject = await findItem(page, 'Line 4', 'Import');
  assert.equal(reject.cells[1], 'email');
  // The new company is an account now, found by its name in Accounts.
  await clickItem(page, 'Accounts', 'Navigation');
  await clickItem(page, 'Search accounts', 'Accounts');
  await page.keyboard.type('dordevic');
  await findItem(page, '\u0110or\u0111evi\u0107 d.o.o.', 'Accounts');
  assert.deepEqual(errors, []);
  await context.close();
});

test('the filtered inbox downloads as CSV starting with its header, formulas neutralised', async () => {
  const { page, context, errors } = await openApp(env.browser, env.server.url);
  await clickItem(page, 'Import', 'Navigation');
  await pickFile(page, 'leads-de.csv', leadsFile);
  await findItem(page, 'leads-de.csv: 3 rows, CSV', 'Import');
  await chooseLeads(page);
  await clickItem(page, 'Start import', 'Import');
  await findItem(page, 'Imported: 2', 'Import').catch(async (e) => {
    await page.screenshot({ path: path.join(artifactsDir, 'import-export-failed.png') });
    throw e;
  });
  await clickItem(page, 'Leads', 'Navigation');
  await clickItem(page, 'Search', 'Lead inbox');
  await page.keyboard.type('trading');
  await findItem(page, '1 of ', 'Lead inbox', 2000).catch(() => {});
  await clickItem(page, 'Import', 'Navigation');
  await findItem(page, '1 lead, as filtered and sorted in Leads', 'Import');
  const csv = await download(page, 'Export inbox (CSV)');
  assert.equal(csv.name, 'leads.csv');
  const lines = csvLines(csv.bytes);
  assert.ok(lines[0].startsWith(BOM + 'id,account_id,account,product_category,category,'), lines[0]);
  assert.equal(lines.length, 2);
  assert.ok(lines[1].includes(',"\'=SUM(A1) Trading",'), lines[1]);  // a leading quote: text, not a formula
  const json = await download(page, 'Export inbox (JSON)');
  assert.equal(json.name, 'leads.json');
  const leads = JSON.parse(json.bytes.toString('utf8'));
  assert.equal(leads.length, 1);
  assert.equal(leads[0].account, '=SUM(A1) Trading');
  assert.deepEqual(errors, []);
  await context.close();
});
