/**
 * Shared pieces of the benchmarks: starting servers as child processes and TypeScript workers,
 * load with autocannon, and the one JSON line every benchmark ends with.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import autocannon from 'autocannon';

export const repoRoot = path.resolve(import.meta.dirname, '..');
const tsx = path.join(repoRoot, 'node_modules', '.bin', 'tsx');

export interface BenchResult {
  bench: string;
  ours: number;
  baseline: number;
  ratio: number;
  unit: string;
  /** bench nearby: p99 latency in ms of one nearby page on SQLite. */
  sqliteP99Ms?: number;
}

export function printResult(result: BenchResult): void {
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no port'));
      });
    });
  });
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const started = Date.now();
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => {
        resolve(false);
      });
    });
    if (open) return;
    if (Date.now() - started > timeoutMs) throw new Error(`nothing listened on ${port} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export interface RunningServer {
  port: number;
  stop(): Promise<void>;
}

/** Runs a TypeScript entry point in its own process, so it has a core to itself. */
export async function startServer(entry: string, env: NodeJS.ProcessEnv): Promise<RunningServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(tsx, [entry], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitForPort(port, 30_000);
  return {
    port,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Runs a TypeScript module in a worker thread. tsx's loader is registered per thread, and Node 20
 * does not pass it on to workers, so the worker registers it before importing the module.
 */
export function startTypeScriptWorker(entry: string): Worker {
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const entryUrl = pathToFileURL(entry).href;
  return new Worker(
    `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entryUrl)}); });`,
    { eval: true },
  );
}

export interface LoadOptions {
  url: string;
  headers?: Record<string, string>;
  durationSeconds: number;
  connections: number;
}

/** Requests per second that answered 2xx. */
export async function measureRequestsPerSecond(options: LoadOptions): Promise<number> {
  const result = await autocannon({
    url: options.url,
    headers: options.headers ?? {},
    duration: options.durationSeconds,
    connections: options.connections,
    pipelining: 1,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers and ${result.errors} errors`);
  }
  return result.requests.average;
}

/** The q-quantile (0..1) of the values, nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of nothing');
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
