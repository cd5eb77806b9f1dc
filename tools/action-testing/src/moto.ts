// A moto server (AWS API emulator) on 127.0.0.1 for tests of code that calls ECR/ECS with the AWS
// SDK: started on a free port, with dummy credentials, stopped by the caller.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { findMotoServer, MOTO_VERSION, motoPython } from './moto-install.js';

export interface Moto {
  /** http://127.0.0.1:<port> — pass as AWS_ENDPOINT_URL. */
  readonly endpoint: string;
  /** Environment for SDK clients and child processes: endpoint, region, dummy credentials. */
  readonly env: Readonly<Record<string, string>>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface MotoOptions {
  readonly env?: Record<string, string>;
  /** A Python launcher that patches moto before serving (called as `python3 <launcher> <host> <port>`);
   *  plain `moto_server` without it. */
  readonly launcher?: string;
}

export async function startMoto(options: MotoOptions = {}): Promise<Moto> {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const motoServer = findMotoServer();
  if (motoServer === undefined)
    throw new Error(
      `moto_server is not installed: run the tests with vitest (its setup installs moto into .cache/python) or \`pip install 'moto[server]==${MOTO_VERSION}'\``,
    );
  // A launcher runs under the Python that has moto: the project's venv when moto came from there.
  const [command, args] = options.launcher
    ? [motoPython(motoServer), [options.launcher, '127.0.0.1', String(port)]]
    : [motoServer, ['-H', '127.0.0.1', '-p', String(port)]];
  const child: ChildProcess = spawn(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...options.env },
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) =>
      reject(new Error(`moto_server exited (${code}): ${stderr.slice(-500)}`)),
    ),
  );
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const response = await Promise.race([fetch(`${endpoint}/moto-api/`), exited]);
      if (response.ok) break;
    } catch (error) {
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill();
        throw new Error(`${motoServer} did not start on ${endpoint}: ${(error as Error).message}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  exited.catch(() => undefined);
  return {
    endpoint,
    env: {
      AWS_ENDPOINT_URL: endpoint,
      AWS_REGION: 'ap-northeast-1',
      AWS_DEFAULT_REGION: 'ap-northeast-1',
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
    },
    stop: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
