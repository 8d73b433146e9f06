// Several server processes behind one PostgreSQL (only run against PostgreSQL): a capture
// through server A pokes a stream on server B (LISTEN/NOTIFY); concurrent pushes through both
// leave a gap-free cursor (a client pulling all along sees every change exactly once, the same
// as a full pull); and kill -9 of one process under load costs only its open connections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForecourt, client, commandMaker, now, byTable, storeName, cleanup } from './harness.mjs';
import { openEvents } from './events_client.mjs';

const skip = storeName !== 'postgresql' && 'needs PostgreSQL (scripts/test_server.sh postgresql)';
let a, b, state, account;
const args = ['--events-heartbeat', '1'];

before(async () => {
  if (skip) return;
  a = await startForecourt({ demo: 'tiny', seed: 41, args });
  state = a.state;
  b = await startForecourt({ demo: 'tiny', seed: 41, state, args });
  const central = await client(a.url).login('network-a', 'C-1');
  account = [...byTable((await central.pullAll({ limit: 10000 })).changes).get('accounts').values()]
    .find((x) => x.dealer_id === 'D1');
});
after(async () => {
  if (skip) return;
  await a?.stop({ keep: true });
  await b?.stop({ keep: true });
  cleanup(state);
});

test('a capture through server A pokes a stream on server B within a second', { skip }, async () => {
  const rep = await client(b.url).login('network-a', 'D1-R1');
  const other = await client(b.url).login('network-a', 'D2-R1');
  const s = await openEvents(b.url, rep.token);
  const o = await openEvents(b.url, other.token);
  try {
    assert.ok(await s.next((e) => e.event === 'hello'));
    const sent = Date.now();
    const c = await client(a.url).call('POST', '/api/v1/capture/demo-a-d1', { name: 'Cross Server',
      email: 'cross@example.com', message: 'Via A' });
    assert.equal(c.status, 201);
    const poke = await s.next((e) => e.event === 'poke', 1000);
    assert.ok(poke, 'poked on B');
    assert.ok(poke.at - sent < 1000);
    const got = byTable((await rep.pullAll({ limit: 10000 })).changes);
    assert.ok(got.get('activities').has(c.body.activity_id), 'and B serves the lead');
    await sleep(300);
    assert.equal(o.pokes().length, 0, 'another dealer on B is not poked');
  } finally {
    s.close();
    o.close();
  }
});

// Pushing clients (central users' outboxes), `writersPerServer` on each server.
async function writersOn(servers, writersPerServer, tag) {
  const writers = [];
  for (const [i, srv] of servers.entries()) {
    const c = await client(srv.url).login('network-a', 'C-1');
    for (let w = 0; w < writersPerServer; w++) {
      const id = `${tag}-${i}-${w}`;
      writers.push({ id, c, srv, cmd: commandMaker(id), made: [], acked: 0 });
    }
  }
  return writers;
}

test('concurrent pushes through two servers: a pulling client sees every change exactly once', { skip }, async () => {
  const writers = await writersOn([a, b], 2, 'gap');
  const reader = await client(b.url).login('network-a', 'C-1');
  let cursor = (await reader.pullAll({ limit: 10000 })).cursor;
  const seen = [];
  let writing = true;
  const pulling = (async () => {
    while (writing) {
      const r = await reader.pullAll({ cursor, limit: 7 });  // small pages: many cursor steps
      seen.push(...r.changes);
      cursor = r.cursor;
    }
  })();
  await Promise.all(writers.map(async (w) => {
    for (let n = 0; n < 8; n++) {
      const batch = Array.from({ length: 5 }, (_, k) => w.cmd('activity.log', { id: `E-${w.id}-${n}-${k}`,
        account_id: account.id, type: 'note', at: now(), note: `${w.id} ${n}/${k}` }));
      const r = await w.c.push(w.id, batch);
      assert.equal(r.status, 200);
      r.body.results.forEach((x) => assert.equal(x.status, 'applied'));
      w.made.push(...batch);
    }
  }));
  writing = false;
  await pulling;
  const last = await reader.pullAll({ cursor, limit: 10000 });
  seen.push(...last.changes);
  const mine = seen.filter((c) => c.table === 'activities' && c.record.id.startsWith('E-gap-'));
  const ids = mine.map((c) => c.record.id);
  assert.equal(new Set(ids).size, ids.length, 'no change seen twice');
  const expected = writers.flatMap((w) => w.made.map((c) => c.payload.id)).sort();
  assert.deepEqual([...ids].sort(), expected, 'every change seen: no gap in the cursor');
  const full = byTable((await client(a.url).login('network-a', 'C-1').then((c) => c.pullAll({ limit: 10000 }))).changes);
  for (const id of expected) assert.ok(full.get('activities').has(id));
});

test('kill -9 of one server under load: the other keeps serving and nothing acknowledged is lost', { skip }, async () => {
  const writers = await writersOn([a, b], 2, 'kill');
  const stream = await openEvents(b.url, (await client(b.url).login('network-a', 'D1-R1')).token);
  assert.ok(await stream.next((e) => e.event === 'hello'));
  let stop = false;
  const bFailures = [];
  const loops = writers.map(async (w) => {
    while (!stop) {
      const batch = Array.from({ length: 5 }, () => {
        const n = w.made.length + 1;
        const c = w.cmd('activity.log', { id: `E-${w.id}-${n}`, account_id: account.id, type: 'note', at: now() });
        w.made.push(c);
        return c;
      });
      try {
        const r = await w.c.push(w.id, batch);
        if (r.status !== 200) throw new Error(`push ${r.status}`);
        w.acked = r.body.last_seq;
      } catch (e) {
        if (w.srv === b) bFailures.push(e.message);
        // This server is gone: the client moves to the other one with the same outbox.
        w.srv = b;
        w.c = await client(b.url).login('network-a', 'C-1');
        const r = await w.c.push(w.id, w.made.filter((c) => c.seq > w.acked));
        assert.equal(r.status, 200);
        w.acked = r.body.last_seq;
      }
    }
  });
  while (writers.reduce((n, x) => n + x.acked, 0) < 150) await sleep(20);
  await a.kill9();
  const after = writers.reduce((n, x) => n + x.acked, 0);
  while (writers.reduce((n, x) => n + x.acked, 0) < after + 100) await sleep(20);
  stop = true;
  await Promise.all(loops);
  assert.deepEqual(bFailures, [], 'server B never failed a request');
  assert.ok(stream.pokes().length > 0 && !stream.ended, 'B\'s stream stayed open and kept being poked');
  stream.close();
  const reader = await client(b.url).login('network-a', 'C-1');
  const { changes } = await reader.pullAll({ limit: 10000 });
  for (const w of writers) {
    const p = await reader.pull({ client_id: w.id, cursor: '999999999' });
    assert.equal(p.body.client.last_seq, w.made.length, `${w.id}: every command applied`);
    const got = changes.filter((c) => c.table === 'activities' && c.record.id.startsWith(`E-${w.id}-`));
    assert.equal(got.length, w.made.length, `${w.id}: each exactly once`);
  }
});
