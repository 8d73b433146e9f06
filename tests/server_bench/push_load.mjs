// Push latency under concurrent load: N clients (each its own client id, as N browser tabs or
// devices) push batches of B activity.log commands back to back for D seconds. Prints one JSON
// line: batch latency percentiles in ms and the commands applied per second.
//   node push_load.mjs <base url> [clients=8] [batch=100] [seconds=10]
import { client, commandMaker, now, byTable } from '../server/harness.mjs';

const [base, nClients = '8', batchSize = '100', seconds = '10'] = process.argv.slice(2);
const anon = client(base);
const user = await anon.login('network-a', 'C-1');
const accounts = [];
{
  const page = await user.pull({ limit: 2000 });
  for (const c of page.body.changes) if (c.table === 'accounts') accounts.push(c.record.id);
}
const latencies = [];
let applied = 0;
const until = Date.now() + Number(seconds) * 1000;
const runId = Math.random().toString(36).slice(2, 8);
await Promise.all(Array.from({ length: Number(nClients) }, async (_, w) => {
  const id = `bench-${runId}-${w}`;
  const cmd = commandMaker(id);
  let n = 0;
  while (Date.now() < until) {
    const batch = Array.from({ length: Number(batchSize) }, () => {
      n++;
      return cmd('activity.log', { id: `E-${id}-${n}`, account_id: accounts[n % accounts.length],
        type: 'outbound_call', at: now(), note: 'benchmark call' });
    });
    const t0 = performance.now();
    const r = await user.push(id, batch);
    latencies.push(performance.now() - t0);
    if (r.status !== 200) throw new Error(`push ${r.status} ${JSON.stringify(r.body)}`);
    applied += r.body.results.filter((x) => x.status === 'applied').length;
  }
}));
latencies.sort((a, b) => a - b);
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))];
console.log(JSON.stringify({ batches: latencies.length, p50_ms: +pct(0.5).toFixed(2),
  p99_ms: +pct(0.99).toFixed(2), max_ms: +latencies.at(-1).toFixed(2),
  commands_per_s: Math.round(applied / Number(seconds)) }));
