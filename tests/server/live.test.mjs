// The poke stream (GET /api/v1/events): a user's open stream is told within a second that
// something it can see changed (a push by a colleague, a web-to-lead capture), and nothing
// when another dealer or another tenant changes. Without a valid token there is no stream;
// a user or a process with too many streams gets a clear error, and a closed stream frees
// its slot.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForecourt, client, commandMaker, now, byTable } from './harness.mjs';
import { openEvents } from './events_client.mjs';

let server, anon, users, d1Account, d2Account;
const streams = [];
const open = async (who) => { const s = await openEvents(server.url, who.token); streams.push(s); return s; };

before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 31,
    args: ['--events-heartbeat', '1', '--max-streams-per-user', '3'] });
  anon = client(server.url);
  users = {
    r1: await anon.login('network-a', 'D1-R1'),
    r2: await anon.login('network-a', 'D1-R2'),
    d2: await anon.login('network-a', 'D2-R1'),
    central: await anon.login('network-a', 'C-1'),
    other: await anon.login('network-b', 'D1-R1'),
    limited: await anon.login('network-a', 'D2-R2'),
  };
  const accounts = [...byTable((await users.central.pullAll({ limit: 10000 })).changes).get('accounts').values()];
  d1Account = accounts.find((a) => a.dealer_id === 'D1');
  d2Account = accounts.find((a) => a.dealer_id === 'D2');
});
after(async () => {
  streams.forEach((s) => s.close());
  await server?.stop();
});

test('no stream without a valid token', async () => {
  const none = await openEvents(server.url, '');
  assert.equal(none.status, 401);
  assert.equal(none.body.error.code, 'unauthorized');
  const bad = await openEvents(server.url, 'f'.repeat(64));
  assert.equal(bad.status, 401);
});

test('a push pokes the users of that dealer within a second, and nobody else', async () => {
  const [r1, d2, central, other] = [await open(users.r1), await open(users.d2),
    await open(users.central), await open(users.other)];
  for (const s of [r1, d2, central, other]) {
    assert.equal(s.status, 200);
    assert.match(s.headers.get('content-type'), /^text\/event-stream/);
    assert.ok(await s.next((e) => e.event === 'hello'), 'hello first');
  }
  const cmd = commandMaker('live-r2');
  const sent = Date.now();
  const r = await users.r2.push('live-r2', [cmd('activity.log', { id: 'E-live-1', account_id: d1Account.id,
    type: 'inbound_call', at: now(), note: 'Asked for a quote' })]);
  assert.equal(r.status, 200);
  assert.equal(r.body.results[0].status, 'applied');
  const poke = await r1.next((e) => e.event === 'poke', 1000);
  assert.ok(poke, 'the colleague of the same dealer is poked');
  assert.ok(poke.at - sent < 1000);
  assert.equal(poke.data.version, r.body.cursor, 'the poke names the tenant version to pull to');
  assert.ok(await central.next((e) => e.event === 'poke', 1000), 'central sees every dealer');
  // Heartbeats keep coming on the others (one a second here), but no poke.
  assert.ok(await d2.next((e) => e.event === 'heartbeat', 2500));
  assert.ok(await other.next((e) => e.event === 'heartbeat', 2500));
  assert.equal(d2.pokes().length, 0, 'another dealer is not poked');
  assert.equal(other.pokes().length, 0, 'another tenant is not poked');

  // And the other way round: a D2 change pokes D2, not D1.
  const cmd2 = commandMaker('live-d2');
  const r2 = await users.d2.push('live-d2', [cmd2('activity.log', { id: 'E-live-2', account_id: d2Account.id,
    type: 'inbound_call', at: now() })]);
  assert.equal(r2.status, 200);
  assert.ok(await d2.next((e) => e.event === 'poke', 1000));
  assert.equal(await r1.next((e) => e.event === 'poke', 1200), null, 'D1 is not poked for D2');
  [r1, d2, central, other].forEach((s) => s.close());
});

test('a web-to-lead capture pokes the receiving dealer\'s users within a second', async () => {
  const r1 = await open(users.r1);
  const d2 = await open(users.d2);
  await r1.next((e) => e.event === 'hello');
  await d2.next((e) => e.event === 'hello');
  const sent = Date.now();
  const c = await anon.call('POST', '/api/v1/capture/demo-a-d1', { name: 'Mira Live', email: 'mira@example.com',
    product_category: 'vans', message: 'Call me today' });
  assert.equal(c.status, 201);
  const poke = await r1.next((e) => e.event === 'poke', 1000);
  assert.ok(poke, 'the rep is poked');
  assert.ok(poke.at - sent < 1000);
  const pulled = byTable((await users.r1.pullAll({ limit: 10000 })).changes);
  assert.ok(pulled.get('activities').has(c.body.activity_id), 'and the pull it triggers has the lead');
  await sleep(300);
  assert.equal(d2.pokes().length, 0);
  r1.close();
  d2.close();
});

test('too many streams of one user is a clear 429; a closed stream frees its slot', async () => {
  const mine = [];
  for (let i = 0; i < 3; i++) {
    const s = await open(users.limited);
    assert.equal(s.status, 200);
    mine.push(s);
  }
  const fourth = await openEvents(server.url, users.limited.token);
  assert.equal(fourth.status, 429);
  assert.equal(fourth.body.error.code, 'too_many_streams');
  assert.ok(fourth.headers.get('retry-after'));
  // The client goes away; the server notices at its next write (the heartbeat) and lets go.
  mine[0].close();
  let again = null;
  for (let i = 0; i < 30 && !(again && again.status === 200); i++) {
    await sleep(200);
    again = await openEvents(server.url, users.limited.token);
    streams.push(again);
  }
  assert.equal(again.status, 200, 'the dead stream\'s slot was given back');
  mine.forEach((s) => s.close());
});

test('a full process answers 503 streams_full, and other requests are still served', async () => {
  const small = await startForecourt({ demo: 'tiny', seed: 32,
    args: ['--events-heartbeat', '1', '--max-streams', '4', '--max-streams-per-user', '8', '--threads', '2'] });
  const opened = [];
  try {
    const rep = await client(small.url).login('network-a', 'D1-R1');
    for (let i = 0; i < 4; i++) {
      const s = await openEvents(small.url, rep.token);
      assert.equal(s.status, 200);
      opened.push(s);
    }
    const over = await openEvents(small.url, rep.token);
    assert.equal(over.status, 503);
    assert.equal(over.body.error.code, 'streams_full');
    // Four streams hold four threads; the pool started more, so a pull is not stuck behind them.
    const p = await rep.pull({ cursor: '0', limit: 1 });
    assert.equal(p.status, 200);
  } finally {
    opened.forEach((s) => s.close());
    await small.stop();
  }
});
