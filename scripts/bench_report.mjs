// Merges the benchmark parts (JSON objects of metric -> number) into build/bench.json and
// prints them as a table, with the WASM/native ratio wherever both figures exist.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const [dir, outFile] = process.argv.slice(2);
const metrics = {};
for (const f of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  Object.assign(metrics, JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}
// rescore_1m_wasm_ms and rescore_1m_native_ms give rescore_1m_wasm_native_ratio.
for (const [k, v] of Object.entries(metrics)) {
  const native = k.includes('_wasm') && metrics[k.replace('_wasm', '_native')];
  if (native) metrics[k.replace(/_(ms|us)$/, '').replace('_wasm', '_wasm_native_ratio')] = v / native;
}
writeFileSync(outFile, JSON.stringify(metrics, null, 1) + '\n');
const width = Math.max(...Object.keys(metrics).map((k) => k.length));
console.log('metric'.padEnd(width) + '  value');
for (const k of Object.keys(metrics).sort()) {
  const v = metrics[k];
  console.log(k.padEnd(width) + '  ' + (Number.isInteger(v) ? String(v) : v.toFixed(3)));
}
