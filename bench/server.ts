// The loopback server the benchmark calls, run in a child process so that serving shares neither
// the client's event loop nor its CPU accounting. Answers `/api/v1/health` and `/api/v1/tool-review/sessions/{id}` with
// fixed JSON, and acts as a minimal forward proxy (for the proxy transport). Reports its port and, on
// request, how many sockets are open.
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { connect, type Socket } from 'node:net';
import { HEALTH, REVIEW_SESSION } from './fixtures.ts';

const json = (value: unknown) => {
  const body = Buffer.from(JSON.stringify(value));
  return { body, headers: { 'content-type': 'application/json', 'content-length': String(body.byteLength) } };
};
const health = json(HEALTH);
const session = json(REVIEW_SESSION);
const notFound = json({ error: 'not found', code: 'NOT_FOUND' });

const upstreamAgent = new Agent({ keepAlive: true });
/** A forward proxy for absolute-form requests (`GET http://host/path`): pass it on upstream. */
function forward(req: IncomingMessage, res: ServerResponse): void {
  const target = new URL(req.url!);
  const headers: Record<string, string | string[] | undefined> = { ...req.headers, host: target.host };
  delete headers['proxy-connection'];
  const upstream = request(target, { method: req.method, headers, agent: upstreamAgent }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.writeHead(502).end());
  req.pipe(upstream);
}

const sockets = new Set<Socket>();
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  if (req.url?.startsWith('http://')) {
    forward(req, res);
    return;
  }
  const reply = req.url === '/api/v1/health' ? health
    : req.url?.startsWith('/api/v1/tool-review/sessions/') ? session
      : undefined;
  if (!reply) {
    res.writeHead(404, notFound.headers).end(notFound.body);
    return;
  }
  res.writeHead(200, reply.headers).end(reply.body);
});
server.keepAliveTimeout = 60_000;
server.headersTimeout = 65_000;
server.on('connection', (socket) => {
  sockets.add(socket);
  socket.on('close', () => sockets.delete(socket));
});
// CONNECT (used for https targets): tunnel to the requested host:port.
server.on('connect', (req: IncomingMessage, client: Socket, head: Buffer) => {
  const [host, port] = (req.url ?? '').split(':');
  const upstream = connect(Number(port), host, () => {
    client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length) upstream.write(head);
    upstream.pipe(client);
    client.pipe(upstream);
  });
  upstream.on('error', () => client.destroy());
  client.on('error', () => upstream.destroy());
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.send!({ port: typeof address === 'object' && address ? address.port : 0 });
});
process.on('disconnect', () => process.exit(0));
process.on('message', (message: string) => {
  if (message === 'sockets') {
    // Client sockets only: leave out the proxy's own connections to this server.
    const own = new Set<number | undefined>();
    for (const list of [...Object.values(upstreamAgent.sockets), ...Object.values(upstreamAgent.freeSockets)]) {
      for (const socket of list ?? []) own.add(socket.localPort);
    }
    process.send!({ sockets: [...sockets].filter((socket) => !own.has(socket.remotePort)).length });
  }
  if (message === 'close') {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  }
});
