// Entry for workerd (through miniflare): the Worker's fetch handler runs the program and answers
// with the log lines as JSON. BASE_URL, API_KEY and WEBHOOK_URL come from bindings.
import { createContext } from '@symbiont/core';
import { type ChatEvent, connectChat } from '@symbiont/chat';
import { run } from './program.ts';

interface Env {
  BASE_URL: string;
  WEBHOOK_URL: string;
  API_KEY: string;
}

export default {
  async fetch(_request: Request, env: Env): Promise<Response> {
    const runtime = navigator.userAgent;
    try {
      const lines = await run(env.BASE_URL, env.API_KEY, env.WEBHOOK_URL);
      lines.push(await chatThroughFetch(env));
      return Response.json({ ok: true, runtime, lines });
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      return Response.json({ ok: false, runtime, error: message }, { status: 500 });
    }
  },
};

/**
 * workerd has a `WebSocket` constructor, so `run` chats through it; this chats again with the
 * constructor hidden, through the SDK's other path for Workers: `fetch` with `Upgrade: websocket`
 * and the response's `webSocket`.
 */
async function chatThroughFetch(env: Env): Promise<string> {
  const g = globalThis as { WebSocket?: unknown };
  const saved = g.WebSocket;
  g.WebSocket = undefined;
  let chat;
  try {
    chat = await connectChat(createContext({ baseUrl: env.BASE_URL, apiKey: env.API_KEY, maxRetries: 0 }));
  } finally {
    g.WebSocket = saved;
  }
  try {
    const events: ChatEvent[] = [];
    for await (const event of chat.send('hello through fetch')) events.push(event);
    const reply = events.at(-1);
    if (reply?.type !== 'ChatChunk' || !reply.content.endsWith('hello through fetch')) throw new Error(`check failed: the fetch-upgrade chat answers (got ${JSON.stringify(events)})`);
    return `connectChat without the WebSocket constructor (fetch + Upgrade: websocket): reply "${reply.content}"`;
  } finally {
    await chat.close();
  }
}
