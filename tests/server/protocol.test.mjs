// The sync protocol end to end against the real binary (docs/sync-protocol.md): sign-in,
// exactly-once push, paged pull by cursor, merge rules, and all-or-nothing batches.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { startForecourt, client, commandMaker, now, byTable, storeName } from './harness.mjs';

let server, anon, rep, central, d1Account, d2Account;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 3, env: { FORECOURT_FAULT_RECORD_ID: 'E-fault' } });
  anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  central = await anon.login('network-a', 'C-1');
  const all = byTable((await central.pullAll({ limit: 5000 })).changes);
  d1Account = [...all.get('accounts').values()].find((a) => a.dealer_id === 'D1');
  d2Account = [...all.get('accounts').values()].find((a) => a.dealer_id === 'D2');
});
after(async () => { await server?.stop(); });

const activity = (id, account, extra = {}) =>
  ({ id, account_id: account.id, type: 'inbound_call', at: now(), ...extra });

test(`health names the store (${storeName})`, async () => {
  const r = await anon.call('GET', '/api/v1/health');
  assert.equal(r.status, 200);
  assert.deepEqual(r.body, { status: 'ok', store: storeName });
});

test('login gives a token and the user; a wrong password, user or tenant gives the same 401', async () => {
  const ok = await anon.call('POST', '/api/v1/auth/login',
    { tenant: 'network-a', user: 'D1-M', password: 'forecourt-demo' });
  assert.equal(ok.status, 200);
  assert.match(ok.body.token, /^[0-9a-f]{64}$/);
  assert.equal(ok.body.user.role, 'manager');
  assert.equal(ok.body.user.dealer_id, 'D1');
  assert.ok(ok.body.expires_at > now());
  for (const body of [
    { tenant: 'network-a', user: 'D1-M', password: 'wrong' },
    { tenant: 'network-a', user: 'nobody', password: 'forecourt-demo' },
    { tenant: 'network-z', user: 'D1-M', password: 'forecourt-demo' }]) {
    const r = await anon.call('POST', '/api/v1/auth/login', body);
    assert.equal(r.status, 401);
    assert.equal(r.body.error.code, 'invalid_credentials');
  }
  const missing = await anon.call('POST', '/api/v1/auth/login', { tenant: 'network-a', user: 'D1-M' });
  assert.equal(missing.status, 400);
  assert.equal(missing.body.error.field, 'password');
});

test('a missing, malformed or unknown token is 401 on every authenticated endpoint', async () => {
  for (const token of ['', 'not-a-token', 'f'.repeat(64)]) {
    const c = client(server.url, token);
    assert.equal((await c.pull()).status, 401);
    assert.equal((await c.push('x', [])).status, 401);
    assert.equal((await c.call('POST', '/api/v1/auth/logout')).status, 401);
  }
});

test('logout revokes the token at once', async () => {
  const c = await anon.login('network-a', 'D1-R2');
  assert.equal((await c.pull({ limit: 1 })).status, 200);
  const out = await c.call('POST', '/api/v1/auth/logout');
  assert.equal(out.status, 200);
  const after = await c.pull({ limit: 1 });
  assert.equal(after.status, 401);
  assert.equal(after.body.error.code, 'unauthorized');
});

test('a retried batch is applied once: seen numbers come back already_applied', async () => {
  const cmd = commandMaker('proto-retry');
  const batch = [cmd('activity.log', activity('E-retry-1', d1Account)),
    cmd('activity.log', activity('E-retry-2', d1Account))];
  const first = await rep.push('proto-retry', batch);
  assert.equal(first.status, 200);
  assert.deepEqual(first.body.results.map((r) => r.status), ['applied', 'applied']);
  assert.equal(first.body.last_seq, 2);
  const second = await rep.push('proto-retry', batch);
  assert.deepEqual(second.body.results.map((r) => r.status), ['already_applied', 'already_applied']);
  assert.equal(second.body.last_seq, 2);
  // The retry changed nothing: the tenant version did not move.
  assert.equal(second.body.cursor, first.body.cursor);
});

