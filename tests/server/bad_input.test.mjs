// Bad input never crashes the server and never half-applies anything: the JSONTestSuite corpus
// against every JSON entry point, naughty strings stored and read back unchanged, and our own
// cases (oversized bodies, deep nesting, invalid UTF-8, huge numbers, wrong types, unknown
// command kinds). After each group the server must still answer and hold exactly what it did.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { startForecourt, client, commandMaker, now, byTable, sharedData } from './harness.mjs';

const suiteDir = path.join(sharedData, 'json-test-suite', 'test_parsing');
let server, anon, rep, central, d1Account;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 5,
    args: ['--capture-burst', '100000', '--max-body', '262144'] });
  anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  central = await anon.login('network-a', 'C-1');
  const all = byTable((await central.pullAll({ limit: 10000 })).changes);
  d1Account = [...all.get('accounts').values()].find((a) => a.dealer_id === 'D1');
});
after(async () => { await server?.stop(); });

async function tenantCursor() { return (await central.pullAll({ limit: 10000 })).cursor; }
async function assertAliveAndUnchanged(cursor) {
  assert.ok(server.alive(), 'the server process must still run: ' + server.stderr());
  assert.equal((await anon.call('GET', '/api/v1/health')).status, 200);
  const since = await central.pull({ cursor });
  assert.deepEqual(since.body.changes, [], 'nothing may have been applied');
}

async function postRaw(c, p, bytes, type = 'application/json') {
  return c.call('POST', p, new Uint8Array(bytes), { 'Content-Type': type });
}

test('JSONTestSuite: n_ files are refused as invalid, y_ files parse, none crash or apply', async () => {
  const files = readdirSync(suiteDir).filter((f) => f.endsWith('.json')).sort();
  assert.ok(files.length > 300);
  const cursor = await tenantCursor();
  const endpoints = [[rep, '/api/v1/sync/push'], [anon, '/api/v1/auth/login'],
    [anon, '/api/v1/capture/demo-a-d1']];
  let refused = 0;
  for (const f of files) {
    const bytes = readFileSync(path.join(suiteDir, f));
    for (const [c, p] of endpoints) {
      const r = await postRaw(c, p, bytes);
      const where = `${f} -> ${p}: ${r.status} ${JSON.stringify(r.body).slice(0, 200)}`;
      assert.ok(r.status >= 400 && r.status < 500, where);
      assert.equal(typeof r.body?.error?.code, 'string', where);
      if (f.startsWith('n_')) {
        assert.ok(['invalid_json', 'too_deep'].includes(r.body.error.code), where);
        refused++;
      }
      if (f.startsWith('y_')) assert.notEqual(r.body.error.code, 'invalid_json', where);
    }
  }
  assert.ok(refused > 500);
  await assertAliveAndUnchanged(cursor);
});

test('naughty strings are stored and read back byte for byte', async () => {
  const strings = JSON.parse(readFileSync(path.join(sharedData, 'naughty-strings', 'blns.json'), 'utf8'));
  assert.ok(strings.length > 500);
  const cmd = commandMaker('bad-naughty');
  const commands = strings.map((s, i) => cmd('activity.log',
    { id: `E-naughty-${i}`, account_id: d1Account.id, type: 'note', at: now(), note: s }));
  const names = strings.map((s, i) => [s, i]).filter(([s]) => s.trim() !== '' &&
    Buffer.byteLength(s) <= 200);
  for (const [s, i] of names)
    commands.push(cmd('account.put', { id: `A-naughty-${i}`, dealer_id: 'D1', name: s }));
  for (let i = 0; i < commands.length; i += 500) {
    const r = await rep.push('bad-naughty', commands.slice(i, i + 500));
    assert.equal(r.status, 200);
    for (const res of r.body.results) assert.equal(res.status, 'applied', JSON.stringify(res));
  }
  const all = byTable((await rep.pullAll({ limit: 10000 })).changes);
  strings.forEach((s, i) => assert.equal(all.get('activities').get(`E-naughty-${i}`).note, s, `string ${i}`));
  for (const [s, i] of names) assert.equal(all.get('accounts').get(`A-naughty-${i}`).name, s);
});

