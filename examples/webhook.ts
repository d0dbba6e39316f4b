// HTTP Input webhooks: invoke an agent through the runtime's webhook listener, signed the way a
// listener with the `github` webhook-verify preset requires, read both result shapes, and handle
// its errors. Runs against a mock runtime it starts (its listener has its own port, like
// `symbi up`'s http://127.0.0.1:8081/webhook). Against a real runtime, drop startMockRuntime and use
// the listener's URL and token (`symbi up --http.token`, or the symbi_dev_… token it prints).
import { APIError, AuthenticationError, createContext } from '@symbiont/core';
import { startMockRuntime } from '@symbiont/mock-runtime';
import { invokeWebhook } from '@symbiont/webhooks';

const token = 'symbi_dev_demo_token';
const signingSecret = 'whsec_demo_secret';
const runtime = await startMockRuntime({ apiKey: token, webhookSecret: signingSecret });
try {
  const ctx = createContext({ baseUrl: runtime.webhookUrl, apiKey: token });

  // The listener runs the agent and answers with its reply.
  const result = await invokeWebhook(ctx, { prompt: 'Summarise incident 42', source: 'pagerduty' }, { signingSecret });
  if (result.status === 'completed') {
    console.log(`${result.agent_id}: ${result.response}`);
    console.log(`  ${result.iterations} iteration(s), ${result.tool_runs.length} tool run(s), stopped: ${JSON.stringify(result.termination_reason)}, at ${result.timestamp.toISOString()}`);
  }

  // A named agent (`/webhook/<agent name>`), with tool runs and a policy denial.
  const routed = await invokeWebhook(ctx, { prompt: 'Clean the cache', mock_result: 'policy_denial' }, { signingSecret, route: 'ops-agent' });
  if (routed.status === 'completed' && typeof routed.termination_reason == 'object' && 'PolicyDenial' in routed.termination_reason) {
    console.log(`ops-agent was stopped by policy: ${routed.termination_reason.PolicyDenial.reason}`);
    for (const run of routed.tool_runs) console.log(`  tool ${run.tool}(${JSON.stringify(run.input)}) -> ${run.output_preview}`);
  }

  // An agent that is already running gets the payload as a message instead.
  const started = await invokeWebhook(ctx, { message: 'New ticket #7', mock_result: 'execution_started' }, { signingSecret });
  if (started.status === 'execution_started') console.log(`agent ${started.agent_id} got message ${started.message_id}`);

  // A wrong secret is refused (401, empty body); the secret never appears in the error.
  try {
    await invokeWebhook(ctx, { prompt: 'hi' }, { signingSecret: 'not-the-secret' });
  } catch (error) {
    if (!(error instanceof AuthenticationError)) throw error;
    console.log(`wrong signature: ${error.status} ${error.name}`);
  }

  // An agent failure is the listener's { error, timestamp } body (no code). Not retried unless
  // the call sets retry: true, since a second invocation would run the agent again.
  try {
    await invokeWebhook(ctx, { prompt: 'fail', mock_result: 'agent_failure' }, { signingSecret });
  } catch (error) {
    if (!(error instanceof APIError)) throw error;
    console.log(`agent failure: ${error.status} ${JSON.stringify(error.body)}`);
  }
} finally {
  await runtime.close();
}