test('a record changed by several commands of one batch is stored once, in its last form', async () => {
  const start = (await rep.pull({ client_id: 'proto-many', limit: 1 })).body;
  const cursor = (await rep.pullAll({ cursor: start.cursor })).cursor;
  const cmd = commandMaker('proto-many');
  const contact = { id: 'X-many-1', account_id: d1Account.id, email: 'vera@example.com' };
  const r = await rep.push('proto-many', [
    cmd('contact.put', { ...contact, name: 'Vera' }),
    cmd('activity.log', activity('E-many-1', d1Account)),
    cmd('contact.put', { ...contact, name: 'Vera Đorđević' }),
    cmd('contact.put', { ...contact, name: 'Vera Đorđević-Müller' })]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.results.map((x) => x.status), ['applied', 'applied', 'applied', 'applied']);
  const p = await rep.pullAll({ cursor, client_id: 'proto-many' });
  const mine = p.changes.filter((c) => c.record.id === 'X-many-1');
  assert.equal(mine.length, 1);
  assert.equal(mine[0].record.name, 'Vera Đorđević-Müller');
  assert.ok(p.changes.some((c) => c.record.id === 'E-many-1'));
  assert.equal(p.last.client.last_seq, 4);
  assert.equal(p.cursor, r.body.cursor);
});

test('a gap is refused and advances nothing; the missing command fills it', async () => {
  const cmd = commandMaker('proto-gap');
  const c1 = cmd('activity.log', activity('E-gap-1', d1Account));
  const c2 = cmd('activity.log', activity('E-gap-2', d1Account));
  const c3 = cmd('activity.log', activity('E-gap-3', d1Account));
  const r = await rep.push('proto-gap', [c1, c3]);
  assert.equal(r.status, 200);
  assert.equal(r.body.results[0].status, 'applied');
  assert.equal(r.body.results[1].status, 'out_of_order');
  assert.equal(r.body.results[1].expected_seq, 2);
  assert.equal(r.body.last_seq, 1);
  const fill = await rep.push('proto-gap', [c2, c3]);
  assert.deepEqual(fill.body.results.map((x) => x.status), ['applied', 'applied']);
  assert.equal(fill.body.last_seq, 3);
});

test('a batch sent before the answer to the one it follows is applied after it, whichever arrives first', async () => {
  const cmd = commandMaker('proto-pipelined');
  const [c1, c2, c3, c4] = [1, 2, 3, 4].map((i) => cmd('activity.log', activity(`E-pipe-${i}`, d1Account)));
  // The later batch reaches the server first (a browser keeps two batches on the wire, on two
  // connections, so they can arrive in either order).
  const later = rep.push('proto-pipelined', [c3, c4]);
  await new Promise((r) => setTimeout(r, 200));
  const earlier = await rep.push('proto-pipelined', [c1, c2]);
  assert.deepEqual(earlier.body.results.map((x) => x.status), ['applied', 'applied']);
  const second = await later;
  assert.deepEqual(second.body.results.map((x) => x.status), ['applied', 'applied']);
  assert.equal(second.body.last_seq, 4);
  const p = await rep.pullAll({ cursor: '0', client_id: 'proto-pipelined' });
  assert.equal(p.last.client.last_seq, 4);
  assert.equal(p.changes.filter((c) => /^E-pipe-/.test(c.record.id)).length, 4);
});

test('a batch whose earlier one never comes is answered out_of_order (after a short wait for it)', async () => {
  const cmd = commandMaker('proto-never');
  cmd('activity.log', activity('E-never-1', d1Account));  // seq 1, never sent
  const c2 = cmd('activity.log', activity('E-never-2', d1Account));
  const r = await rep.push('proto-never', [c2]);
  assert.equal(r.status, 200);
  assert.equal(r.body.results[0].status, 'out_of_order');
  assert.equal(r.body.results[0].expected_seq, 1);
  assert.equal(r.body.last_seq, 0);
});

test('a user gets at most four batches waiting for earlier ones: more are answered out_of_order at once', async () => {
  const started = Date.now();
  const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(async (n) => {
    const cmd = commandMaker(`proto-flood-${n}`, 2);  // seq 1 of each client never comes
    const r = await rep.push(`proto-flood-${n}`, [cmd('activity.log', activity(`E-flood-${n}`, d1Account))]);
    return { status: r.body.results[0].status, ms: Date.now() - started };
  }));
  assert.deepEqual(answers.map((a) => a.status), Array(6).fill('out_of_order'));
  const waited = answers.filter((a) => a.ms >= 1500).length;
  assert.equal(waited, 4, `answer times: ${answers.map((a) => a.ms).join(', ')} ms`);
});

