// Web-to-lead capture: JSON, form posts and ADF/XML become an account, a contact and a web_form
// activity through core commands, visible to the dealer's users in their next pull.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, byTable } from './harness.mjs';

let server, anon, rep, otherRep;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 9, args: ['--capture-burst', '20', '--capture-per-minute', '6'] });
  anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  otherRep = await anon.login('network-a', 'D2-R1');
});
after(async () => { await server?.stop(); });

const capture = (body, type) => anon.call('POST', '/api/v1/capture/demo-a-d1',
  type ? Buffer.from(body) : body, type ? { 'Content-Type': type } : {});

test('a JSON lead form becomes account, contact and web_form activity for the key\'s dealer', async () => {
  const r = await capture({ name: 'Łukasz Nowak', email: 'lukasz@example.com', phone: '+48 12 345',
    company: 'Nowak Transport', city: 'Kraków', country: 'pl', product_category: 'vans',
    message: 'Two vans for spring, please call' });
  assert.equal(r.status, 201);
  const mine = byTable((await rep.pullAll({ limit: 10000 })).changes);
  const acct = mine.get('accounts').get(r.body.account_id);
  assert.equal(acct.dealer_id, 'D1');
  assert.equal(acct.name, 'Nowak Transport');
  assert.equal(acct.country, 'PL');
  const contact = mine.get('contacts').get(r.body.contact_id);
  assert.equal(contact.email, 'lukasz@example.com');
  const act = mine.get('activities').get(r.body.activity_id);
  assert.equal(act.type, 'web_form');
  assert.equal(act.campaign_id, 'CMP1');
  assert.equal(act.product_category, 'vans');
  assert.equal(act.note, 'Two vans for spring, please call');
  const theirs = byTable((await otherRep.pullAll({ limit: 10000 })).changes);
  assert.ok(!theirs.get('accounts').has(r.body.account_id), 'another dealer must not see it');
});

test('a form post works, and a returning email lands on the same account', async () => {
  const r = await capture('name=J%C3%BCrgen+Wei%C3%9F&email=LUKASZ%40example.com&submit=Send&product_category=nonexistent',
    'application/x-www-form-urlencoded');
  assert.equal(r.status, 201);
  const first = (await rep.pullAll({ limit: 10000 })).changes.find((c) => c.table === 'contacts' && c.record.email === 'lukasz@example.com');
  assert.equal(r.body.contact_id, first.record.id);
  const acts = byTable((await rep.pullAll({ limit: 10000 })).changes).get('activities');
  assert.equal(acts.get(r.body.activity_id).product_category, '', 'unknown categories are dropped');
});

test('an ADF/XML prospect is read: name parts, contact, vehicle, comments', async () => {
  const adf = `<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf><prospect>
  <requestdate>2026-11-23T08:00:00+01:00</requestdate>
  <vehicle interest="buy" status="used"><year>2022</year><make>Škoda</make><model>Octavia Combi</model></vehicle>
  <customer>
    <contact><name part="first">Ioana</name><name part="last">Popescu</name>
      <email>ioana@example.ro</email><phone type="voice">+40 21 555</phone>
      <address><postalcode>010011</postalcode><city>București</city><country>RO</country></address></contact>
    <comments>Trade-in possible</comments>
  </customer>
  <vendor><vendorname>Autohaus</vendorname></vendor>
</prospect></adf>`;
  const r = await capture(adf, 'application/xml');
  assert.equal(r.status, 201, JSON.stringify(r.body));
  const mine = byTable((await rep.pullAll({ limit: 10000 })).changes);
  assert.equal(mine.get('contacts').get(r.body.contact_id).name, 'Ioana Popescu');
  assert.equal(mine.get('accounts').get(r.body.account_id).city, 'București');
  const act = mine.get('activities').get(r.body.activity_id);
  assert.equal(act.product_category, 'used-cars');
  assert.equal(act.note, 'Vehicle: 2022 Škoda Octavia Combi\nTrade-in possible');
});

test('bad posts are refused with the field named, and nothing is captured', async () => {
  const before = (await rep.pullAll({ limit: 10000 })).cursor;
  const cases = [
    [{ email: 'x@example.com' }, undefined, 400, 'name'],
    [{ name: 'No Channel' }, undefined, 400, 'email'],
    [{ name: 'Bad', email: 'not-an-email' }, undefined, 400, 'email'],
    [{ name: 'Bad', email: 'x@example.com', country: 'Germany' }, undefined, 400, 'country'],
    [{ name: 'Bad', email: 'x@example.com', shoe_size: '44' }, undefined, 400, 'shoe_size'],
    [{ name: 42, email: 'x@example.com' }, undefined, 400, 'name'],
    ['<adf><prospect><customer><contact><name>x', 'application/xml', 400, ''],
    ['<not-adf/>', 'text/xml', 400, 'adf'],
    ['name=Someone', 'text/plain', 415, ''],
  ];
  for (const [body, type, status, field] of cases) {
    const r = await capture(body, type);
    assert.equal(r.status, status, JSON.stringify(body));
    assert.equal(r.body.error.field, field, JSON.stringify(body));
  }
  const unknown = await anon.call('POST', '/api/v1/capture/no-such-key', { name: 'x', email: 'x@example.com' });
  assert.equal(unknown.status, 404);
  const since = await rep.pull({ cursor: before });
  assert.deepEqual(since.body.changes, []);
});

test('XML entities are never expanded: an external entity stays text', async () => {
  const r = await capture('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><adf><prospect><customer>' +
    '<contact><name>&e;</name><email>xxe@example.com</email></contact></customer></prospect></adf>', 'application/xml');
  assert.equal(r.status, 201);
  const mine = byTable((await rep.pullAll({ limit: 10000 })).changes);
  const name = mine.get('contacts').get(r.body.contact_id).name;
  assert.ok(!name.includes('root:'), name);
});

test('capture is rate-limited per key and sender, with Retry-After', async () => {
  let limited = null;
  for (let i = 0; i < 40 && !limited; i++) {
    const r = await capture({ name: `Flood ${i}`, email: `flood${i}@example.com` });
    if (r.status === 429) limited = r;
    else assert.equal(r.status, 201);
  }
  assert.ok(limited, 'the bucket must run dry');
  assert.equal(limited.body.error.code, 'rate_limited');
  assert.ok(Number(limited.headers.get('retry-after')) >= 1);
});
