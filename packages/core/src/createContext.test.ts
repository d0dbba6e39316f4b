import { inspect } from 'node:util';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AUTHORIZATION, createContext } from './createContext.ts';
import { ConfigurationError } from './errors.ts';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('createContext', () => {
  it('uses the defaults when nothing is set', () => {
    vi.stubEnv('SYMBIONT_API_KEY', '');
    vi.stubEnv('SYMBIONT_BASE_URL', '');
    vi.stubEnv('SYMBIONT_TIMEOUT', '');
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '');
    const ctx = createContext();
    expect(ctx.baseUrl).toBe('http://localhost:8080/api/v1');
    expect(ctx.timeout).toBe(30_000);
    expect(ctx.maxRetries).toBe(3);
    expect(ctx.totalTimeout).toBeUndefined();
    expect(ctx.validateResponses).toBe(true);
    expect(ctx.maxResponseBytes).toBe(32 * 1024 * 1024);
    expect(ctx.hasApiKey).toBe(false);
  });

  it('reads the environment (timeout in seconds) when options are not given', () => {
    vi.stubEnv('SYMBIONT_API_KEY', 'env-key-123');
    vi.stubEnv('SYMBIONT_BASE_URL', 'https://env.example.com/api/v1/');
    vi.stubEnv('SYMBIONT_TIMEOUT', '12.5');
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '5');
    const ctx = createContext();
    expect(ctx.baseUrl).toBe('https://env.example.com/api/v1');
    expect(ctx.timeout).toBe(12_500);
    expect(ctx.maxRetries).toBe(5);
    expect(ctx.hasApiKey).toBe(true);
  });

  it('lets explicit options win over the environment', () => {
    vi.stubEnv('SYMBIONT_API_KEY', 'env-key-123');
    vi.stubEnv('SYMBIONT_BASE_URL', 'https://env.example.com/api/v1');
    vi.stubEnv('SYMBIONT_TIMEOUT', '12');
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '5');
    const ctx = createContext({ apiKey: 'explicit', baseUrl: 'http://127.0.0.1:9/x', timeout: 250, maxRetries: 0 });
    expect(ctx.baseUrl).toBe('http://127.0.0.1:9/x');
    expect(ctx.timeout).toBe(250);
    expect(ctx.maxRetries).toBe(0);
    expect((ctx as unknown as Record<symbol, () => string>)[AUTHORIZATION]!()).toBe('Bearer explicit');
  });

  it('works where there is no process (browsers, Workers)', () => {
    vi.stubGlobal('process', undefined);
    const ctx = createContext();
    expect(ctx.baseUrl).toBe('http://localhost:8080/api/v1');
  });

  it('removes every trailing slash from baseUrl', () => {
    expect(createContext({ baseUrl: 'http://h:1/api/v1///' }).baseUrl).toBe('http://h:1/api/v1');
    expect(createContext({ baseUrl: 'http://h:1/' }).baseUrl).toBe('http://h:1');
  });

  it.each([
    [{ baseUrl: 'not a url' }, 'baseUrl', 'absolute'],
    [{ baseUrl: 'ftp://h/x' }, 'baseUrl', 'http(s)'],
    [{ baseUrl: 'https://user:pass@h/x' }, 'baseUrl', 'credentials'],
    [{ timeout: -1 }, 'timeout', 'positive'],
    [{ timeout: Number.NaN }, 'timeout', 'positive'],
    [{ totalTimeout: 0 }, 'totalTimeout', 'positive'],
    [{ timeout: 3e9 }, 'timeout', 'up to 2147483647'],
    [{ maxRetries: 1.5 }, 'maxRetries', 'integer'],
    [{ maxRetries: -1 }, 'maxRetries', 'integer'],
    [{ maxResponseBytes: 1.5 }, 'maxResponseBytes', 'integer'],
    [{ apiKey: '' }, 'apiKey', 'non-empty'],
    [{ fetch: 'nope' }, 'fetch', 'function'],
  ])('refuses %o with a ConfigurationError naming the option', (config, option, problem) => {
    let caught: unknown;
    try {
      createContext(config as never);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as ConfigurationError).option).toBe(option);
    expect((caught as Error).message).toContain(problem);
  });

  it('names the environment variable when the environment is at fault', () => {
    vi.stubEnv('SYMBIONT_MAX_RETRIES', 'three');
    expect(() => createContext()).toThrow(expect.objectContaining({ option: 'SYMBIONT_MAX_RETRIES' }));
    vi.stubEnv('SYMBIONT_MAX_RETRIES', '');
    vi.stubEnv('SYMBIONT_TIMEOUT', '-3');
    expect(() => createContext()).toThrow(expect.objectContaining({ option: 'SYMBIONT_TIMEOUT' }));
  });

  it('never shows the API key in inspect or JSON, even with showHidden', () => {
    const ctx = createContext({ apiKey: 'sk-very-secret-key' });
    expect(inspect(ctx, { showHidden: true, depth: 10 })).not.toContain('sk-very-secret-key');
    expect(JSON.stringify(ctx)).not.toContain('sk-very-secret-key');
    expect(String(Object.values(ctx))).not.toContain('sk-very-secret-key');
  });

  it('does not put the API key in a ConfigurationError', () => {
    try {
      createContext({ apiKey: 'sk-very-secret-key', baseUrl: 'nope' });
    } catch (error) {
      expect(inspect(error, { showHidden: true })).not.toContain('sk-very-secret-key');
    }
  });

  it.each([['headers', 'ab'], ['headers', [['x-a', 'b']]], ['headers', null], ['hooks', 'x'], ['hooks', [() => undefined]]])('%s that is not a plain object (%j) is a ConfigurationError naming it', (option, value) => {
    expect(() => createContext({ [option]: value } as never)).toThrow(expect.objectContaining({ name: 'ConfigurationError', option }));
  });

  it('is immutable', () => {
    const ctx = createContext({ headers: { 'X-Team': 'a' } });
    expect(Object.isFrozen(ctx)).toBe(true);
    expect(Object.isFrozen(ctx.headers)).toBe(true);
    expect(ctx.headers).toEqual({ 'x-team': 'a' });
  });

  it('warns once through the debug logger about plain http to a host other than loopback', () => {
    const lines: string[] = [];
    const logger = (line: string) => lines.push(line);
    createContext({ baseUrl: 'http://host.docker.internal:8080/api/v1', debug: true, logger });
    createContext({ baseUrl: 'http://host.docker.internal:8080/api/v1', debug: true, logger });
    createContext({ baseUrl: 'http://127.0.0.1:8080/api/v1', debug: true, logger });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('host.docker.internal:8080');
  });
});