test('a permanently rejected command advances the number and shows in the next pull', async () => {
  const start = (await rep.pull({ client_id: 'proto-reject', limit: 1 })).body;
  const cursor = (await rep.pullAll({ cursor: start.cursor })).cursor;
  const cmd = commandMaker('proto-reject');
  const bad = cmd('contact.put', { id: 'X-bad-1', account_id: d1Account.id, name: 'Bad', email: 'no-at-sign' });
  const good = cmd('activity.log', activity('E-after-reject', d1Account));
  const r = await rep.push('proto-reject', [bad, good]);
  assert.equal(r.body.results[0].status, 'rejected');
  assert.equal(r.body.results[0].error.code, 'invalid_field');
  assert.equal(r.body.results[0].error.field, 'payload.email');
  assert.equal(r.body.results[1].status, 'applied');
  assert.equal(r.body.last_seq, 2);
  const p = await rep.pullAll({ cursor, client_id: 'proto-reject' });
  assert.equal(p.last.client.last_seq, 2);
  const rejections = (await rep.pull({ cursor, client_id: 'proto-reject' })).body.rejections;
  assert.equal(rejections.length, 1);
  assert.equal(rejections[0].seq, 1);
  assert.equal(rejections[0].error.field, 'payload.email');
  assert.ok(p.changes.some((c) => c.record.id === 'E-after-reject'));
  assert.ok(!p.changes.some((c) => c.record.id === 'X-bad-1'));
});

test('a batch that fails in storage commits nothing and advances nothing (transient)', async () => {
  const cmd = commandMaker('proto-fault');
  const ok = cmd('activity.log', activity('E-before-fault', d1Account));
  const faulty = cmd('activity.log', activity('E-fault', d1Account));
  const r = await rep.push('proto-fault', [ok, faulty]);
  assert.equal(r.status, 503);
  assert.equal(r.body.error.code, 'unavailable');
  const p = await rep.pullAll({ client_id: 'proto-fault', limit: 5000 });
  assert.equal(p.last.client.last_seq, 0, 'the failed batch must not advance the client');
  assert.ok(!p.changes.some((c) => c.record.id === 'E-before-fault'),
    'the first command of the failed batch must not be stored');
  // The same first command alone goes through, and its effects are there once.
  const again = await rep.push('proto-fault', [ok]);
  assert.equal(again.body.results[0].status, 'applied');
  const p2 = await rep.pullAll({ client_id: 'proto-fault', limit: 5000 });
  assert.equal(p2.changes.filter((c) => c.record.id === 'E-before-fault').length, 1);
  assert.equal(p2.last.client.last_seq, 1);
});

test('pull pages by cursor: the pages add up to the whole and never repeat a record', async () => {
  const whole = await central.pullAll({ limit: 10000 });
  const paged = await central.pullAll({ limit: 37 });
  assert.ok(paged.pages > 5);
  assert.equal(paged.changes.length, whole.changes.length);
  assert.equal(new Set(paged.changes.map((c) => c.table + '/' + c.record.id)).size, paged.changes.length);
  assert.equal(paged.cursor, whole.cursor);
  const nothing = await central.pull({ cursor: whole.cursor });
  assert.deepEqual(nothing.body.changes, []);
  assert.equal(nothing.body.has_more, false);
  assert.equal(nothing.body.cursor, whole.cursor);
});

test('a change made in the same second as the last pull is in the next pull', async () => {
  // A timestamp cursor would lose this change: it commits in the second the cursor names.
  const cmd = commandMaker('proto-same-second');
  for (let i = 1; i <= 5; i++) {
    const { cursor } = await rep.pullAll();
    await rep.push('proto-same-second', [cmd('activity.log', activity(`E-same-${i}`, d1Account))]);
    const next = await rep.pullAll({ cursor });
    assert.deepEqual(next.changes.map((c) => c.record.id), [`E-same-${i}`]);
  }
});

test('incremental pulls during concurrent pushes see every change exactly once', async () => {
  const writers = [0, 1, 2].map((w) => ({ id: `proto-conc-${w}`, cmd: commandMaker(`proto-conc-${w}`) }));
  let { cursor } = await central.pullAll();
  const seen = new Map();
  let pushing = true;
  const pusher = (async () => {
    for (let round = 0; round < 15; round++) {
      await Promise.all(writers.map((w) => rep.push(w.id, [1, 2, 3].map((k) =>
        w.cmd('activity.log', activity(`E-conc-${w.id}-${round}-${k}`, d1Account))))));
    }
    pushing = false;
  })();
  while (pushing) {
    const r = await central.pullAll({ cursor, limit: 7 });
    for (const c of r.changes) seen.set(c.record.id, (seen.get(c.record.id) || 0) + 1);
    cursor = r.cursor;
  }
  await pusher;
  const r = await central.pullAll({ cursor });
  for (const c of r.changes) seen.set(c.record.id, (seen.get(c.record.id) || 0) + 1);
  const ids = [...seen.keys()].filter((id) => id.startsWith('E-conc-'));
  assert.equal(ids.length, 3 * 15 * 3);
  assert.ok(ids.every((id) => seen.get(id) === 1));
});

