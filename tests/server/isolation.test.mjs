// Tenant and dealer isolation: every endpoint x every role x own / other dealer / other tenant.
// Reps and managers see and write only their dealer's accounts, contacts, activities, leads and
// tasks; central sees and writes its whole network; no one sees another tenant. A scoped user
// is told that another dealer's record does not exist (not_found), so nothing leaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, commandMaker, now, byTable } from './harness.mjs';

let server, anon, users, accounts;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 11 });
  anon = client(server.url);
  users = {
    rep: await anon.login('network-a', 'D1-R1'),
    manager: await anon.login('network-a', 'D1-M'),
    central: await anon.login('network-a', 'C-1'),
    otherTenant: await anon.login('network-b', 'C-1'),
  };
  const all = byTable((await users.central.pullAll({ limit: 10000 })).changes);
  accounts = {
    D1: [...all.get('accounts').values()].filter((a) => a.dealer_id === 'D1'),
    D2: [...all.get('accounts').values()].filter((a) => a.dealer_id === 'D2'),
  };
});
after(async () => { await server?.stop(); });

// One payload per dealer-scoped kind, written for `dealer` by `tag`.
function dealerPayloads(dealer, tag) {
  const acct = accounts[dealer][0];
  return {
    'account.put': { id: `A-${tag}`, dealer_id: dealer, name: `Iso ${tag}` },
    'contact.put': { id: `C-${tag}`, account_id: acct.id, name: `Iso ${tag}` },
    'activity.log': { id: `E-${tag}`, account_id: acct.id, type: 'note', at: now() },
    'lead.put': { id: `L-${tag}`, account_id: acct.id, product_category: 'new-cars',
      dealer_id: dealer, created_at: now() },
    'task.put': { id: `T-${tag}`, account_id: acct.id, title: `Iso ${tag}`, due: now() + 86400 },
  };
}
const networkPayloads = (tag) => ({
  'dealer.put': { id: `D-${tag}`, name: `Dealer ${tag}` },
  'user.put': { id: `U-${tag}`, dealer_id: 'D1', name: `User ${tag}`, role: 'rep' },
  'category.put': { id: `cat-${tag}`, name: `Category ${tag}` },
  'campaign.put': { id: `CMP-${tag}`, name: `Campaign ${tag}` },
});

const scopedExpect = {
  own: () => ({ status: 'applied' }),
  other: (kind) => kind === 'account.put'
    ? { status: 'rejected', code: 'forbidden', field: 'payload.dealer_id' }
    : { status: 'rejected', code: 'not_found', field: 'payload.account_id' },
};

for (const role of ['rep', 'manager', 'central']) {
  for (const where of ['own', 'other']) {
    test(`push: a ${role} writing records of the ${where} dealer`, async () => {
      const dealer = where === 'own' ? 'D1' : 'D2';
      const clientId = `iso-${role}-${where}`;
      const cmd = commandMaker(clientId);
      const payloads = dealerPayloads(dealer, `${role}-${where}`);
      const kinds = Object.keys(payloads);
      const r = await users[role].push(clientId, kinds.map((k) => cmd(k, payloads[k])));
      assert.equal(r.status, 200);
      kinds.forEach((kind, i) => {
        const got = r.body.results[i];
        const want = role === 'central' ? { status: 'applied' } : scopedExpect[where](kind);
        assert.equal(got.status, want.status, `${kind}: ${JSON.stringify(got)}`);
        if (want.code) {
          assert.equal(got.error.code, want.code, kind);
          assert.equal(got.error.field, want.field, kind);
          // The message for a hidden record is the one for a record that does not exist.
          if (want.code === 'not_found') assert.match(got.error.message, /does not exist/);
        }
      });
    });
  }
  test(`push: a ${role} changing network-wide records (dealers, users, categories, campaigns)`, async () => {
    const clientId = `iso-${role}-network`;
    const cmd = commandMaker(clientId);
    const payloads = networkPayloads(role);
    const r = await users[role].push(clientId, Object.entries(payloads).map(([k, p]) => cmd(k, p)));
    for (const res of r.body.results) {
      if (role === 'central') assert.equal(res.status, 'applied');
      else assert.deepEqual([res.status, res.error.code], ['rejected', 'forbidden']);
    }
  });
}

