// Chat with the coordinator over its WebSocket (/ws/chat): several messages in a row, each with its
// own answer in order, tool-call and policy events, and a run that fails after its reply.
// Run: node --conditions=@symbiont/source examples/chat.ts (Node >= 22.18)
import { createContext } from '@symbiont/core';
import { ChatError, connectChat } from '@symbiont/chat';
import { startMockRuntime } from '@symbiont/mock-runtime';

// A mock runtime stands in for `symbi up`; its scripted coordinator obeys [tool], [deny] and [fail].
const runtime = await startMockRuntime({ apiKey: 'example-key' });
const ctx = createContext({ baseUrl: runtime.url, apiKey: 'example-key' });

const chat = await connectChat(ctx);
console.log(`connected: ${chat.url}`); // never shows the token

// Three sends at once: the runtime answers them one by one, and each iterator gets its own answer.
const questions = ['[tool] Which agents are running?', '[deny] Delete every agent', '[fail] Summarise the last run'];
const answers = questions.map((question) => chat.send(question));
for (const [i, answer] of answers.entries()) {
  console.log(`\n> ${questions[i]}`);
  try {
    for await (const event of answer) {
      if (event.type === 'ToolCallStarted') console.log(`  tool call: ${event.tool_name}(${event.arguments})`);
      else if (event.type === 'ToolCallResult') console.log(`  tool result: ${event.result}`);
      else if (event.type === 'PolicyDecision') console.log(`  policy: ${event.decision} (${event.action}: ${event.reason})`);
      else if (event.done) console.log(`  reply: ${event.content}`);
    }
  } catch (error) {
    if (!(error instanceof ChatError)) throw error;
    console.log(`  the run failed after its reply: ${error.message}`);
  }
}

await chat.close();
await runtime.close();
