/**
 * bench http: authenticated GET /api/v1/me on Airtalk (SQLite, default logging) against a bare
 * Fastify hello-world, interleaved in rounds so machine noise falls on both alike.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { measureRequestsPerSecond, median, printResult, repoRoot, startServer } from './lib.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DURATION_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = 32;

async function signUp(port: number): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const policy = (await (await fetch(`${base}/api/v1/policy`)).json()) as { version: string };
  const response = await fetch(`${base}/api/v1/auth/register`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      email: 'bench@example.com',
      password: 'kettle-violet-orbit-91',
      nickname: 'Bench',
      birthDate: '1990-01-01',
      policyVersion: policy.version,
    }),
  });
  if (response.status !== 201) throw new Error(`registration failed: ${response.status} ${await response.text()}`);
  const session = response.headers.getSetCookie().find((cookie) => cookie.startsWith('airtalk_session='));
  if (!session) throw new Error('no session cookie');
  return session.split(';')[0]!;
}

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-bench-'));
const baseline = await startServer(path.join(repoRoot, 'bench/baselines/hello-fastify.ts'), {});
const ours = await startServer(path.join(repoRoot, 'server/src/main.ts'), {
  DATA_DIR: dataDir,
  NODE_ENV: 'development',
});
try {
  const cookie = await signUp(ours.port);
  const warm = { durationSeconds: 2, connections: CONNECTIONS };
  await measureRequestsPerSecond({ url: `http://127.0.0.1:${baseline.port}/`, ...warm });
  await measureRequestsPerSecond({ url: `http://127.0.0.1:${ours.port}/api/v1/me`, headers: { cookie }, ...warm });

  const baselineRuns: number[] = [];
  const ourRuns: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const load = { durationSeconds: DURATION_SECONDS, connections: CONNECTIONS };
    baselineRuns.push(await measureRequestsPerSecond({ url: `http://127.0.0.1:${baseline.port}/`, ...load }));
    ourRuns.push(
      await measureRequestsPerSecond({ url: `http://127.0.0.1:${ours.port}/api/v1/me`, headers: { cookie }, ...load }),
    );
    process.stderr.write(
      `round ${round + 1}: hello-world ${baselineRuns.at(-1)!.toFixed(0)} req/s, GET /api/v1/me ${ourRuns.at(-1)!.toFixed(0)} req/s\n`,
    );
  }
  const oursMedian = median(ourRuns);
  const baselineMedian = median(baselineRuns);
  printResult({
    bench: 'http',
    ours: Math.round(oursMedian),
    baseline: Math.round(baselineMedian),
    ratio: Math.round((oursMedian / baselineMedian) * 1000) / 1000,
    unit: 'requests/s',
  });
} finally {
  await Promise.all([baseline.stop(), ours.stop()]);
  fs.rmSync(dataDir, { recursive: true, force: true });
}