test('pull: reps and managers see their dealer and network-wide data only; central sees all', async () => {
  const seen = {};
  for (const role of ['rep', 'manager', 'central']) seen[role] = byTable((await users[role].pullAll({ limit: 10000 })).changes);
  for (const role of ['rep', 'manager']) {
    const s = seen[role];
    for (const a of s.get('accounts').values()) assert.equal(a.dealer_id, 'D1');
    const mine = new Set(s.get('accounts').keys());
    for (const c of s.get('contacts').values()) assert.ok(mine.has(c.account_id), c.id);
    for (const e of s.get('activities').values()) assert.ok(mine.has(e.account_id), e.id);
    for (const l of s.get('leads').values()) assert.equal(l.dealer_id, 'D1');
    for (const t of s.get('tasks').values()) assert.ok(mine.has(t.account_id), t.id);
    assert.deepEqual([...s.get('dealers').keys()], ['D1']);
    for (const u of s.get('users').values()) assert.ok(u.dealer_id === 'D1' || u.role === 'central');
    assert.ok(s.get('categories').size >= 8, 'reference data is network-wide');
    assert.ok(s.get('accounts').has('A-manager-own') && s.get('accounts').has('A-rep-own'));
    assert.ok(!s.get('accounts').has('A-central-other'), 'a D2 record written by central');
  }
  const c = seen.central;
  assert.ok(c.get('accounts').has('A-central-other') && c.get('accounts').has('A-rep-own'));
  assert.equal(c.get('dealers').size, 3);  // D1, D2 and the one central made
  assert.equal(c.get('accounts').size, seen.rep.get('accounts').size +
    [...c.get('accounts').values()].filter((a) => a.dealer_id !== 'D1').length);
});

test('pull and push: another tenant sees none of this one, even with the same record ids', async () => {
  const b = byTable((await users.otherTenant.pullAll({ limit: 10000 })).changes);
  const a = byTable((await users.central.pullAll({ limit: 10000 })).changes);
  for (const id of ['A-central-own', 'A-rep-own', 'E-manager-own', 'D-central'])
    assert.ok(![...b.values()].some((t) => t.has(id)), id);
  // Both demo tenants have an account A1; writing B's leaves A's alone.
  assert.ok(a.get('accounts').has('A1') && b.get('accounts').has('A1'));
  const cmd = commandMaker('iso-tenant-b');
  const r = await users.otherTenant.push('iso-tenant-b', [cmd('account.put', { ...b.get('accounts').get('A1'), name: 'Tenant B only' })]);
  assert.equal(r.body.results[0].status, 'applied');
  const a2 = byTable((await users.central.pullAll({ limit: 10000 })).changes);
  assert.notEqual(a2.get('accounts').get('A1').name, 'Tenant B only');
  // And a tenant-B token cannot reach tenant A by naming it anywhere.
  const viaBody = await users.otherTenant.call('POST', '/api/v1/sync/push',
    { client_id: 'iso-tenant-b2', tenant: 'network-a', commands: [] });
  assert.equal(viaBody.status, 400);
  assert.equal(viaBody.body.error.code, 'unknown_field');
});

test('a scoped user cannot take over another dealer\'s record by reusing its id', async () => {
  const target = accounts.D2[1];
  const cmd = commandMaker('iso-takeover');
  const r = await users.manager.push('iso-takeover', [cmd('account.put', { ...target, dealer_id: 'D1', name: 'Mine now' })]);
  assert.equal(r.body.results[0].status, 'rejected');
  assert.equal(r.body.results[0].error.code, 'forbidden');
  const all = byTable((await users.central.pullAll({ limit: 10000 })).changes);
  assert.equal(all.get('accounts').get(target.id).dealer_id, 'D2');
});

test('leads: a rep takes only unassigned or own leads; a manager assigns within the dealer', async () => {
  const acct = accounts.D1[0];
  const lead = { id: 'L-owner', account_id: acct.id, product_category: 'vans', dealer_id: 'D1', created_at: now() };
  const rc = commandMaker('iso-lead-rep');
  const mc = commandMaker('iso-lead-mgr');
  const r1 = await users.rep.push('iso-lead-rep', [rc('lead.put', { ...lead, owner: 'D1-R1' })]);
  assert.equal(r1.body.results[0].status, 'applied');
  const r2 = await users.rep.push('iso-lead-rep', [rc('lead.put', { ...lead, owner: 'D1-R2' })]);
  assert.equal(r2.body.results[0].error?.code, 'forbidden');
  const m1 = await users.manager.push('iso-lead-mgr', [mc('lead.put', { ...lead, owner: 'D1-R2' })]);
  assert.equal(m1.body.results[0].status, 'applied');
  const r3 = await users.rep.push('iso-lead-rep', [rc('lead.put', { ...lead, owner: 'D1-R1', state: 'working' })]);
  assert.equal(r3.body.results[0].error?.code, 'forbidden', 'a colleague\'s lead');
  const m2 = await users.manager.push('iso-lead-mgr', [mc('lead.put', { ...lead, owner: 'D2-R1' })]);
  assert.equal(m2.body.results[0].error?.code, 'not_found', 'a user of another dealer');
});

