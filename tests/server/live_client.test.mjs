// The browser's live client (web/live.js) against the real server, in Node (same fetch
// streaming API): it hears a poke, survives the server being killed and restarted (reconnect
// with backoff), and its backoff waits are fully jittered and capped.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForecourt, client, commandMaker, now, byTable } from './harness.mjs';
import { connectLive, backoffDelay, eventParser } from '../../web/live.js';

const freePort = () => new Promise((resolve) => {
  const s = net.createServer().listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => resolve(p)); });
});

test('backoff: a random wait below min(cap, base * 2^attempt), never the same for everyone', () => {
  for (let attempt = 0; attempt < 12; attempt++) {
    const ceiling = Math.min(60000, 1000 * 2 ** attempt);
    const waits = Array.from({ length: 200 }, () => backoffDelay(attempt));
    assert.ok(waits.every((w) => w >= 0 && w < ceiling), `attempt ${attempt}`);
    assert.ok(new Set(waits).size > 50, 'spread out, not one instant');
  }
  assert.equal(backoffDelay(30, { random: () => 0.999999 }), 59999, 'capped at a minute');
});

test('the event parser handles events split across chunks and CRLF line ends', () => {
  const got = [];
  const feed = eventParser((e) => got.push(e));
  feed('retry: 3000\r\nevent: hel');
  feed('lo\r\ndata: {"version":"4"}\r\n\r\n: heartbeat\n\nevent: poke\ndata: {"vers');
  feed('ion":"9"}\n\n');
  assert.deepEqual(got, [{ event: 'hello', data: { version: '4' } }, { event: 'heartbeat', data: null },
    { event: 'poke', data: { version: '9' } }]);
});

test('the client is poked, and reconnects by itself after the server is killed and restarted', async () => {
  const port = await freePort();
  const args = ['--port', String(port), '--events-heartbeat', '1'];
  let server = await startForecourt({ demo: 'tiny', seed: 51, args });
  const state = server.state;
  const pokes = [], states = [];
  let live;
  try {
    const base = `http://127.0.0.1:${port}`;
    const rep = await client(base).login('network-a', 'D1-R1');
    const colleague = await client(base).login('network-a', 'D1-R2');
    live = connectLive({ apiBase: base, getToken: () => rep.token, onPoke: (p) => pokes.push(p),
      onState: (s) => states.push(s.state), baseDelayMs: 100, maxDelayMs: 400 });
    const waitFor = async (pred, ms = 3000) => {
      for (const t0 = Date.now(); Date.now() - t0 < ms; await sleep(20)) if (pred()) return true;
      return false;
    };
    assert.ok(await waitFor(() => pokes.some((p) => p.reason === 'connected')));
    const account = [...byTable((await colleague.pullAll({ limit: 10000 })).changes).get('accounts').values()]
      .find((a) => a.dealer_id === 'D1');
    const cmd = commandMaker('live-client-1');
    await colleague.push('live-client-1', [cmd('activity.log', { id: 'E-lc-1', account_id: account.id, type: 'note', at: now() })]);
    assert.ok(await waitFor(() => pokes.some((p) => p.reason === 'changed')), 'poked after the push');

    await server.kill9();
    assert.ok(await waitFor(() => states.includes('reconnecting')), 'notices the lost stream');
    const connectedBefore = pokes.filter((p) => p.reason === 'connected').length;
    server = await startForecourt({ demo: 'tiny', seed: 51, state, args });
    // The token survived (sessions are in the store); the client comes back on its own.
    assert.ok(await waitFor(() => pokes.filter((p) => p.reason === 'connected').length > connectedBefore, 5000),
      'reconnected and told to pull');
  } finally {
    live?.close();
    await server.stop();
  }
});
