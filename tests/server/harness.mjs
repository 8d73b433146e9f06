// Starts the real forecourt_server on a free 127.0.0.1 port for the server tests, and a small
// client for its API. The store is SQLite in a fresh folder, or, when FORECOURT_TEST_PG names a
// PostgreSQL server (scripts/test_server.sh starts one on loopback), a fresh database on it:
// the same tests run against both stores.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, '../..');
export const sharedData = path.resolve(repoRoot, '../shared/data');
export const serverBin = path.join(repoRoot, 'build', 'native', 'forecourt_server');
export const DEMO_PASSWORD = 'forecourt-demo';
export const storeName = process.env.FORECOURT_TEST_PG ? 'postgresql' : 'sqlite';

function databaseUrl(name) {
  const u = new URL(process.env.FORECOURT_TEST_PG);
  return `postgresql://${u.username || 'postgres'}@${u.hostname}:${u.port}/${name}`;
}

// Starts a server. Pass `state` from an earlier start to restart on the same store.
export async function startForecourt({ demo = 'tiny', seed = 1, state = null, env = {},
  args = [] } = {}) {
  let st = state;
  if (!st) {
    st = { dataDir: mkdtempSync(path.join(tmpdir(), 'forecourt-server-test-')), database: '' };
    if (process.env.FORECOURT_TEST_PG) {
      const u = new URL(process.env.FORECOURT_TEST_PG);
      const name = 'fc_' + randomBytes(6).toString('hex');
      execFileSync('createdb', ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres', name]);
      st.database = databaseUrl(name);
    }
  }
  const argv = ['--host', '127.0.0.1', '--port', '0', '--data-dir', st.dataDir,
    '--rules-interval', '0', ...(demo ? ['--demo', demo, '--demo-seed', String(seed)] : []),
    ...(st.database ? ['--database', st.database] : []), ...args];
  const proc = spawn(serverBin, argv, { stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env } });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error('server did not start: ' + stderr)), 120000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${stderr}`)); });
  });
  const exited = new Promise((r) => proc.once('exit', (code, signal) => r({ code, signal })));
  return {
    url, proc, state: st, stderr: () => stderr, exited,
    alive: () => proc.exitCode === null && proc.signalCode === null,
    async kill9() { proc.kill('SIGKILL'); await exited; },
    async stop({ keep = false } = {}) {
      if (proc.exitCode === null && proc.signalCode === null) { proc.kill('SIGTERM'); await exited; }
      if (!keep) cleanup(st);
    },
  };
}

export function cleanup(st) {
  rmSync(st.dataDir, { recursive: true, force: true });
  if (st.database) {
    const u = new URL(process.env.FORECOURT_TEST_PG);
    try {
      execFileSync('dropdb', ['-h', u.hostname, '-p', u.port, '-U', u.username || 'postgres',
        new URL(st.database).pathname.slice(1)]);
    } catch { /* the cluster is thrown away at the end anyway */ }
  }
}

// A thin client of the API. Every call resolves to { status, body, headers }.
export function client(base, token = '') {
  async function call(method, p, body, headers = {}) {
    const h = { ...headers };
    if (token) h.Authorization = `Bearer ${token}`;
    let payload = body;
    if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
      payload = JSON.stringify(body);
      h['Content-Type'] ??= 'application/json';
    }
    const res = await fetch(base + p, { method, headers: h, body: payload });
    const text = await res.text();
    let parsed = null;
    try { parsed = JSON.parse(text); } catch { parsed = text; }
    return { status: res.status, body: parsed, headers: res.headers };
  }
  return {
    call,
    token,
    async login(tenant, user, password = DEMO_PASSWORD) {
      const r = await call('POST', '/api/v1/auth/login', { tenant, user, password });
      if (r.status !== 200) throw new Error(`login ${tenant}/${user}: ${r.status} ${JSON.stringify(r.body)}`);
      return client(base, r.body.token);
    },
    push(clientId, commands) {
      return call('POST', '/api/v1/sync/push', { client_id: clientId, commands });
    },
    pull(params = {}) {
      const q = new URLSearchParams(params).toString();
      return call('GET', '/api/v1/sync/pull' + (q ? '?' + q : ''));
    },
    // Pulls every page from `cursor` on; returns the changes, the final cursor and the pages.
    async pullAll(params = {}) {
      let cursor = params.cursor ?? '0';
      const changes = [];
      let pages = 0, last;
      for (;;) {
        const r = await this.pull({ ...params, cursor });
        if (r.status !== 200) throw new Error(`pull: ${r.status} ${JSON.stringify(r.body)}`);
        changes.push(...r.body.changes);
        cursor = r.body.cursor;
        last = r.body;
        pages++;
        if (!r.body.has_more) break;
      }
      return { changes, cursor, pages, last };
    },
  };
}

// Builds commands for one client with consecutive numbers.
export function commandMaker(clientId, first = 1) {
  let seq = first;
  return (kind, payload, extra = {}) => ({ id: `${clientId}-c${seq}`, client_id: clientId,
    seq: seq++, kind, at: Math.floor(Date.now() / 1000), payload, ...extra });
}

export function now() { return Math.floor(Date.now() / 1000); }

// The records of a full pull, as Map table -> Map id -> record (latest wins).
export function byTable(changes) {
  const out = new Map();
  for (const c of changes) {
    if (!out.has(c.table)) out.set(c.table, new Map());
    out.get(c.table).set(c.record.id, c.record);
  }
  return out;
}