test('capture keys write only to their own tenant and dealer', async () => {
  const r = await anon.call('POST', '/api/v1/capture/demo-b-d1', { name: 'Only In B', email: 'only-b@example.com' });
  assert.equal(r.status, 201);
  const a = (await users.central.pullAll({ limit: 10000 })).changes;
  assert.ok(!a.some((c) => c.record.id === r.body.account_id));
  const b = byTable((await users.otherTenant.pullAll({ limit: 10000 })).changes);
  assert.equal(b.get('accounts').get(r.body.account_id).dealer_id, 'D1');
});

test('logging out in one tenant leaves the other tenant\'s sessions alone', async () => {
  const b = await anon.login('network-b', 'D1-R1');
  assert.equal((await b.call('POST', '/api/v1/auth/logout')).status, 200);
  assert.equal((await users.rep.pull({ limit: 1 })).status, 200);
  assert.equal((await b.pull({ limit: 1 })).status, 401);
});

// The demo snapshot has no sign-in of its own (demo servers only): it serves the demo tenant,
// network-a, whoever asks. The binary form must serve exactly that too: never another
// tenant's records, never more or less for a token of another role or tenant.
test('the demo snapshot in binary serves network-a alone, like the JSON one, whoever asks', async () => {
  const fetchPart = async (who, format) => {
    const headers = who.token ? { Authorization: `Bearer ${who.token}` } : {};
    const r = await fetch(`${server.url}/api/v1/demo/snapshot?part=inbox&format=${format}`, { headers });
    assert.equal(r.status, 200);
    return Buffer.from(await r.arrayBuffer());
  };
  const json = JSON.parse(await fetchPart(anon, 'json'));
  const binary = await fetchPart(anon, 'binary');
  for (const who of [users.rep, users.manager, users.otherTenant]) {
    assert.deepEqual(await fetchPart(who, 'binary'), binary, 'the same bytes for every caller');
    assert.deepEqual(JSON.parse(await fetchPart(who, 'json')), json);
  }
  // A string in the binary form is its varint length, then its UTF-8 bytes.
  const encoded = (s) => {
    const bytes = Buffer.from(s, 'utf8');
    const len = [];
    for (let n = bytes.length; ; n >>>= 7) { if (n < 128) { len.push(n); break; } len.push((n & 127) | 128); }
    return Buffer.concat([Buffer.from(len), bytes]);
  };
  const a = byTable((await users.central.pullAll({ limit: 10000 })).changes);
  const aNames = new Set([...a.get('accounts').values()].map((x) => x.name));
  assert.deepEqual(new Set(json.accounts.map((x) => x.name)), aNames, 'JSON: network-a\'s accounts');
  for (const name of aNames) assert.ok(binary.includes(encoded(name)), `binary has ${name}`);
  for (const lead of a.get('leads').values()) assert.ok(binary.includes(encoded(lead.id)));
  const b = byTable((await users.otherTenant.pullAll({ limit: 10000 })).changes);
  // Names of network-b's accounts that no network-a record of the part carries (a user may
  // share a name with another tenant's account).
  const aStrings = new Set(Object.values(json).filter(Array.isArray).flat()
    .flatMap((r) => Object.values(r)).filter((v) => typeof v === 'string'));
  const onlyB = [...b.get('accounts').values()].map((x) => x.name).filter((n) => !aStrings.has(n));
  assert.ok(onlyB.length > 0, 'network-b has accounts network-a does not');
  for (const name of onlyB) {
    assert.ok(!binary.includes(encoded(name)), `binary leaks network-b's ${name}`);
    assert.ok(!json.accounts.some((x) => x.name === name));
  }
});

test('a server without --demo has no demo snapshot, in either format', async () => {
  const plain = await startForecourt({ demo: null });
  try {
    for (const format of ['json', 'binary']) {
      const r = await client(plain.url).call('GET', `/api/v1/demo/snapshot?part=inbox&format=${format}`);
      assert.equal(r.status, 404);
      assert.equal(r.body.error.code, 'not_found');
    }
  } finally { await plain.stop(); }
});
