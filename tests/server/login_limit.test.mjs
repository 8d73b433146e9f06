// Password guessing is refused (docs/sync-protocol.md, "Limits"): after a few failed sign-ins
// per account, or per client address, every attempt gets 429 rate_limited with Retry-After,
// even with the right password; a successful sign-in resets the account's count.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startForecourt, client, DEMO_PASSWORD } from './harness.mjs';

let server, anon;
before(async () => {
  server = await startForecourt({ demo: 'tiny', args: ['--login-failures', '3', '--login-address-failures', '8'] });
  anon = client(server.url);
});
after(async () => { await server?.stop(); });

const login = (user, password) =>
  anon.call('POST', '/api/v1/auth/login', { tenant: 'network-a', user, password });

test('an account is locked after its failures, even for the right password, with Retry-After', async () => {
  for (let i = 0; i < 3; i++) assert.equal((await login('D1-R1', 'guess' + i)).status, 401);
  const locked = await login('D1-R1', DEMO_PASSWORD);
  assert.equal(locked.status, 429);
  assert.equal(locked.body.error.code, 'rate_limited');
  const wait = Number(locked.headers.get('retry-after'));
  assert.ok(wait >= 1 && wait <= 60, `Retry-After ${wait}`);
  // Other accounts are not locked by it.
  assert.equal((await login('D1-R2', DEMO_PASSWORD)).status, 200);
});

test('a successful sign-in resets the account\'s count', async () => {
  for (let i = 0; i < 2; i++) assert.equal((await login('D1-M', 'guess' + i)).status, 401);
  assert.equal((await login('D1-M', DEMO_PASSWORD)).status, 200);
  for (let i = 0; i < 2; i++) assert.equal((await login('D1-M', 'again' + i)).status, 401);
  assert.equal((await login('D1-M', DEMO_PASSWORD)).status, 200, 'two failures after a reset are not three');
});

test('one address guessing across many accounts is stopped too', async () => {
  // 3 + 4 failures so far from this address; the 8th takes the last token.
  assert.equal((await login('C-1', 'guess')).status, 401);
  const r = await login('D2-M', 'guess');
  assert.equal(r.status, 429);
  assert.ok(Number(r.headers.get('retry-after')) >= 1);
  assert.equal((await login('D2-R1', DEMO_PASSWORD)).status, 429, 'right passwords wait too');
});
