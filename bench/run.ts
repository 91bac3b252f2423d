/**
 * `npm run bench -- NAME` runs bench/NAME.bench.ts; without a name it lists them.
 */
import fs from 'node:fs';
import path from 'node:path';

const available = fs
  .readdirSync(import.meta.dirname)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''));
const name = process.argv[2];
if (!name || !available.includes(name)) {
  process.stderr.write(`Usage: npm run bench -- NAME\nBenchmarks: ${available.join(', ')}\n`);
  process.exit(name ? 1 : 0);
}
await import(path.join(import.meta.dirname, `${name}.bench.ts`));
