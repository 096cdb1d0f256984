import { readFileSync } from 'node:fs';
import { measureQueries } from './store-queries.js';
for (const q of await measureQueries(
  '/tmp/noc-bench-store/noc.sqlite',
  Number(readFileSync('/tmp/noc-bench-store/filled-v1', 'utf8')),
))
  console.log(q.name, 'p50', q.p50.toFixed(1), 'p99', q.p99.toFixed(1), q.sample);
