// Every command kind core knows works at the server (docs/sync-protocol.md, "Merge rules"):
// the engine's commands (lead.transition, lead.qualify, task.complete, lead.reassign, ...)
// write every record they change, scoped to the caller, in the same transaction as the
// client's last applied number; a rejected command writes nothing; deletes leave tombstones.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, commandMaker, now, byTable } from './harness.mjs';

let server, anon, rep, rep2, manager, central, all;
before(async () => {
  server = await startForecourt({ demo: 'tiny', seed: 5, env: { FORECOURT_FAULT_RECORD_ID: 'cmd-fault-c1' } });
  anon = client(server.url);
  rep = await anon.login('network-a', 'D1-R1');
  rep2 = await anon.login('network-a', 'D1-R2');
  manager = await anon.login('network-a', 'D1-M');
  central = await anon.login('network-a', 'C-1');
  all = byTable((await central.pullAll({ limit: 10000 })).changes);
});
after(async () => { await server?.stop(); });

const records = (table) => [...(all.get(table)?.values() ?? [])];
// A fresh unassigned lead of `dealer`: central files a quote request on a new account, and the
// lead engine opens the lead (demo leads are all assigned already).
const setup = commandMaker('cmd-setup');
let leadsMade = 0;
async function freshLead(dealer = 'D1') {
  const n = ++leadsMade;
  const account = `A-cmd-${n}`;
  const r = await central.push('cmd-setup', [
    setup('account.put', { id: account, dealer_id: dealer, name: `Fresh Prospect ${n}` }),
    setup('activity.log', { id: `E-cmd-${n}`, account_id: account, type: 'quote_request', at: now(),
      product_category: 'new-cars' })]);
  assert.deepEqual(r.body.results.map((x) => x.status), ['applied', 'applied'], JSON.stringify(r.body));
  const { changes } = await central.pullAll({ limit: 10000 });
  const lead = changes.filter((c) => c.table === 'leads' && c.record.account_id === account).at(-1);
  assert.ok(lead, 'the quote request opened a lead, sent by pull');
  assert.equal(lead.record.owner, '');
  return lead.record;
}
// What another user of the dealer sees of one record after pulling from `cursor`.
async function seenBy(user, cursor, table, id) {
  const { changes } = await user.pullAll({ cursor });
  return changes.filter((c) => c.table === table && c.record.id === id).at(-1);
}
async function cursorOf(user) { return (await user.pullAll({ cursor: '0', limit: 10000 })).cursor; }

test('lead.transition and lead.qualify by a rep reach the manager by pull, with the lead event', async () => {
  const lead = await freshLead();
  const from = await cursorOf(manager);
  const cmd = commandMaker('cmd-transition');
  const r = await rep.push('cmd-transition', [
    cmd('lead.transition', { lead_id: lead.id, to: 'working' }),
    cmd('lead.qualify', { lead_id: lead.id, budget: { met: true, evidence: 'showed a bank letter' } }),
  ]);
  assert.equal(r.status, 200);
  assert.deepEqual(r.body.results.map((x) => x.status), ['applied', 'applied']);
  const seen = await seenBy(manager, from, 'leads', lead.id);
  assert.equal(seen.record.state, 'working');
  assert.equal(seen.record.bant.budget.met, true);
  assert.equal(seen.record.bant.budget.evidence, 'showed a bank letter');
  assert.ok(seen.record.first_response_at > 0, 'moving out of new is the first response');
  const { changes } = await manager.pullAll({ cursor: from });
  const events = changes.filter((c) => c.table === 'lead_events' && c.record.lead_id === lead.id);
  assert.equal(events.length, 1);
  assert.equal(events[0].record.kind, 'state_changed');
  assert.equal(events[0].record.to_state, 'working');
  // Another dealer's users see none of it.
  const other = await anon.login('network-a', 'D2-M');
  const theirs = (await other.pullAll({ cursor: from })).changes;
  assert.ok(!theirs.some((c) => c.record.id === lead.id || c.record.lead_id === lead.id));
});

test('replaying the same commands is already_applied and writes nothing new', async () => {
  const lead = await freshLead();
  const cmd = commandMaker('cmd-replay');
  const batch = [cmd('lead.transition', { lead_id: lead.id, to: 'working' })];
  assert.equal((await rep.push('cmd-replay', batch)).body.results[0].status, 'applied');
  const from = await cursorOf(manager);
  const again = await rep.push('cmd-replay', batch);
  assert.equal(again.body.results[0].status, 'already_applied');
  assert.equal(again.body.cursor, from);
  assert.equal((await manager.pullAll({ cursor: from })).changes.length, 0);
});

