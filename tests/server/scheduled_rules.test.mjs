// Server-side rules on a schedule (docs/server.md): with no client online, the server runs
// core's workflow sweep per tenant and its commands reach clients by pull. The server's clock
// runs a week ahead (--clock-offset, a test-only flag), so a lead made now is long past its SLA.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, commandMaker, now } from './harness.mjs';

let server, rep, manager;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 7,
    args: ['--rules-interval', '1', '--clock-offset', String(7 * 86400)] });
  const anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  manager = await anon.login('network-a', 'D1-M');
});
after(async () => { await server?.stop(); });

test('an unanswered lead past its SLA is escalated by the server and seen in pull', async () => {
  const cmd = commandMaker('rules-web');
  const at = now();
  const r = await rep.push('rules-web', [
    cmd('account.put', { id: 'A-sla-1', dealer_id: 'D1', name: 'Slow Answer GmbH' }),
    cmd('contact.put', { id: 'C-sla-1', account_id: 'A-sla-1', name: 'Ida Wait', email: 'ida@example.com' }),
    cmd('activity.log', { id: 'E-sla-1', account_id: 'A-sla-1', contact_id: 'C-sla-1', type: 'quote_request',
      at, product_category: 'new-cars', note: 'please call me' })]);
  assert.deepEqual(r.body.results.map((x) => x.status), ['applied', 'applied', 'applied'], JSON.stringify(r.body));
  const lead = r.body.results && (await manager.pullAll({ limit: 10000 })).changes
    .find((c) => c.table === 'leads' && c.record.account_id === 'A-sla-1');
  assert.ok(lead, 'the quote request opened a lead');
  assert.equal(lead.record.first_response_at, 0);

  // Nobody answers. The server's rules route it, then escalate it.
  let events = [], latest;
  for (let i = 0; i < 60 && !events.some((e) => e.kind === 'sla_redirect'); i++) {
    await new Promise((res) => setTimeout(res, 500));
    const { changes } = await manager.pullAll({ limit: 10000 });
    events = changes.filter((c) => c.table === 'lead_events' && c.record.lead_id === lead.record.id)
      .map((c) => c.record);
    latest = changes.filter((c) => c.table === 'leads' && c.record.id === lead.record.id).at(-1).record;
  }
  const kinds = events.map((e) => e.kind);
  assert.ok(kinds.includes('sla_notice'), `a manager was told: ${kinds}`);
  assert.ok(kinds.includes('sla_redirect'), `the lead was redirected: ${kinds}`);
  const redirect = events.find((e) => e.kind === 'sla_redirect');
  assert.equal(redirect.actor, 'system');
  assert.equal(latest.owner, redirect.to_owner, 'the lead has its new owner');
  assert.notEqual(redirect.from_owner, redirect.to_owner);
});
