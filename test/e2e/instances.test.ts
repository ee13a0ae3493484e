// Many instances: two demo instances share a Redis session store, so a login
// that starts on instance A can finish on instance B. With two in-process
// stores, the same callback fails with the state-mismatch page.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { expect } from 'chai';
import { startEmulator, type Emulator } from 'passport-naver-kakao/testing';
import { createDemo, demoEmulatorOptions, type Demo } from '../../demo/app.js';

const REDIS = process.env['REDIS_SERVER'] ?? 'redis-server';
/** The skip line is printed once. */
let skipNoted = false;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Starts redis-server on a free port with no persistence, and waits until it accepts connections. */
async function startRedis(): Promise<{ url: string; proc: ChildProcess }> {
  const port = await freePort();
  const proc = spawn(REDIS, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.end();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
    if (up) return { url: `redis://127.0.0.1:${port}`, proc };
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  proc.kill();
  throw new Error('redis-server did not start');
}

/** One demo instance on its own port. Both instances are configured with the same public base URL, as behind one load balancer. */
async function instance(port: number, base: string, emulator: Emulator, redisURL?: string): Promise<{ demo: Demo; server: http.Server }> {
  const demo = await createDemo({ baseURL: base, sessionSecret: 'shared-secret-for-every-instance', emulator, redisURL });
  const server = http.createServer(demo.app);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { demo, server };
}

describe('many instances', function () {
  this.timeout(60_000);
  let redis: { url: string; proc: ChildProcess } | undefined;
  let emulator: Emulator;
  const running: Array<{ demo: Demo; server: http.Server }> = [];

  before(async function () {
    if (spawnSync(REDIS, ['--version']).status !== 0) {
      if (process.env['REQUIRE_REDIS'] === '1') throw new Error(`REQUIRE_REDIS=1 but ${REDIS} cannot run`);
      if (!skipNoted) console.log(`    skipped: many-instances tests, no ${REDIS} (apt-get install redis-server; REQUIRE_REDIS=1 makes this an error)`);
      skipNoted = true;
      this.skip();
    }
    redis = await startRedis();
  });
  afterEach(async () => {
    for (const { demo, server } of running.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await demo.close();
    }
    await emulator?.close();
  });
  after(() => redis?.proc.kill());

  /** Starts the login on A, approves it, and sends the callback to B with A's session cookie. */
  async function loginAcross(shared: boolean): Promise<string> {
    const [portA, portB] = [await freePort(), await freePort()];
    const base = `http://localhost:${portB}`; // the one public callback URL
    emulator = await startEmulator(demoEmulatorOptions(base));
    const a = await instance(portA, base, emulator, shared ? redis!.url : undefined);
    const b = await instance(portB, base, emulator, shared ? redis!.url : undefined);
    running.push(a, b);
    const start = await fetch(`http://localhost:${portA}/login/kakao`, { redirect: 'manual' });
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const callback = new URL(await emulator.approve(start.headers.get('location')!, 'kim'));
    expect(callback.origin).to.equal(base);
    const landed = await fetch(callback, { redirect: 'manual', headers: { cookie } });
    return landed.headers.get('location') ?? `HTTP ${landed.status}`;
  }

  it('with sessions in Redis, a login started on A completes on B', async () => {
    expect(await loginAcross(true)).to.equal('/profile');
  });

  it('with sessions in Redis, an unlink notification received by B ends the session a user has on A', async () => {
    const [portA, portB] = [await freePort(), await freePort()];
    const base = `http://localhost:${portB}`; // the URL the providers call: instance B
    emulator = await startEmulator(demoEmulatorOptions(base));
    const a = await instance(portA, base, emulator, redis!.url);
    const b = await instance(portB, base, emulator, redis!.url);
    running.push(a, b);
    const start = await fetch(`http://localhost:${portA}/login/kakao`, { redirect: 'manual' });
    const cookie = start.headers.getSetCookie()[0]!.split(';')[0]!;
    const callback = await fetch(await emulator.approve(start.headers.get('location')!, 'kim'), { redirect: 'manual', headers: { cookie } });
    const session = callback.headers.getSetCookie()[0]?.split(';')[0] ?? cookie;
    const profileOnA = () => fetch(`http://localhost:${portA}/profile`, { redirect: 'manual', headers: { cookie: session } });
    expect((await profileOnA()).status).to.equal(200);
    expect((await emulator.disconnect('kakao', 'kim'))?.status).to.equal(200);
    let status = 200;
    for (let i = 0; i < 40 && status === 200; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await profileOnA()).status;
    }
    expect(status).to.equal(302);
  });

  it('with in-process sessions, the same callback fails with the state-mismatch page', async () => {
    expect(await loginAcross(false)).to.equal('/login/failed');
  });
});