test('oversized bodies get 413 and too many commands get 413, with a JSON error', async () => {
  const cursor = await tenantCursor();
  const cmd = commandMaker('bad-big');
  const big = { client_id: 'bad-big', commands: [cmd('activity.log',
    { id: 'E-big', account_id: d1Account.id, type: 'note', at: now(), note: 'x'.repeat(300000) })] };
  const r = await rep.call('POST', '/api/v1/sync/push', big).catch((e) => ({ status: 'reset', e }));
  assert.equal(r.status, 413);
  assert.equal(r.body.error.code, 'payload_too_large');
  const many = Array.from({ length: 1001 }, (_, i) => ({ id: `c${i}`, client_id: 'bad-many', seq: i + 1,
    kind: 'activity.log', at: now(), payload: {} }));
  const r2 = await rep.push('bad-many', many);
  assert.equal(r2.status, 413);
  assert.equal(r2.body.error.code, 'too_many_commands');
  await assertAliveAndUnchanged(cursor);
});

test('deep nesting is refused before parsing, anywhere in the body', async () => {
  const cursor = await tenantCursor();
  for (const body of ['['.repeat(200000), '{"a":'.repeat(50000), `{"client_id":"bad-deep","commands":[{"id":"c1","client_id":"bad-deep","seq":1,"kind":"activity.log","at":1,"payload":{"x":${'['.repeat(40)}${']'.repeat(40)}}}]}`]) {
    for (const p of ['/api/v1/sync/push', '/api/v1/auth/login', '/api/v1/capture/demo-a-d1']) {
      const r = await postRaw(p.includes('push') ? rep : anon, p, Buffer.from(body));
      assert.equal(r.status, 400, p);
      assert.equal(r.body.error.code, 'too_deep', p);
    }
  }
  await assertAliveAndUnchanged(cursor);
});

test('invalid UTF-8 is refused in JSON, in form posts and in XML', async () => {
  const cursor = await tenantCursor();
  const bad = Buffer.concat([Buffer.from('{"client_id":"bad-utf8","commands":[{"id":"c1","client_id":"bad-utf8","seq":1,"kind":"activity.log","at":1,"payload":{"id":"E-utf8","account_id":"'),
    Buffer.from(d1Account.id), Buffer.from('","type":"note","at":1,"note":"'), Buffer.from([0xc3, 0x28, 0xff]), Buffer.from('"}}]}')]);
  const r = await postRaw(rep, '/api/v1/sync/push', bad);
  assert.equal(r.status, 400);
  assert.equal(r.body.error.code, 'invalid_json');
  const form = await postRaw(anon, '/api/v1/capture/demo-a-d1', Buffer.from('name=%C3%28%FF&email=a%40b.example'),
    'application/x-www-form-urlencoded');
  assert.equal(form.status, 400);
  assert.equal(form.body.error.field, 'name');
  const xml = Buffer.concat([Buffer.from('<adf><prospect><customer><contact><name part="full">'),
    Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('</name><email>x@example.com</email></contact></customer></prospect></adf>')]);
  const x = await postRaw(anon, '/api/v1/capture/demo-a-d1', xml, 'application/xml');
  assert.equal(x.status, 400);
  assert.equal(x.body.error.field, 'name');
  await assertAliveAndUnchanged(cursor);
});

