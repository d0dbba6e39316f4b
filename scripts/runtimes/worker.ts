// Entry for workerd (through miniflare): the Worker's fetch handler runs the program and answers
// with the log lines as JSON. BASE_URL and API_KEY come from bindings.
import { run } from './program.ts';

interface Env {
  BASE_URL: string;
  API_KEY: string;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const runtime = navigator.userAgent;
    try {
      const lines = await run(env.BASE_URL, env.API_KEY);
      return Response.json({ ok: true, runtime, lines });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return Response.json({ ok: false, runtime, error: message }, { status: 500 });
    }
  },
};
