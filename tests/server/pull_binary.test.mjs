// Pull in the binary form (docs/sync-protocol.md, "Pull changes": format=binary): the same
// page as the JSON one, run by run in the same order, with the same cursor, client and
// rejections after it; JSON stays the default; the same sign-in and scope as every pull.
// Records are read back field by field by core's unit tests (test_pull_page.cpp) and by the
// browser, which pulls binary pages (tests/browser/sync*.test.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, commandMaker, byTable } from './harness.mjs';

let server, anon, rep, central;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 5 });
  anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  central = await anon.login('network-a', 'C-1');
});
after(async () => { await server?.stop(); });

async function binaryPull(who, params) {
  const q = new URLSearchParams({ ...params, format: 'binary' }).toString();
  const res = await fetch(`${server.url}/api/v1/sync/pull?${q}`, { headers: { Authorization: `Bearer ${who.token}` } });
  return { status: res.status, type: res.headers.get('content-type'), bytes: new Uint8Array(await res.arrayBuffer()) };
}

// The framing of a binary page: runs of {table, deleted, fields, count, body}, then the tail
// JSON. Tombstone and JSON runs are decoded (ids, texts); record runs only framed.
function decode(bytes) {
  let at = 0;
  const varint = () => {
    let v = 0, shift = 0;
    for (;;) {
      const b = bytes[at++];
      v += (b & 0x7f) * 2 ** shift;
      if (!(b & 0x80)) return v;
      shift += 7;
    }
  };
  const text = (b) => new TextDecoder().decode(b);
  const str = () => { const n = varint(); const s = bytes.subarray(at, at + n); at += n; return s; };
  assert.equal(text(bytes.subarray(0, 8)), 'FCPULL1\n');
  at = 8;
  const runs = [];
  for (let n = varint(); n > 0; --n) {
    const run = { table: text(str()), deleted: bytes[at++] === 1, fields: text(str()), count: varint() };
    const body = str();
    if (run.deleted || run.fields === 'json') {
      const saved = [bytes, at];
      bytes = body; at = 0;
      run.values = Array.from({ length: run.count }, () => text(str()));
      [bytes, at] = saved;
    }
    runs.push(run);
  }
  return { runs, tail: JSON.parse(text(bytes.subarray(at))) };
}

// A JSON page's changes as runs (consecutive changes of one table and kind).
function runsOf(changes) {
  const runs = [];
  for (const c of changes) {
    const last = runs[runs.length - 1];
    if (last && last.table === c.table && last.deleted === !!c.deleted) last.count++;
    else runs.push({ table: c.table, deleted: !!c.deleted, count: 1 });
  }
  return runs;
}

test('a binary page holds the JSON page\'s changes in the same order, and the same cursor', async () => {
  for (const [who, limit] of [[central, 10000], [rep, 10000], [central, 37]]) {
    const json = await who.pull({ limit });
    const bin = await binaryPull(who, { limit });
    assert.equal(bin.status, 200);
    assert.equal(bin.type, 'application/octet-stream');
    const page = decode(bin.bytes);
    assert.deepEqual(page.runs.map(({ table, deleted, count }) => ({ table, deleted, count })), runsOf(json.body.changes));
    assert.deepEqual(page.tail, { cursor: json.body.cursor, has_more: json.body.has_more });
    // Records carry this build's field lists; the rule documents travel as their JSON.
    const rules = page.runs.find((r) => r.table === 'scoring_rules');
    if (rules) {
      assert.equal(rules.fields, 'json');
      assert.deepEqual(rules.values.map((v) => JSON.parse(v)),
        json.body.changes.filter((c) => c.table === 'scoring_rules').map((c) => c.record));
    }
    const accounts = page.runs.find((r) => r.table === 'accounts');
    assert.match(accounts.fields, /^id,dealer_id,name,/);
  }
});

test('a rep\'s binary pull sees only what the JSON one shows the rep', async () => {
  const json = byTable((await rep.pullAll({ limit: 10000 })).changes);
  const page = decode((await binaryPull(rep, { limit: 10000 })).bytes);
  const counts = {};
  for (const r of page.runs) counts[r.table] = (counts[r.table] || 0) + r.count;
  for (const [table, records] of json) assert.equal(counts[table], records.size, table);
  const everything = decode((await binaryPull(central, { limit: 10000 })).bytes);
  const all = everything.runs.reduce((n, r) => n + r.count, 0);
  assert.ok(all > page.runs.reduce((n, r) => n + r.count, 0), 'central sees more than one dealer\'s rep');
});

test('a deleted task is a tombstone run of its id; the client\'s last seq and rejections follow the changes', async () => {
  const from = (await rep.pullAll()).cursor;
  const tasks = byTable((await rep.pullAll({ limit: 10000 })).changes).get('tasks');
  const task = [...tasks.values()].find((t) => t.state === 'open');
  const make = commandMaker('bin-del');
  const r = await rep.push('bin-del', [make('task.delete', { id: task.id }),
    make('task.delete', { id: 'no-such-task' })]);
  assert.equal(r.body.results[0].status, 'applied', JSON.stringify(r.body));
  assert.equal(r.body.results[1].status, 'rejected');
  const page = decode((await binaryPull(rep, { cursor: from, client_id: 'bin-del' })).bytes);
  assert.deepEqual(page.runs.map(({ table, deleted, fields, values }) => ({ table, deleted, fields, values })),
    [{ table: 'tasks', deleted: true, fields: 'id', values: [task.id] }]);
  const json = (await rep.pull({ cursor: from, client_id: 'bin-del' })).body;
  assert.equal(page.tail.client.last_seq, 2);
  assert.equal(page.tail.rejections[0].error.code, 'not_found');
  assert.deepEqual(page.tail, { cursor: json.cursor, has_more: json.has_more, client: json.client, rejections: json.rejections });
});

test('binary pull: JSON is the default, an unknown format is refused by name, a token is needed', async () => {
  const plain = await central.pull({ limit: 1 });
  assert.ok(Array.isArray(plain.body.changes));
  const bad = await central.pull({ limit: 1, format: 'xml' });
  assert.equal(bad.status, 400);
  assert.equal(bad.body.error.field, 'format');
  assert.equal(bad.body.error.message, 'format must be json or binary');
  assert.equal((await anon.pull({ format: 'binary' })).status, 401);
});

test('a binary page is gzipped for a client that accepts it', async () => {
  const res = await fetch(`${server.url}/api/v1/sync/pull?limit=500&format=binary`, {
    headers: { Authorization: `Bearer ${central.token}`, 'Accept-Encoding': 'gzip' } });
  assert.equal(res.headers.get('content-encoding'), 'gzip');
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  // fetch unpacks it: what arrives is the page
  const page = decode(new Uint8Array(await res.arrayBuffer()));
  assert.equal(page.runs.reduce((n, r) => n + r.count, 0), 500);
});