test('task.complete by a rep: the task is done for the whole dealer', async () => {
  const task = records('tasks').find((t) => t.state === 'open' &&
    (all.get('accounts').get(t.account_id)?.dealer_id === 'D1'));
  assert.ok(task, 'the demo has an open task of D1');
  const from = await cursorOf(rep2);
  const cmd = commandMaker('cmd-complete');
  const r = await rep.push('cmd-complete', [cmd('task.complete', { task_id: task.id, outcome: 'called back' })]);
  assert.equal(r.body.results[0].status, 'applied');
  const seen = await seenBy(rep2, from, 'tasks', task.id);
  assert.equal(seen.record.state, 'done');
  assert.equal(seen.record.outcome, 'called back');
  assert.equal(seen.record.done_by, 'D1-R1');
  // Completing it again with another outcome is a conflict, and a visible rejection.
  const twice = await rep2.push('cmd-complete-2', [commandMaker('cmd-complete-2')('task.complete',
    { task_id: task.id, outcome: 'again' })]);
  assert.equal(twice.body.results[0].status, 'rejected');
  assert.equal(twice.body.results[0].error.code, 'conflict');
});

test('lead.reassign by a manager moves the lead; the rep sees the new owner and the event', async () => {
  const lead = await freshLead();
  const from = await cursorOf(rep);
  const cmd = commandMaker('cmd-reassign');
  const r = await manager.push('cmd-reassign', [cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R2', reason: 'speaks Polish' })]);
  assert.equal(r.body.results[0].status, 'applied', JSON.stringify(r.body));
  const seen = await seenBy(rep, from, 'leads', lead.id);
  assert.equal(seen.record.owner, 'D1-R2');
  const ev = await seenBy(rep, from, 'lead_events', 'cmd-reassign-c1');
  assert.equal(ev.record.to_owner, 'D1-R2');
  assert.equal(ev.record.reason, 'speaks Polish');
});

test('a command\'s records and the client\'s number commit together: a failed write leaves neither', async () => {
  const lead = await freshLead();
  const from = await cursorOf(manager);
  // The lead's row is written, then its event's write fails (injected): nothing may remain.
  const cmd = commandMaker('cmd-fault');
  const failed = await manager.push('cmd-fault', [cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R2', reason: 'x' })]);
  assert.equal(failed.status, 503);
  assert.equal((await manager.pullAll({ cursor: from })).changes.length, 0);
  // The number did not advance and memory was restored: another command takes seq 1 and
  // sees the lead as it was (unassigned, so this first assignment is "assigned").
  const retry = await manager.push('cmd-fault', [{ ...commandMaker('cmd-fault-b')('lead.reassign',
    { lead_id: lead.id, to: 'D1-R1', reason: 'y' }), client_id: 'cmd-fault' }]);
  assert.equal(retry.body.results[0].status, 'applied', JSON.stringify(retry.body));
  assert.equal(retry.body.last_seq, 1);
  const ev = await seenBy(manager, from, 'lead_events', 'cmd-fault-b-c1');
  assert.equal(ev.record.kind, 'assigned');
  assert.equal(ev.record.from_owner, '');
});

test('a rep cannot reassign a lead to someone else, nor take a colleague\'s: forbidden, nothing written', async () => {
  const lead = await freshLead();
  const from = await cursorOf(manager);
  const cmd = commandMaker('cmd-rep-reassign');
  const r = await rep.push('cmd-rep-reassign', [
    cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R2', reason: 'not mine' }),
    cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R1', reason: 'mine now' }),
    cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R2', reason: 'give it away' })]);
  assert.deepEqual(r.body.results.map((x) => x.status), ['rejected', 'applied', 'rejected']);
  assert.equal(r.body.results[0].error.code, 'forbidden');
  assert.equal(r.body.results[0].error.field, 'payload.to');
  assert.equal(r.body.last_seq, 3, 'rejections still advance the number');
  const { changes } = await manager.pullAll({ cursor: from });
  const leads = changes.filter((c) => c.table === 'leads' && c.record.id === lead.id);
  assert.equal(leads.at(-1).record.owner, 'D1-R1');
  assert.equal(changes.filter((c) => c.table === 'lead_events').length, 1, 'only the applied move is logged');
  // Taking the lead back from a colleague is the manager's job.
  const back = await rep2.push('cmd-rep2', [commandMaker('cmd-rep2')('lead.reassign',
    { lead_id: lead.id, to: 'D1-R2', reason: 'grab' })]);
  assert.equal(back.body.results[0].error.code, 'forbidden');
});

test('a scoped user cannot act on another dealer\'s records: not_found, nothing written', async () => {
  const lead = await freshLead('D2');
  const d1Lead = await freshLead('D1');
  const from = await cursorOf(central);
  const cmd = commandMaker('cmd-foreign');
  const r = await manager.push('cmd-foreign', [
    cmd('lead.transition', { lead_id: lead.id, to: 'working' }),
    cmd('lead.reassign', { lead_id: lead.id, to: 'D1-R1', reason: 'x' }),
    cmd('lead.reassign', { lead_id: d1Lead.id, to: 'D2-R1', reason: 'x' })]);
  assert.deepEqual(r.body.results.map((x) => x.error?.code), ['not_found', 'not_found', 'not_found']);
  assert.deepEqual(r.body.results.map((x) => x.error?.field), ['payload.lead_id', 'payload.lead_id', 'payload.to']);
  const { changes } = await central.pullAll({ cursor: from });
  assert.equal(changes.length, 0);
  // scoring_rules.put is the network's: central only.
  const rules = await manager.push('cmd-rules', [commandMaker('cmd-rules')('scoring_rules.put', {})]);
  assert.equal(rules.body.results[0].error.code, 'forbidden');
});

test('a task deleted is a tombstone in pull; a stale or later write does not bring it back', async () => {
  const task = records('tasks').find((t) => t.state === 'open' && 
    (all.get('accounts').get(t.account_id)?.dealer_id === 'D1') && t.outcome === '');
  const from = await cursorOf(manager);
  const cmd = commandMaker('cmd-del-task');
  const r = await rep.push('cmd-del-task', [cmd('task.delete', { id: task.id })]);
  assert.equal(r.body.results[0].status, 'applied', JSON.stringify(r.body));
  const gone = await seenBy(manager, from, 'tasks', task.id);
  assert.equal(gone.deleted, true);
  assert.deepEqual(gone.record, { id: task.id });
  // A put made offline before the delete, and one after it, both lose to the tombstone.
  const after = await cursorOf(manager);
  const stale = await rep2.push('cmd-stale', [
    commandMaker('cmd-stale')('task.put', { ...task, title: 'edited offline' }, { at: now() - 3600 }),
  ]);
  assert.equal(stale.body.results[0].status, 'applied');
  assert.equal(stale.body.results[0].superseded, true);
  const complete = await rep2.push('cmd-stale', [commandMaker('cmd-stale', 2)('task.complete',
    { task_id: task.id, outcome: 'done offline' })]);
  assert.equal(complete.body.results[0].superseded, true);
  assert.equal((await manager.pullAll({ cursor: after })).changes.length, 0);
  // Deleting an unknown task is a rejection that names it.
  const unknown = await rep.push('cmd-del-task', [cmd('task.delete', { id: 'no-such-task' })]);
  assert.equal(unknown.body.results[0].error.code, 'not_found');
});

test('a contact without history can be deleted; one with activities cannot', async () => {
  const d1Account = records('accounts').find((a) => a.dealer_id === 'D1');
  const cmd = commandMaker('cmd-del-contact');
  const contact = { id: 'C-dup-1', account_id: d1Account.id, name: 'Duplicate Entry', email: 'dup@example.com' };
  const from = await cursorOf(manager);
  const r = await rep.push('cmd-del-contact', [cmd('contact.put', contact), cmd('contact.delete', { id: 'C-dup-1' })]);
  assert.deepEqual(r.body.results.map((x) => x.status), ['applied', 'applied']);
  const seen = await seenBy(manager, from, 'contacts', 'C-dup-1');
  assert.equal(seen.deleted, true);
  const busy = records('activities').find((a) => a.contact_id &&
    all.get('accounts').get(a.account_id)?.dealer_id === 'D1').contact_id;
  const refused = await rep.push('cmd-del-contact', [cmd('contact.delete', { id: busy })]);
  assert.equal(refused.body.results[0].error.code, 'conflict');
  const theirs = records('contacts').find((c) => all.get('accounts').get(c.account_id)?.dealer_id === 'D2');
  const hidden = await rep.push('cmd-del-contact', [cmd('contact.delete', { id: theirs.id })]);
  assert.equal(hidden.body.results[0].error.code, 'not_found');
});

test('tombstones survive a restart', async () => {
  const task = records('tasks').find((t) => t.state === 'open' && 
    all.get('accounts').get(t.account_id)?.dealer_id === 'D1' && t.id !== 'unused');
  const cmd = commandMaker('cmd-restart');
  await rep.push('cmd-restart', [cmd('task.delete', { id: task.id })]);
  await server.stop({ keep: true });
  server = await startForecourt({ state: server.state });
  anon = client(server.url);
  const c = await anon.login('network-a', 'C-1');
  const r = await c.push('cmd-restart-c', [commandMaker('cmd-restart-c')('task.put', { ...task, title: 'back?' })]);
  assert.equal(r.body.results[0].superseded, true);
  const mine = byTable((await c.pullAll({ limit: 10000 })).changes);
  assert.equal(mine.get('tasks').has(task.id), true, 'the full pull carries the tombstone');
  const { changes } = await c.pullAll({ limit: 10000 });
  assert.equal(changes.filter((x) => x.table === 'tasks' && x.record.id === task.id).at(-1).deleted, true);
});
