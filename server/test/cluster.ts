/**
 * Several real Airtalk server processes sharing one PostgreSQL schema and Redis, as production runs
 * them: each node is `server/src/main.ts` in its own process, so a test can SIGKILL one. HTTP goes
 * through fetch with a cookie jar; each person comes from their own address (X-Forwarded-For
 * through a trusted proxy), so per-IP limits in the shared Redis never add up across runs.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { SocketClient } from './sockets.js';
import { newAccount } from './test-app.js';

const SERVER_ENTRY = path.join(import.meta.dirname, '../src/main.ts');
const PUBLIC_ORIGIN = 'http://localhost:8080';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => {
        resolve(typeof address === 'object' && address ? address.port : 0);
      });
    });
  });
}

export interface NodeProcess {
  name: string;
  url: string;
  process: ChildProcess;
  output: string[];
  /** SIGKILL: no goodbye to clients, no presence cleanup; what a crash looks like. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  databaseUrl: string;
  databaseSchema: string;
  redisUrl: string;
  env?: Record<string, string>;
}

export async function startNode(name: string, options: ClusterOptions): Promise<NodeProcess> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `airtalk-${name}-`));
  const child = spawn(process.execPath, ['--import', 'tsx', SERVER_ENTRY], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      PUBLIC_URL: PUBLIC_ORIGIN,
      TRUST_PROXY: '127.0.0.1',
      DATA_DIR: dataDir,
      DATABASE_URL: options.databaseUrl,
      DATABASE_SCHEMA: options.databaseSchema,
      REDIS_URL: options.redisUrl,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Node ${name} exited: ${output.join('')}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() - started > 30_000) throw new Error(`Node ${name} did not start: ${output.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    name,
    url,
    process: child,
    output,
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A person using the product over real HTTP and WebSockets, against any node. */
export class RemotePerson {
  readonly ip = `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  private cookie = '';
  id = '';

  async register(node: NodeProcess, nickname: string): Promise<this> {
    const response = await this.request(node, 'POST', '/api/v1/auth/register', newAccount({ nickname }));
    if (response.status !== 201) throw new Error(`register: ${response.status} ${await response.text()}`);
    this.id = ((await response.json()) as { id: string }).id;
    return this;
  }

  async request(node: NodeProcess, method: string, pathname: string, body?: unknown): Promise<Response> {
    const response = await fetch(`${node.url}${pathname}`, {
      method,
      headers: {
        origin: PUBLIC_ORIGIN,
        'sec-fetch-site': 'same-origin',
        'x-forwarded-for': this.ip,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const setCookies = response.headers.getSetCookie();
    if (setCookies.length > 0) {
      const jar = new Map(
        this.cookie ? this.cookie.split('; ').map((pair) => pair.split('=') as [string, string]) : [],
      );
      for (const header of setCookies) {
        const [pair = ''] = header.split(';');
        const [name = '', value = ''] = pair.split('=');
        if (value) jar.set(name, value);
        else jar.delete(name);
      }
      this.cookie = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    }
    return response;
  }

  /** Opens /ws on a node and waits for `ready`. */
  async connect(node: NodeProcess): Promise<SocketClient> {
    const ws = new WebSocket(`${node.url.replace(/^http/, 'ws')}/ws`, {
      headers: { origin: PUBLIC_ORIGIN, cookie: this.cookie, 'x-forwarded-for': this.ip },
    });
    const client = new SocketClient(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => {
        resolve();
      });
      ws.once('error', reject);
    });
    await client.next((event) => event.type === 'ready');
    return client;
  }
}