// A raw request, so the test sees the encoding on the wire (fetch would decode it).
function rawRequest(path, { method = 'GET', headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = request(new URL(server.url + path), { method, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

test('pull is compressed when the client accepts gzip', async () => {
  const { headers, body } = await rawRequest('/api/v1/sync/pull?limit=500',
    { headers: { Authorization: `Bearer ${central.token}`, 'Accept-Encoding': 'gzip' } });
  assert.equal(headers['content-encoding'], 'gzip');
  const doc = JSON.parse(gunzipSync(body).toString('utf8'));
  assert.equal(doc.changes.length, 500);
});

test('answers to a browser that also accepts br are gzip, never the slow Brotli', async () => {
  // Chromium sends "gzip, deflate, br"; cpp-httplib on its own picks Brotli at its slowest
  // quality for that, which made a 1000-command push answer cost more CPU than the push.
  const browser = { Authorization: `Bearer ${rep.token}`, 'Accept-Encoding': 'gzip, deflate, br',
    'Content-Type': 'application/json' };
  const make = commandMaker('proto-encoding');
  const commands = Array.from({ length: 300 }, (_, i) =>
    make('activity.log', activity(`E-enc-${i}`, d1Account, { note: 'x'.repeat(200) })));
  const push = await rawRequest('/api/v1/sync/push', { method: 'POST', headers: browser,
    body: JSON.stringify({ client_id: 'proto-encoding', commands }) });
  assert.equal(push.status, 200);
  assert.notEqual(push.headers['content-encoding'], 'br');
  const doc = JSON.parse((push.headers['content-encoding'] === 'gzip' ? gunzipSync(push.body) : push.body).toString('utf8'));
  assert.equal(doc.results.length, 300);
  const pull = await rawRequest('/api/v1/sync/pull?limit=500', { headers: browser });
  assert.equal(pull.headers['content-encoding'], 'gzip');
});

test('last writer wins per record by clamped time; a clock far in the future cannot win', async () => {
  const a = commandMaker('proto-lww-a');
  const b = commandMaker('proto-lww-b');
  const acct = { ...d1Account, id: 'A-lww', name: 'Original' };
  await rep.push('proto-lww-a', [a('account.put', acct)]);
  // An older edit arriving late loses, and says so.
  const old = await rep.push('proto-lww-b', [b('account.put', { ...acct, name: 'Older edit' }, { at: now() - 3600 })]);
  assert.equal(old.body.results[0].status, 'applied');
  assert.equal(old.body.results[0].superseded, true);
  // A device ten years ahead is cut back to server time + 5 minutes...
  await rep.push('proto-lww-a', [a('account.put', { ...acct, name: 'Future clock' }, { at: now() + 10 * 365 * 86400 })]);
  // ...so a later edit stamped just past that limit (also clamped: a tie) wins by arriving later.
  const later = await rep.push('proto-lww-b', [b('account.put', { ...acct, name: 'Later edit' }, { at: now() + 400 })]);
  assert.equal(later.body.results[0].status, 'applied');
  assert.equal(later.body.results[0].superseded, undefined);
  const all = byTable((await rep.pullAll()).changes);
  assert.equal(all.get('accounts').get('A-lww').name, 'Later edit');
});

test('activities are append-only: the same id with other content is a conflict', async () => {
  const cmd = commandMaker('proto-append');
  const r = await rep.push('proto-append', [
    cmd('activity.log', activity('E-append', d1Account, { note: 'first' })),
    cmd('activity.log', activity('E-append', d1Account, { note: 'changed' }))]);
  assert.equal(r.body.results[0].status, 'applied');
  assert.equal(r.body.results[1].status, 'rejected');
  assert.equal(r.body.results[1].error.code, 'conflict');
});

test('a client id is bound to its first user: another user gets 403', async () => {
  const cmd = commandMaker('proto-bound');
  assert.equal((await rep.push('proto-bound', [cmd('activity.log', activity('E-bound', d1Account))])).status, 200);
  const other = await anon.login('network-a', 'D1-R2');
  const r = await other.push('proto-bound', [cmd('activity.log', activity('E-bound-2', d1Account))]);
  assert.equal(r.status, 403);
  assert.equal(r.body.error.code, 'client_bound');
  const p = await other.pull({ client_id: 'proto-bound' });
  assert.equal(p.status, 403);
  const otherTenant = await anon.login('network-b', 'D1-R1');
  assert.equal((await otherTenant.push('proto-bound', [])).status, 403);
});

test('malformed envelopes refuse the whole batch with the field named', async () => {
  const cmd = commandMaker('proto-envelope');
  const good = cmd('activity.log', activity('E-envelope-ok', d1Account));
  const cases = [
    [{ client_id: 'proto-envelope', commands: [good, { ...good, seq: 'two' }] }, 'commands[1].seq'],
    [{ client_id: 'proto-envelope', commands: [good, { ...good, seq: 2, client_id: 'other' }] }, 'commands[1].client_id'],
    [{ client_id: 'proto-envelope', commands: [good], extra: 1 }, 'extra'],
    [{ commands: [good] }, 'client_id'],
    [{ client_id: 'sys:capture:x', commands: [] }, 'client_id'],
  ];
  for (const [body, field] of cases) {
    const r = await rep.call('POST', '/api/v1/sync/push', body);
    assert.equal(r.status, 400, JSON.stringify(body));
    assert.equal(r.body.error.field, field);
  }
  const p = await rep.pullAll({ client_id: 'proto-envelope' });
  assert.equal(p.last.client.last_seq, 0);
  assert.ok(!p.changes.some((c) => c.record.id === 'E-envelope-ok'));
});

test('the author is the signed-in user; pushing as someone else is rejected', async () => {
  const cmd = commandMaker('proto-author');
  const r = await rep.push('proto-author', [cmd('activity.log', activity('E-author', d1Account), { author: 'D1-M' })]);
  assert.equal(r.body.results[0].status, 'rejected');
  assert.equal(r.body.results[0].error.field, 'author');
});

test("changing a user's role revokes their tokens", async () => {
  const victim = await anon.login('network-a', 'D2-R2');
  assert.equal((await victim.pull({ limit: 1 })).status, 200);
  const all = byTable((await central.pullAll()).changes);
  const user = all.get('users').get('D2-R2');
  const cmd = commandMaker('proto-role');
  const r = await central.push('proto-role', [cmd('user.put', { ...user, role: 'manager' })]);
  assert.equal(r.body.results[0].status, 'applied');
  assert.equal((await victim.pull({ limit: 1 })).status, 401);
  const again = await anon.login('network-a', 'D2-R2');
  const me = await again.call('POST', '/api/v1/auth/logout');
  assert.equal(me.status, 200);
});

test('unknown endpoints answer JSON 404; GET on a POST endpoint is not a crash', async () => {
  const r = await anon.call('GET', '/api/v1/nope');
  assert.equal(r.status, 404);
  assert.equal(r.body.error.code, 'not_found');
  assert.equal((await anon.call('GET', '/api/v1/sync/push')).status, 404);
  assert.equal((await anon.call('GET', '/api/v1/health')).status, 200);
});

test('the demo snapshot keeps working for the current browser client', async () => {
  const r = await anon.call('GET', '/api/v1/demo/snapshot');
  assert.equal(r.status, 200);
  assert.ok(r.body.accounts.length > 10 && r.body.activities.length > 100);
  assert.ok(r.body.activities.some((a) => a.id === 'E-retry-1'), 'pushed changes show in it');
});

test('the demo snapshot comes in the binary form when asked; an unknown format is refused', async () => {
  const bin = await fetch(server.url + '/api/v1/demo/snapshot?part=inbox&format=binary');
  assert.equal(bin.status, 200);
  assert.equal(bin.headers.get('content-type'), 'application/octet-stream');
  const bytes = Buffer.from(await bin.arrayBuffer());
  assert.equal(bytes.subarray(0, 8).toString('latin1'), 'FCSNAP1\n');
  assert.ok(bytes.includes('accounts') && bytes.includes('leads') && !bytes.includes('activities'));
  // A small book has no first screenful to send ahead: the page waits for the inbox part.
  const top = await fetch(server.url + '/api/v1/demo/snapshot?part=top&format=binary');
  assert.equal(top.status, 204);
  const bad = await anon.call('GET', '/api/v1/demo/snapshot?format=xml');
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'format');
});
