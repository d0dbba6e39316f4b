// Two agents messaging each other through the runtime's message bus: Alice sends Bob tasks, Bob
// watches his inbox and answers each one, Alice reads the answers; then delivery statuses, a
// consumer that stops mid-batch without losing anything, and what the runtime refuses. Runs
// against a mock runtime it starts (it begins with two agents, both on the message bus).
import { createContext, listAgents, NotFoundError, ValidationError } from '@symbiont/core';
import { getMessageStatus, receiveMessages, sendMessage, watchMessages, type MessageEnvelope } from '@symbiont/messaging';
import { startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });
  const [alice, bob] = await listAgents(ctx);
  if (!alice || !bob) throw new Error('the runtime should know two agents');
  console.log(`Alice is ${alice.name} (${alice.id}), Bob is ${bob.name} (${bob.id})`);

  // Alice sends Bob three tasks. The payload is a string: JSON is stringified by the sender.
  const tasks = [{ op: 'add', a: 2, b: 3 }, { op: 'multiply', a: 4, b: 5 }, { op: 'add', a: 10, b: -4 }];
  const sent: string[] = [];
  for (const task of tasks) {
    const { message_id, status } = await sendMessage(ctx, bob.id, { sender: alice.id, payload: JSON.stringify(task), ttl_seconds: 60 });
    sent.push(message_id);
    console.log(`Alice → Bob ${message_id}: ${status}`);
  }
  console.log(`Status of the first: ${(await getMessageStatus(ctx, sent[0]!)).status}`);

  // Bob watches his inbox and answers each task, in order, then stops.
  let answered = 0;
  for await (const message of watchMessages(ctx, bob.id, { interval: 100 })) {
    const task = JSON.parse(message.payload) as { op: string; a: number; b: number };
    const result = task.op === 'add' ? task.a + task.b : task.a * task.b;
    console.log(`Bob got ${message.payload} from ${message.sender === alice.id ? 'Alice' : message.sender}, sent at ${message.timestamp_secs} (Unix s)`);
    await sendMessage(ctx, alice.id, { sender: bob.id, payload: JSON.stringify({ re: message.message_id, result }) });
    if (++answered === tasks.length) break;
  }

  // Alice reads her answers: receiveMessages consumes them (and is never retried).
  const { messages } = await receiveMessages(ctx, alice.id);
  for (const answer of messages) console.log(`Alice got ${answer.payload}`);
  console.log(`Alice's inbox again: ${(await receiveMessages(ctx, alice.id)).messages.length} messages`);

  // A consumer that stops mid-batch loses nothing: the rest of the batch it read is in undelivered().
  for (const n of [1, 2, 3, 4]) await sendMessage(ctx, bob.id, { sender: alice.id, payload: `note ${n}` });
  const watch = watchMessages(ctx, bob.id);
  const handled: MessageEnvelope[] = [];
  for await (const message of watch) {
    handled.push(message);
    if (handled.length === 1) break;
  }
  const rest = watch.undelivered();
  console.log(`Handled ${handled.map((m) => m.payload).join(', ')}; kept for later: ${rest.map((m) => m.payload).join(', ')}`);

  // What is refused: a body over 256 KiB (before sending), an agent not on the bus, an unknown message.
  try {
    await sendMessage(ctx, bob.id, { sender: alice.id, payload: 'x'.repeat(300 * 1024) });
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    console.log(`Too large: ${error.issues[0]?.message}`);
  }
  for (const attempt of [
    () => receiveMessages(ctx, '00000000-0000-4000-8000-000000000000'),
    () => getMessageStatus(ctx, '00000000-0000-4000-8000-000000000000'),
  ]) {
    try {
      await attempt();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      console.log(`${error.name}: ${error.code}`);
    }
  }
} finally {
  await runtime.close();
}
