/**
 * The mock runtime's usual test set-up in one call: start it (once per file or once per test),
 * a context on it, a clean slate before each test, and close it afterwards.
 */
import { createContext, type Context, type ContextConfig } from '@symbiont/core';
import { startMockRuntime, type MockRuntime, type MockRuntimeOptions, type RecordedRequest } from '@symbiont/mock-runtime';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';

/** Options of `useMockRuntime`: the mock's own options plus how the test uses it. */
export interface UseMockRuntimeOptions extends MockRuntimeOptions {
  /**
   * `'file'` (default): one mock for the whole file (`beforeAll` / `afterAll`), its requests and
   * fault handler cleared before each test. `'test'`: a fresh mock for every test (`beforeEach` / `afterEach`).
   */
  per?: 'file' | 'test' | undefined;
  /** What the context targets: the API (`mock.url`, default) or the HTTP Input listener (`mock.webhookUrl`). */
  target?: 'api' | 'webhook' | undefined;
  /**
   * The rest of the context's configuration (`baseUrl` and `apiKey` come from the mock). Default
   * `{ maxRetries: 0 }`; pass `{}` for the SDK's defaults.
   */
  context?: ContextConfig | undefined;
  /** Runs once the mock is started (after the context exists): e.g. find agent ids. */
  setup?: ((fixture: MockRuntimeFixture) => void | Promise<void>) | undefined;
  /**
   * Runs before each test, after the fault handler is removed and before the recorded requests are
   * cleared: e.g. empty inboxes, so that each test starts from nothing.
   */
  reset?: ((fixture: MockRuntimeFixture) => void | Promise<void>) | undefined;
}

/** What `useMockRuntime` returns: getters, valid inside tests and hooks registered after it. */
export interface MockRuntimeFixture {
  /** The running mock runtime. */
  readonly mock: MockRuntime;
  /** A context on it, with the mock's API key. */
  readonly ctx: Context;
  /** The last request the mock recorded (fails when there is none). */
  last(): RecordedRequest;
}

/**
 * Registers the vitest hooks that start a mock runtime, make a context on it, clear its requests
 * and fault handler before each test, and close it; returns getters for both.
 *
 * @example
 * ```ts
 * const runtime = useMockRuntime({ apiKey: 'test-key' });
 * it('lists', async () => {
 *   await listSchedules(runtime.ctx);
 *   expect(runtime.last()).toMatchObject({ method: 'GET', path: '/schedules' });
 * });
 * ```
 */
export function useMockRuntime(options: UseMockRuntimeOptions = {}): MockRuntimeFixture {
  const { per = 'file', target = 'api', context = { maxRetries: 0 }, setup, reset, ...mockOptions } = options;
  let mock: MockRuntime | undefined;
  let ctx: Context | undefined;
  const fixture: MockRuntimeFixture = {
    get mock() {
      if (mock === undefined) throw new Error('useMockRuntime: the mock runtime is not running (use it inside a test or a later hook)');
      return mock;
    },
    get ctx() {
      if (ctx === undefined) throw new Error('useMockRuntime: no context yet (use it inside a test or a later hook)');
      return ctx;
    },
    last() {
      const { requests } = fixture.mock;
      if (requests.length === 0) throw new Error('useMockRuntime: the mock has recorded no request');
      return requests[requests.length - 1]!;
    },
  };
  const start = async (): Promise<void> => {
    mock = await startMockRuntime(mockOptions);
    ctx = createContext({ ...context, baseUrl: target === 'webhook' ? mock.webhookUrl : mock.url, apiKey: mockOptions.apiKey });
    await setup?.(fixture);
  };
  const stop = async (): Promise<void> => {
    const running = mock;
    mock = undefined;
    ctx = undefined;
    await running?.close();
  };
  if (per === 'test') {
    beforeEach(start);
    afterEach(stop);
  } else {
    beforeAll(start);
    afterAll(stop);
    beforeEach(async () => {
      fixture.mock.setFault();
      await reset?.(fixture);
      fixture.mock.clearRequests();
    });
  }
  return fixture;
}
