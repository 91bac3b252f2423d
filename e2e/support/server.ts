/**
 * A real Airtalk server for the journeys: its own process, port and data folder, SQLite and the
 * local mail outbox, serving the built web app, exactly as `npm start` does.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const repoRoot = path.resolve(import.meta.dirname, '../..');

export interface RunningServer {
  url: string;
  mails(): Promise<Mail[]>;
  stop(): Promise<void>;
}

export interface Mail {
  to: string;
  subject: string;
  text: string;
  links: string[];
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (typeof address === 'object' && address) resolve(address.port);
        else reject(new Error('no free port'));
      });
    });
  });
}

/**
 * CI exports DATABASE_URL and REDIS_URL for the integration tests. The journeys must not inherit
 * them: a shared Redis keeps rate-limit counters between runs (registrations from 127.0.0.1 end in
 * 429 after a few runs) and a shared database keeps other runs' accounts.
 */
function withoutSharedServices(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { DATABASE_URL: _database, REDIS_URL: _redis, ...rest } = env;
  return rest;
}

export async function startServer(): Promise<RunningServer> {
  if (!fs.existsSync(path.join(repoRoot, 'web/dist/index.html'))) {
    throw new Error('The web app is not built: run `npm run build -w web` (npm run test:e2e does).');
  }
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'airtalk-e2e-'));
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(path.join(repoRoot, 'node_modules/.bin/tsx'), ['server/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...withoutSharedServices(process.env),
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      PUBLIC_URL: url,
      NODE_ENV: 'development',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`The server exited: ${stderr}`);
    const healthy = await fetch(`${url}/healthz`).then(
      (response) => response.ok,
      () => false,
    );
    if (healthy) break;
    if (Date.now() - started > 60_000) throw new Error(`The server did not start in time: ${stderr}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    mails: async () => ((await (await fetch(`${url}/dev/mail.json`)).json()) as { messages: Mail[] }).messages,
    stop: () =>
      new Promise((resolve) => {
        child.once('exit', () => {
          fs.rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}
