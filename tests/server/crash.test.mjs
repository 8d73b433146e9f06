// An acknowledged command survives kill -9: clients push under load, the server is killed
// mid-stream, restarted on the same store, and every client resends what it had not seen
// acknowledged (as a real outbox does). Every acknowledged command must be there, every command
// exactly once, and each client's last applied number must match what it made.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForecourt, client, commandMaker, now, byTable } from './harness.mjs';

test('kill -9 during a push load loses no acknowledged command and applies none twice', async () => {
  let server = await startForecourt({ demo: 'tiny', seed: 21 });
  const state = server.state;
  try {
    const anon = client(server.url);
    const central = await anon.login('network-a', 'C-1');
    const account = [...byTable((await central.pullAll({ limit: 10000 })).changes).get('accounts').values()][0];
    const writers = [0, 1, 2, 3].map((w) => ({ id: `crash-${w}`, made: [], acked: 0, cmd: commandMaker(`crash-${w}`) }));
    let stop = false;
    const loops = writers.map(async (w) => {
      while (!stop) {
        const batch = Array.from({ length: 10 }, () => {
          const n = w.made.length + 1;
          const c = w.cmd('activity.log', { id: `E-${w.id}-${n}`, account_id: account.id, type: 'note', at: now(), note: `#${n}` });
          w.made.push(c);
          return c;
        });
        try {
          const r = await central.push(w.id, batch);
          if (r.status !== 200) throw new Error(`push ${r.status}`);
          for (const res of r.body.results) assert.ok(['applied', 'already_applied'].includes(res.status), JSON.stringify(res));
          w.acked = r.body.last_seq;
        } catch {
          stop = true;  // the server is gone: this batch's fate is unknown to the client
        }
      }
    });
    while (writers.reduce((n, w) => n + w.acked, 0) < 200) await sleep(20);
    await server.kill9();
    assert.equal(server.proc.signalCode, 'SIGKILL');
    await Promise.all(loops);
    const acked = writers.map((w) => w.acked);

    server = await startForecourt({ demo: 'tiny', seed: 21, state });
    const after = await client(server.url).login('network-a', 'C-1');
    for (const w of writers) {
      const p = await after.pull({ client_id: w.id, cursor: '999999999' });
      const lastSeq = p.body.client.last_seq;
      assert.ok(lastSeq >= w.acked, `${w.id}: acknowledged ${w.acked} but the server kept ${lastSeq}`);
      // The outbox resends everything not acknowledged; what the server had is already_applied.
      const resend = w.made.filter((c) => c.seq > w.acked);
      const r = await after.push(w.id, resend);
      assert.equal(r.status, 200);
      r.body.results.forEach((res) => assert.equal(res.status, res.seq <= lastSeq ? 'already_applied' : 'applied'));
      assert.equal(r.body.last_seq, w.made.length);
    }
    const { changes } = await after.pullAll({ limit: 10000 });
    for (const w of writers) {
      const mine = changes.filter((c) => c.table === 'activities' && c.record.id.startsWith(`E-${w.id}-`));
      assert.equal(mine.length, w.made.length, `${w.id}: every command exactly once`);
      assert.equal(new Set(mine.map((c) => c.record.id)).size, mine.length);
    }
    assert.ok(acked.every((n) => n > 0));
  } finally {
    await server.stop();
  }
});
