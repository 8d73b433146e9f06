// The seeded demo data folders benchmarks share: seeding the network data set (~1.3M records)
// takes minutes, so it is kept in build/bench-data/ and reused by later runs. Its name carries a
// hash of the code that generates and stores the demo, so a change there seeds afresh; delete
// the folder to force it.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { buildDir, repoRoot } from '../browser/harness.mjs';

export function seededDataDir(demo, seed) {
  const hash = createHash('sha1');
  for (const f of ['core/demo_data.cpp', 'core/records.h', 'server/demo_seed.cpp', 'server/migrations.cpp'])
    hash.update(readFileSync(path.join(repoRoot, f)));
  const parent = path.join(buildDir, 'bench-data');
  const name = `${demo}-seed${seed}-${hash.digest('hex').slice(0, 12)}`;
  mkdirSync(parent, { recursive: true });
  for (const old of readdirSync(parent))  // folders seeded by older code are of no further use
    if (old.startsWith(`${demo}-seed${seed}-`) && old !== name) rmSync(path.join(parent, old), { recursive: true, force: true });
  return path.join(parent, name);
}