describe('createContext: the API key, messages and logging (contract v2)', () => {
  const authorization = (ctx: object) => (ctx as Record<symbol, () => string>)[AUTHORIZATION]!();

  it('trims the API key once, so what is sent is what is redacted', () => {
    expect(authorization(createContext({ apiKey: '  sk-padded-key \n' }))).toBe('Bearer sk-padded-key');
  });

  it.each(['sk-a b', 'sk-a\tb', 'sk-a\0b', 'sk-a\x7fb', 'sk-a\u0001b', '   '])('refuses %j without quoting it', (apiKey) => {
    const error = (() => {
      try {
        createContext({ apiKey });
      } catch (caught) {
        return caught as ConfigurationError;
      }
      throw new Error('expected a ConfigurationError');
    })();
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.option).toBe('apiKey');
    expect(error.message).not.toContain('sk-a');
  });

  it('environment messages name the value received', () => {
    vi.stubEnv('SYMBIONT_TIMEOUT', 'abc');
    expect(() => createContext()).toThrow('SYMBIONT_TIMEOUT must be a positive number of seconds, got "abc"');
    vi.stubEnv('SYMBIONT_TIMEOUT', '-2');
    expect(() => createContext()).toThrow('SYMBIONT_TIMEOUT must be a positive number of seconds, got "-2"');
    vi.stubEnv('SYMBIONT_TIMEOUT', '');
    vi.stubEnv('SYMBIONT_MAX_RETRIES', 'lots');
    expect(() => createContext()).toThrow('SYMBIONT_MAX_RETRIES must be a non-negative integer, got "lots"');
    expect(() => createContext({ maxRetries: 1.5 })).toThrow('maxRetries must be a non-negative integer, got 1.5');
  });

  it.each(['debug', '1', 'true', 'TRUE'])('SYMBIONT_LOG=%s turns debug logging on; other values do not', (value) => {
    vi.stubEnv('SYMBIONT_LOG', value);
    expect(createContext().log).toBeTypeOf('function');
    vi.stubEnv('SYMBIONT_LOG', 'no');
    expect(createContext().log).toBeUndefined();
  });

  it('logs to standard error by default where there is one, console.debug elsewhere', () => {
    expect(createContext({ debug: true }).log).toBe(console.error);
    vi.stubGlobal('process', undefined);
    expect(createContext({ debug: true }).log).toBe(console.debug);
  });
});
