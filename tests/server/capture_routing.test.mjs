// A captured lead is routed at once: capture asks the rules scheduler for a pass instead of
// waiting for its next tick (here an hour away), so the lead has its owner, with the reason on
// its timeline, within seconds, and the owner's event stream is poked.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { startForecourt, client } from './harness.mjs';
import { openEvents } from './events_client.mjs';

let server, anon, manager;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 12, args: ['--rules-interval', '3600'] });
  anon = client(server.url);
  manager = await anon.login('network-a', 'D1-M');
});
after(async () => { await server?.stop(); });

async function leadOf(accountId) {
  const { changes } = await manager.pullAll({ limit: 10000 });
  const leads = changes.filter((c) => c.table === 'leads' && c.record.account_id === accountId);
  const events = changes.filter((c) => c.table === 'lead_events').map((c) => c.record);
  const lead = leads.at(-1)?.record;
  return { lead, events: lead ? events.filter((e) => e.lead_id === lead.id) : [] };
}

test('a captured lead gets its owner within seconds, not at the next tick', async () => {
  const sent = Date.now();
  const r = await anon.call('POST', '/api/v1/capture/demo-a-d1', { name: 'Rita Route',
    company: 'Routewise Rentals', email: 'rita@routewise.example', product_category: 'vans',
    message: 'Five vans from March, please call me' });
  assert.equal(r.status, 201);
  let found = await leadOf(r.body.account_id);
  while (!found.lead?.owner && Date.now() - sent < 5000) {
    await sleep(100);
    found = await leadOf(r.body.account_id);
  }
  assert.ok(found.lead, 'the web form opened a lead');
  assert.match(found.lead.owner, /^D1-R\d+$/, 'a rep of the key\'s dealer owns it');
  assert.ok(Date.now() - sent < 5000);
  const routed = found.events.find((e) => e.to_owner === found.lead.owner);
  assert.ok(routed, `the timeline says why: ${JSON.stringify(found.events)}`);
  assert.equal(routed.actor, 'system');
});

test('the owner\'s open stream is poked when the lead is routed to them', async () => {
  const reps = { 'D1-R1': await anon.login('network-a', 'D1-R1'), 'D1-R2': await anon.login('network-a', 'D1-R2') };
  const streams = {};
  for (const [id, who] of Object.entries(reps)) {
    streams[id] = await openEvents(server.url, who.token);
    assert.ok(await streams[id].next((e) => e.event === 'hello'));
  }
  try {
    const r = await anon.call('POST', '/api/v1/capture/demo-a-d1', { name: 'Otto Owner',
      company: 'Ownership Oy', email: 'otto@ownership.example', product_category: 'vans',
      message: 'A van for the bakery' });
    assert.equal(r.status, 201);
    let found = await leadOf(r.body.account_id);
    for (let i = 0; i < 50 && !found.lead?.owner; i++) { await sleep(100); found = await leadOf(r.body.account_id); }
    assert.ok(found.lead?.owner, 'routed');
    // The capture pokes the dealer; the routing a moment later pokes the owner again.
    const owner = streams[found.lead.owner];
    assert.ok(await owner.next((e) => e.event === 'poke', 3000), 'poked for the capture');
    assert.ok(await owner.next((e) => e.event === 'poke', 3000), 'poked for the routing');
  } finally {
    Object.values(streams).forEach((s) => s.close());
  }
});
