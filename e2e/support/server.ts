import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { httpRequest } from './http';

export const ROOT = path.resolve(__dirname, '../..');
const BUILD_ID = path.join(ROOT, '.next', 'BUILD_ID');

/** A production server (`next start`) on a free port with its own empty embedded database. */
export interface PortalServer {
  url: string;
  /** The server process (it serves the requests itself: /proc/<pid>/status tells its memory). */
  pid: number;
  ops: { email: string; password: string };
  /** Everything the server printed so far (stdout and stderr). */
  logs(): string;
  /** The server's JSON log lines so far (src/server/log.ts), parsed; other output is left out. */
  logLines(): Record<string, unknown>[];
  /** Where stop() leaves the server's output, to read after a failure. */
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Builds once when there is no build yet (CI runs `npm run build` before `npm test`, so this is for
 * a fresh clone). A build older than the sources is used as is, with a warning: rebuild to test changes.
 */
export function ensureBuild(): void {
  if (existsSync(BUILD_ID)) {
    const built = statSync(BUILD_ID).mtimeMs;
    const changed = newestSource(path.join(ROOT, 'src'));
    if (changed && changed.mtime > built) {
      console.warn(
        `[e2e] The build in .next is older than ${path.relative(ROOT, changed.file)}: the browser tests run the OLD build. ` +
          'Run `npm run build` first to test your changes.',
      );
    }
    return;
  }
  console.info('[e2e] No build found (.next/BUILD_ID): running `npm run build` once…');
  const result = spawnSync('npm', ['run', 'build'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 5 * 60_000,
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (result.status !== 0) {
    throw new Error(`npm run build failed (exit ${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}

function newestSource(dir: string): { file: string; mtime: number } | null {
  let newest: { file: string; mtime: number } | null = null;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    const candidate = entry.isDirectory()
      ? newestSource(full)
      : /\.(tsx?|css)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)
        ? { file: full, mtime: statSync(full).mtimeMs }
        : null;
    if (candidate && (!newest || candidate.mtime > newest.mtime)) newest = candidate;
  }
  return newest;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface PortalOptions {
  /** More environment for the server on top of the defaults below (e.g. TRUST_PROXY_HOPS, RATE_LIMIT_PER_MINUTE, OTEL_*, a DATABASE_URL), applied last. */
  env?: Record<string, string>;
  /** How long the server may take to answer /signin at start (default 90 s); seeding the demo data takes longer on a busy machine. */
  readyWithinMs?: number;
}

export async function startPortal(options: PortalOptions = {}): Promise<PortalServer> {
  ensureBuild();
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'portal-e2e-'));
  const ops = { email: 'ops@e2e.test', password: `ops-${randomBytes(9).toString('base64url')}` };
  const env: NodeJS.ProcessEnv = { ...process.env };
  // The embedded database, whatever the developer's shell says.
  delete env.DATABASE_URL;
  delete env.TEST_DATABASE_URL;
  delete env.SMTP_URL;
  Object.assign(env, {
    NODE_ENV: 'production',
    PORT: String(port),
    PGLITE_DIR: path.join(dataDir, 'pglite'),
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    OPS_EMAIL: ops.email,
    OPS_PASSWORD: ops.password,
    SEED_DEMO: 'false',
    NEXTAUTH_URL: url,
    PUBLIC_URL: url,
    NEXT_TELEMETRY_DISABLED: '1',
    // The tests follow activation links from the emails the server logs (no SMTP server here).
    MAIL_LOG_BODY: 'true',
    ...options.env,
  });
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [require.resolve('next/dist/bin/next'), 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true, // its own process group, so stop() ends the server and anything it started
    },
  );
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const logFile = path.join(os.tmpdir(), 'portal-e2e-server.log');
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      let timer: NodeJS.Timeout | undefined;
      const killed = await Promise.race([
        exited.then(() => true),
        new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 5_000))),
      ]);
      clearTimeout(timer);
      if (!killed) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
        await exited;
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
    writeFileSync(logFile, output);
  };

  try {
    await waitUntilReady(url, child, () => output, options.readyWithinMs);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid ?? 0, ops, logs: () => output, logLines: () => jsonLines(output), logFile, stop };
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output.split('\n').flatMap((line) => {
    if (!line.startsWith('{')) return [];
    try {
      return [JSON.parse(line) as Record<string, unknown>];
    } catch {
      return []; // a line still being written
    }
  });
}

async function waitUntilReady(url: string, child: ChildProcess, logs: () => string, withinMs = 90_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`next start exited with code ${child.exitCode}:\n${logs()}`);
    try {
      const response = await httpRequest(`${url}/signin`);
      if (response.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`next start did not answer within ${withinMs / 1000} s:\n${logs()}`);
}
