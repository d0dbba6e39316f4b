/** The `symbiont-mock-runtime` command: starts the mock runtime until SIGINT/SIGTERM. */
import { parseArgs } from 'node:util';
import { startMockRuntime } from './start.ts';
import type { MockRuntime } from './types.ts';

const USAGE = `Usage: symbiont-mock-runtime [--port N] [--host H] [--api-key KEY] [--review-delay-ms MS]
                             [--open-source] [--rate-limit N] [--webhook-secret S] [--no-chat]

  --port             port to listen on (env PORT, default 8080; 0 = any free port)
  --host             interface to listen on (default 127.0.0.1)
  --api-key          require "Authorization: Bearer KEY" (env SYMBIONT_API_KEY)
  --review-delay-ms  time each automatic review step takes (default 200)
  --open-source      serve only what the open-source runtime v1.19 serves (enterprise: false)
  --rate-limit       the runtime's per-IP limit: N requests a minute (429 past it; default off)
  --webhook-secret   the HTTP Input listener also requires a valid X-Hub-Signature-256
  --no-chat          do not serve /ws/chat
`;

function parseNumber(name: string, value: string): number {
  const parsed = Number(value);
  if (value.trim() === '' || !Number.isInteger(parsed) || parsed < 0) throw new Error(`${name} must be a non-negative integer, got '${value}'`);
  return parsed;
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and `env`. Resolves with the running
 * server once it listens; it closes itself on SIGINT/SIGTERM. Exits with code 2 on bad arguments.
 */
export async function runCli(argv: readonly string[] = process.argv.slice(2), env: NodeJS.ProcessEnv = process.env): Promise<MockRuntime | undefined> {
  let port: number;
  let reviewDelayMs: number | undefined;
  let rateLimitPerMinute: number | undefined;
  let values: {
    port?: string | undefined;
    host?: string | undefined;
    'api-key'?: string | undefined;
    'review-delay-ms'?: string | undefined;
    'open-source'?: boolean | undefined;
    'rate-limit'?: string | undefined;
    'webhook-secret'?: string | undefined;
    'no-chat'?: boolean | undefined;
    help?: boolean | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', short: 'p' },
        host: { type: 'string' },
        'api-key': { type: 'string' },
        'review-delay-ms': { type: 'string' },
        'open-source': { type: 'boolean' },
        'rate-limit': { type: 'string' },
        'webhook-secret': { type: 'string' },
        'no-chat': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
    port = parseNumber('--port', values.port ?? env.PORT ?? '8080');
    if (values['review-delay-ms'] !== undefined) reviewDelayMs = parseNumber('--review-delay-ms', values['review-delay-ms']);
    if (values['rate-limit'] !== undefined) {
      rateLimitPerMinute = parseNumber('--rate-limit', values['rate-limit']);
      if (rateLimitPerMinute === 0) throw new Error(`--rate-limit must be at least 1 request a minute, got '0'`);
    }
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return undefined;
  }
  if (values.help === true) {
    process.stdout.write(USAGE);
    return undefined;
  }

  const apiKey = values['api-key'] ?? (env.SYMBIONT_API_KEY || undefined);
  let mock: MockRuntime;
  try {
    mock = await startMockRuntime({
      port,
      host: values.host,
      apiKey,
      reviewDelayMs,
      enterprise: !values['open-source'],
      rateLimitPerMinute,
      webhookSecret: values['webhook-secret'],
      chat: !values['no-chat'],
    });
  } catch (error) {
    process.stderr.write(`symbiont-mock-runtime: cannot listen: ${(error as Error).message}\n`);
    process.exitCode = 1;
    return undefined;
  }
  const origin = mock.url.slice(0, -'/api/v1'.length);
  process.stdout.write(
    `Symbiont mock runtime listening at ${mock.url}${values['open-source'] ? ' (open-source routes only)' : ''}\n` +
      `HTTP Input listener (webhooks): ${mock.webhookUrl}\n` +
      (values['no-chat'] ? '' : `Coordinator chat: ${origin.replace(/^http/, 'ws')}/ws/chat\n`) +
      `Public key (SchemaPin): ${origin}/.well-known/schemapin.json\n` +
      (apiKey === undefined ? 'No API key required\n' : 'API key required (Authorization: Bearer <key>)\n') +
      'Press Ctrl+C to stop\n',
  );

  const stop = (signal: NodeJS.Signals): void => {
    process.stdout.write(`Received ${signal}, shutting down\n`);
    void mock.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return mock;
}
