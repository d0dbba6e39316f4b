// Entry for the browser: the driver sets `window.__config = { baseUrl, apiKey }` before the page's
// scripts run; the result is left in `window.__result` for the driver to read.
import { run } from './program.ts';

interface Result {
  ok: boolean;
  runtime: string;
  lines?: string[];
  error?: string;
}
const w = window as unknown as { __config?: { baseUrl: string; apiKey: string; webhookUrl: string }; __result?: Result };
const runtime = navigator.userAgent;

run(w.__config?.baseUrl ?? '', w.__config?.apiKey ?? '', w.__config?.webhookUrl ?? '').then(
  (lines) => {
    w.__result = { ok: true, runtime, lines };
  },
  (error: unknown) => {
    w.__result = { ok: false, runtime, error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  },
);