test('huge numbers and wrong types in the envelope refuse the batch; nothing is applied', async () => {
  const cursor = await tenantCursor();
  const base = `{"id":"c1","client_id":"bad-num","kind":"activity.log","payload":{"id":"E-num","account_id":"${d1Account.id}","type":"note","at":1}`;
  const cases = [
    [`{"client_id":"bad-num","commands":[${base},"seq":1e400,"at":1}]}`, ''],  // not a double: invalid JSON
    [`{"client_id":"bad-num","commands":[${base},"seq":18446744073709551616,"at":1}]}`, 'commands[0].seq'],
    [`{"client_id":"bad-num","commands":[${base},"seq":9223372036854775808,"at":1}]}`, 'commands[0].seq'],
    [`{"client_id":"bad-num","commands":[${base},"seq":-1,"at":1}]}`, 'commands[0].seq'],
    [`{"client_id":"bad-num","commands":[${base},"seq":1.5,"at":1}]}`, 'commands[0].seq'],
    [`{"client_id":"bad-num","commands":[${base},"seq":1,"at":1e308}]}`, 'commands[0].at'],
    [`{"client_id":5,"commands":[]}`, 'client_id'],
    [`{"client_id":"bad-num","commands":{}}`, 'commands'],
    [`{"client_id":"bad-num","commands":[${base},"seq":"1","at":1}]}`, 'commands[0].seq'],
    [`{"client_id":"bad-num","commands":[{"id":"c1","client_id":"bad-num","seq":1,"kind":"activity.log","at":1,"payload":"E-num"}]}`, 'commands[0].payload'],
    [`{"client_id":"bad-num","commands":[7]}`, 'commands[0]'],
    ['null', ''], ['[]', ''], ['"text"', ''], ['', ''],
  ];
  for (const [body, field] of cases) {
    const r = await postRaw(rep, '/api/v1/sync/push', Buffer.from(body));
    assert.equal(r.status, 400, body);
    assert.equal(r.body.error.field, field, body);
  }
  await assertAliveAndUnchanged(cursor);
  const p = await rep.pull({ client_id: 'bad-num' });
  assert.equal(p.body.client.last_seq, 0);
});

test('bad payloads and unknown kinds are rejected one by one; the rest of the batch applies whole', async () => {
  const cmd = commandMaker('bad-payloads');
  const acct = d1Account.id;
  const commands = [
    cmd('telegram.send', { id: 'x' }),
    cmd('activity.log', { id: 'E-ok-1', account_id: acct, type: 'note', at: now() }),
    cmd('activity.log', { id: 'E-amt', account_id: acct, type: 'purchase', at: now(), amount: 1e30 }),
    cmd('activity.log', { id: 'E-type', account_id: acct, type: 'carrier_pigeon', at: now() }),
    cmd('activity.log', { id: 'E-ms', account_id: acct, type: 'note', at: Date.now() }),
    cmd('account.put', { id: 'A-bad id!', dealer_id: 'D1', name: 'x' }),
    cmd('account.put', { id: 'A-extra', dealer_id: 'D1', name: 'x', colour: 'red' }),
    cmd('lead.put', { id: 'L-score', account_id: acct, product_category: 'vans', dealer_id: 'D1', created_at: now(), score: 1e300 }),
    cmd('activity.log', { id: 'E-ok-2', account_id: acct, type: 'note', at: now() }),
  ];
  // 1e300 is a double but far out of a score's range; JSON.stringify keeps it.
  const text = JSON.stringify({ client_id: 'bad-payloads', commands });
  const r = await postRaw(rep, '/api/v1/sync/push', Buffer.from(text));
  assert.equal(r.status, 200);
  const statuses = r.body.results.map((x) => x.status);
  assert.deepEqual(statuses, ['rejected', 'applied', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'rejected', 'applied']);
  assert.equal(r.body.results[0].error.code, 'unknown_command');
  assert.equal(r.body.last_seq, 9);
  const all = byTable((await rep.pullAll({ limit: 10000 })).changes);
  assert.ok(all.get('activities').has('E-ok-1') && all.get('activities').has('E-ok-2'));
  for (const id of ['E-amt', 'E-type', 'E-ms']) assert.ok(!all.get('activities').has(id), id);
  assert.ok(!all.get('accounts').has('A-extra'));
  assert.ok(!all.get('leads')?.has('L-score'));
});

test('bad query parameters on pull are refused, not guessed', async () => {
  for (const q of ['cursor=-1', 'cursor=abc', 'cursor=1e5', 'limit=0', 'limit=-5', 'limit=x',
    'cursor=99999999999999999999999', 'client_id=%FF%FE', 'client_id=a%00b', 'client_id=' + 'x'.repeat(65),
    'client_id=a%22b']) {
    const r = await rep.call('GET', '/api/v1/sync/pull?' + q);
    assert.equal(r.status, 400, q);
  }
  const huge = await rep.call('GET', '/api/v1/sync/pull?limit=999999999');
  assert.equal(huge.status, 200);
  assert.ok(huge.body.changes.length <= 10000);
});
