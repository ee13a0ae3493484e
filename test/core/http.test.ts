import { expect } from 'chai';
import { endpoint, ProviderRequestError, send, withHeader, type HttpResponse, type HttpSettings } from '../../lib/http.js';
import { localServer, type LocalServer } from '../servers.js';

const settings: HttpSettings = { timeout: 300, maxResponseBytes: 1000 };

/** Sends one request and resolves with what the callback got, failing if it is called twice. */
function call(url: string, overrides: Partial<HttpSettings> = {}, body?: string): Promise<{ err: ProviderRequestError | null; res?: HttpResponse; ms: number }> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let calls = 0;
    send(endpoint(url, 'url'), body === undefined ? 'GET' : 'POST', { 'X-Test': '1' }, body, { ...settings, ...overrides }, 'Test request', (err, res) => {
      calls++;
      if (calls > 1) return reject(new Error('callback called twice'));
      setTimeout(() => resolve(res === undefined ? { err, ms: Date.now() - started } : { err, res, ms: Date.now() - started }), 50);
    });
  });
}

describe('withHeader', () => {
  it('returns a copy with the header added, leaving the shared headers as they were', () => {
    const shared = { 'User-Agent': 'passport-naver-kakao', Accept: 'application/json' };
    const headers = withHeader(shared, 'Authorization', 'Bearer t');
    expect(headers).to.deep.equal({ 'User-Agent': 'passport-naver-kakao', Accept: 'application/json', Authorization: 'Bearer t' });
    expect(Object.keys(headers)).to.deep.equal(['User-Agent', 'Accept', 'Authorization']);
    expect(shared).to.deep.equal({ 'User-Agent': 'passport-naver-kakao', Accept: 'application/json' });
  });
});

describe('the HTTP layer', () => {
  let server: LocalServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('returns status, headers and the whole body', async () => {
    server = await localServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json' });
      res.end('{"ok":true}');
    });
    const { err, res } = await call(`${server.url}/path?x=1`, {}, 'a=1&b=%ED%95%9C');
    expect(err).to.equal(null);
    expect(res).to.include({ status: 201, body: '{"ok":true}' });
    expect(res!.headers['content-type']).to.equal('application/json');
    expect(server.requests[0]).to.include({ method: 'POST', url: '/path?x=1', body: 'a=1&b=%ED%95%9C' });
    expect(server.requests[0]!.headers).to.include({ 'x-test': '1', 'content-length': '15' });
  });

  it('keeps a Hangul character whole when its bytes arrive in two chunks', async () => {
    const bytes = Buffer.from('{"nickname":"홍길동"}', 'utf8');
    const cut = bytes.indexOf(Buffer.from('길', 'utf8')) + 1; // inside the 3-byte character
    server = await localServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.write(bytes.subarray(0, cut));
      setTimeout(() => res.end(bytes.subarray(cut)), 30);
    });
    const { res } = await call(server.url);
    expect(res!.body).to.equal('{"nickname":"홍길동"}');
  });

  it('ends a request that gets no answer with ETIMEDOUT at the timeout', async () => {
    server = await localServer(() => undefined);
    const { err, ms } = await call(server.url);
    expect(err).to.be.instanceOf(ProviderRequestError);
    expect(err).to.include({ code: 'ETIMEDOUT', message: 'Test request timed out after 300 ms' });
    expect(ms).to.be.within(290, 1000);
  });

  it('ends an answer that drips in and never finishes at the timeout', async () => {
    server = await localServer((_req, res) => {
      res.writeHead(200);
      const drip = setInterval(() => res.write(' '), 20);
      res.on('close', () => clearInterval(drip));
    });
    const { err, ms } = await call(server.url);
    expect(err).to.include({ code: 'ETIMEDOUT' });
    expect(ms).to.be.within(290, 1000);
  });

  it('reports a connection reset in the middle of the body', async () => {
    server = await localServer((_req, res) => {
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"partial":');
      setTimeout(() => res.destroy(), 20);
    });
    const { err } = await call(server.url);
    expect(err).to.include({ code: 'ECONNRESET', message: 'Test request failed: ECONNRESET' });
  });

  it('stops reading a body over maxResponseBytes', async () => {
    server = await localServer((_req, res) => {
      res.writeHead(200);
      res.end('x'.repeat(5000));
    });
    const { err } = await call(server.url);
    expect(err).to.include({ code: 'ERESPONSETOOLARGE', message: 'Test request answered with a body over 1000 bytes', status: 200 });
  });

  it('reports a refused connection with its code', async () => {
    server = await localServer(() => undefined);
    const url = server.url;
    await server.close();
    server = undefined;
    const { err } = await call(url);
    expect(err).to.include({ code: 'ECONNREFUSED', message: 'Test request failed: ECONNREFUSED', category: 'retry' });
    expect((err as Error & { cause?: { code?: string } }).cause).to.be.instanceOf(Error).and.include({ code: 'ECONNREFUSED' });
  });

  it('rejects a URL that is not absolute http(s) when it is parsed', () => {
    expect(() => endpoint('/relative', 'tokenURL')).to.throw(TypeError, 'tokenURL must be an absolute URL');
    expect(() => endpoint('ftp://host/x', 'profileURL')).to.throw(TypeError, 'profileURL must be an http or https URL');
  });
});
