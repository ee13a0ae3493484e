// Root hooks for every test file: no real network, and every nock interceptor
// a test sets up must have been used by the end of that test.
import nock from 'nock';

export const mochaHooks = {
  beforeAll(): void {
    nock.disableNetConnect();
    // Local servers (slow or chunked answers) run on loopback.
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
  },
  afterEach(): void {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    if (pending.length > 0) throw new Error(`nock interceptors not used: ${pending.join(', ')}`);
  },
};
