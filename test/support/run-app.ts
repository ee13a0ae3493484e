// Starts an example app as its reader would: a file run with `node --import tsx`,
// configured only through environment variables, ready once it prints
// "Listening on <BASE_URL>".
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { startEmulator, type Emulator } from '../../lib/testing/index.js';

/** A running example app. */
export interface RunningApp {
  baseURL: string;
  /** Everything the app printed so far. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * The emulator an example app runs against: both default apps registered with
 * their secret (Kakao's Client Secret ON) and with only the example's own
 * callback URL, so a Kakao strategy without its secret (KOE010) or a wrong
 * redirect URI fails the login, as with a real registration.
 *
 * @param callbackPath - the example's callback path for a provider, e.g. `/oauth2/redirect/naver`
 */
export function exampleEmulator(port: number, callbackPath: (provider: 'naver' | 'kakao') => string): Promise<Emulator> {
  const base = `http://localhost:${port}`;
  return startEmulator({
    naverClients: [{ clientID: 'naver-test-client', clientSecret: 'naver-test-secret', redirectURIs: [base + callbackPath('naver')] }],
    kakaoClients: [{ clientID: 'kakao-test-client', clientSecret: 'kakao-test-secret', redirectURIs: [base + callbackPath('kakao')] }],
  });
}

/** The variables the examples read to reach {@link exampleEmulator}: the apps' credentials and the endpoints. */
export function exampleEnv(emulator: Emulator): Record<string, string> {
  return {
    NAVER_CLIENT_ID: 'naver-test-client',
    NAVER_CLIENT_SECRET: 'naver-test-secret',
    KAKAO_CLIENT_ID: 'kakao-test-client',
    KAKAO_CLIENT_SECRET: 'kakao-test-secret',
    NAVER_ENDPOINTS: JSON.stringify(emulator.naver),
    KAKAO_ENDPOINTS: JSON.stringify(emulator.kakao),
  };
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Runs `file` from `cwd` with `env` plus `PORT` and `BASE_URL`
 * (`http://localhost:<port>`). Rejects with the app's output if it exits or
 * has not printed its start line within 30 seconds.
 */
export async function runApp(file: string, cwd: string, port: number, env: Record<string, string>): Promise<RunningApp> {
  const baseURL = `http://localhost:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', file], {
    cwd,
    env: { PATH: process.env['PATH'] ?? '', ...env, PORT: String(port), BASE_URL: baseURL },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM');
      reject(new Error(`${file} did not start within 30 s:\n${output}`));
    }, 30_000);
    const read = (chunk: Buffer): void => {
      output += chunk.toString('utf8');
      if (output.includes(`Listening on ${baseURL}`)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${file} exited with ${code} before listening:\n${output}`));
    });
  });
  return {
    baseURL,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
