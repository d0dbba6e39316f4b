// Agent DSL: compile the reference README's webhook handler, deploy it, inspect and stop the
// deployment. Mirrors the README's "Agent DSL Operations" section, against a mock runtime it starts.
import { createContext } from '@symbiont/core';
import { compileDsl, deployAgent, getAgentDeployment, listAgentDeployments, stopAgentDeployment } from '@symbiont/dsl';
import { startMockRuntime } from '@symbiont/mock-runtime';

// The reference README's DSL, verbatim.
const dslCode = `
agent webhook_handler {
    name: "Webhook Handler"
    description: "Handles incoming webhooks"
    
    trigger github_webhook {
        on_push: main
    }
    
    action process_webhook {
        validate_signature()
        parse_payload()
        trigger_workflow()
    }
}
`;

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });

  // Compile DSL code.
  const compileResult = await compileDsl(ctx, { dsl_content: dslCode, agent_name: 'webhook_handler', validate_only: false });
  if (compileResult.success && compileResult.agent_id != null) {
    console.log(`Compiled successfully: ${compileResult.agent_id}`);

    // Deploy the agent.
    const deployment = await deployAgent(ctx, {
      agent_id: compileResult.agent_id,
      environment: 'production',
      config_overrides: { max_concurrent_tasks: 10 },
    });
    console.log(`Deployed: ${deployment.deployment_id}`);
    console.log(`Endpoint: ${deployment.endpoint_url}`);

    const deployments = await listAgentDeployments(ctx, compileResult.agent_id);
    console.log(`Deployments of ${compileResult.agent_id}: ${deployments.map((d) => `${d.deployment_id} (${d.status})`).join(', ')}`);

    await stopAgentDeployment(ctx, deployment.deployment_id);
    const stopped = await getAgentDeployment(ctx, deployment.deployment_id);
    console.log(`Stopped: ${stopped.deployment_id} is now ${stopped.status}`);
  } else {
    console.log(`Compilation errors: ${compileResult.errors.join('; ')}`);
  }

  // A DSL with mistakes compiles to success: false with errors naming their lines.
  const broken = await compileDsl(ctx, { dsl_content: 'agent broken {\n    description: "No name"\n}\n}\n', agent_name: 'broken' });
  console.log(`Broken DSL: success=${broken.success}, errors: ${broken.errors.join('; ')}`);
} finally {
  await runtime.close();
}
