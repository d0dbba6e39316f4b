/**
 * Agent DSL compilation and deployments (contract: "Agent DSL and deployments").
 *
 * Behaviour of this mock, beyond what the contract fixes:
 * - `POST /dsl/compile` checks the DSL's block structure, not its full grammar: strings (`"…"`,
 *   one line each) and comments (`//` or `#` to the end of the line) are skipped; braces must
 *   balance; there must be a top-level `agent NAME { … }` block with a `name:` field. Errors name
 *   their line: `line 3: unbalanced '}'`, `line 1: unclosed '{'`, `line 2: unterminated string`,
 *   `missing agent block`, `line 1: agent block has no name: field`. Problems are answered as
 *   `200 { success: false, errors }`. Warnings: no `description:` field, an `agent_name` that
 *   differs from the DSL's agent name.
 * - On success the agent id is the DSL's `agent NAME`; unless `validate_only` is true the agent
 *   is registered in `state.agents` (created, or its name, description and DSL updated), so it
 *   shows in `GET /agents` and can be deployed, and `agent_id` is answered. With `validate_only`
 *   nothing is registered and `agent_id` is omitted.
 * - `POST /agents/deploy` deploys any agent in `state.agents` (compiled, created with
 *   `POST /agents`, or a seeded agent); an unknown `agent_id` is 404. A deployment starts
 *   `running`, with `endpoint_url` the agent's execute endpoint on this server; the answer also
 *   carries `environment` and `config_overrides`.
 * - `POST /agents/deployments/{id}/stop` sets `status: "stopped"` (stopping a stopped deployment
 *   answers the same again); the deployment stays readable and listed.
 * - `GET /agents/deployments` lists deployments in creation order, filtered by `?agent_id=`
 *   when given (an agent without deployments gives `[]`).
 */
import { json, notFound } from '../responses.ts';
import type { Route } from '../routes.ts';
import { API_BASE_PATH } from '../server.ts';
import { newAgentRecord, newId, type State } from '../state.ts';
import { assertShape } from '../validate.ts';

/** A deployment as the mock keeps (and answers) it. */
export interface Deployment {
  deployment_id: string;
  agent_id: string;
  /** `running` or `stopped`. */
  status: string;
  /** ISO-8601. */
  deployed_at: string;
  endpoint_url: string;
  environment: string;
  config_overrides: Record<string, unknown>;
}

interface Token {
  readonly text: string;
  readonly kind: 'word' | 'string' | 'punct';
  readonly line: number;
  /** Brace depth outside the token (for `{` and `}`: the depth of the block they open or close). */
  readonly depth: number;
}

/** What `checkDsl` found. */
export interface DslCheck {
  errors: string[];
  warnings: string[];
  /** The agent block's name, `name:` and `description:` values, when the DSL has no errors. */
  agent?: { id: string; name: string; description: string | undefined };
}

/** Splits DSL source into tokens, reporting brace and string errors with their lines. */
function tokenize(source: string, errors: string[]): Token[] {
  const tokens: Token[] = [];
  const open: number[] = [];
  let line = 1;
  let index = 0;
  while (index < source.length) {
    const char = source[index]!;
    if (char === '\n') {
      line++;
      index++;
    } else if (/\s/.test(char)) {
      index++;
    } else if (char === '#' || source.startsWith('//', index)) {
      const end = source.indexOf('\n', index);
      index = end === -1 ? source.length : end;
    } else if (char === '"') {
      let end = index + 1;
      while (end < source.length && source[end] !== '"' && source[end] !== '\n') end += source[end] === '\\' && source[end + 1] !== '\n' ? 2 : 1;
      // An unterminated string is reported, and read to the end of its line.
      if (source[end] !== '"') errors.push(`line ${line}: unterminated string`);
      tokens.push({ text: source.slice(index + 1, Math.min(end, source.length)), kind: 'string', line, depth: open.length });
      index = source[end] === '"' ? end + 1 : end;
    } else if (/[\w-]/.test(char)) {
      const word = /^[\w-]+/.exec(source.slice(index))![0];
      tokens.push({ text: word, kind: 'word', line, depth: open.length });
      index += word.length;
    } else {
      if (char === '}') {
        if (open.length === 0) errors.push(`line ${line}: unbalanced '}'`);
        else open.pop();
      }
      tokens.push({ text: char, kind: 'punct', line, depth: open.length });
      if (char === '{') open.push(line);
      index++;
    }
  }
  for (const at of open) errors.push(`line ${at}: unclosed '{'`);
  return tokens;
}

/**
 * The value of `field:` directly inside the block whose tokens are `body` (depth `depth`): the
 * word or string after the colon on the same line, or an empty string token when there is none.
 */
function field(body: readonly Token[], depth: number, name: string): Token | undefined {
  for (const [index, token] of body.entries()) {
    if (token.depth === depth && token.kind === 'word' && token.text === name && body[index + 1]?.text === ':') {
      const value = body[index + 2];
      return value !== undefined && value.kind !== 'punct' && value.line === token.line ? value : { ...token, text: '', kind: 'string' };
    }
  }
  return undefined;
}

/**
 * Checks a DSL program's structure (see the top of this file). `agentName` picks the agent block
 * when there are several (else the first one is used).
 */
export function checkDsl(source: string, agentName: string): DslCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  const tokens = tokenize(source, errors);
  const blocks: { name: string; line: number; body: Token[] }[] = [];
  let malformed = false;
  for (const [index, token] of tokens.entries()) {
    if (token.depth !== 0 || token.kind !== 'word' || token.text !== 'agent') continue;
    const name = tokens[index + 1];
    if (name === undefined || name.kind !== 'word') {
      errors.push(`line ${token.line}: expected an agent name after 'agent'`);
      malformed = true;
      continue;
    }
    if (tokens[index + 2]?.text !== '{') {
      errors.push(`line ${name.line}: expected '{' after 'agent ${name.text}'`);
      malformed = true;
      continue;
    }
    const start = index + 3;
    let end = start;
    while (end < tokens.length && !(tokens[end]!.text === '}' && tokens[end]!.depth === 0)) end++;
    blocks.push({ name: name.text, line: token.line, body: tokens.slice(start, end) });
  }
  const block = blocks.find((candidate) => candidate.name === agentName) ?? blocks[0];
  if (block === undefined) {
    if (!malformed) errors.push('missing agent block');
    return { errors, warnings };
  }
  if (block.name !== agentName) warnings.push(`agent_name '${agentName}' differs from the DSL's agent '${block.name}'; compiled '${block.name}'`);
  const name = field(block.body, 1, 'name');
  const description = field(block.body, 1, 'description');
  if (name === undefined) errors.push(`line ${block.line}: agent block has no name: field`);
  else if (name.text === '') errors.push(`line ${name.line}: name: has no value`);
  if (description === undefined) warnings.push(`line ${block.line}: agent block has no description: field`);
  if (errors.length > 0 || name === undefined) return { errors, warnings };
  return { errors, warnings, agent: { id: block.name, name: name.text, description: description?.text } };
}

function findDeployment(state: State, id: string): Deployment {
  const deployment = state.deployments.get(id);
  if (deployment === undefined) throw notFound('deployment', id);
  return deployment;
}

/** DSL and deployment routes, registered by `startMockRuntime`. */
export const dslRoutes: readonly Route[] = [
  {
    method: 'POST',
    pattern: '/dsl/compile',
    handler: (req, state) => {
      assertShape<{ dsl_content: string; agent_name: string; validate_only?: boolean }>(req.body, {
        dsl_content: 'string',
        agent_name: 'string',
        validate_only: 'boolean?',
      });
      const { dsl_content, agent_name, validate_only } = req.body;
      const { errors, warnings, agent } = checkDsl(dsl_content, agent_name);
      if (agent !== undefined && validate_only !== true) {
        const now = Date.now();
        const existing = state.agents.get(agent.id);
        if (existing === undefined) {
          const record = newAgentRecord(
            { id: agent.id, name: agent.name, description: agent.description ?? '', system_prompt: '', tools: [], model: 'gpt-4', temperature: 0.7, top_p: 1, max_tokens: 1024 },
            now,
          );
          record.dsl = dsl_content;
          state.agents.set(agent.id, record);
        } else {
          existing.agent.name = agent.name;
          if (agent.description !== undefined) existing.agent.description = agent.description;
          existing.dsl = dsl_content;
          existing.lastActivity = now;
        }
      }
      return json({
        success: agent !== undefined,
        ...(agent !== undefined && validate_only !== true ? { agent_id: agent.id } : {}),
        errors,
        warnings,
        compiled_at: state.now().toISOString(),
      });
    },
  },
  {
    method: 'POST',
    pattern: '/agents/deploy',
    handler: (req, state) => {
      assertShape<{ agent_id: string; environment?: string; config_overrides?: Record<string, unknown> }>(req.body, {
        agent_id: 'string',
        environment: 'string?',
        config_overrides: 'object?',
      });
      const { agent_id, environment = 'development', config_overrides = {} } = req.body;
      if (!state.agents.has(agent_id)) throw notFound('agent', agent_id);
      const host = req.headers.host ?? 'localhost';
      const deployment: Deployment = {
        deployment_id: newId(),
        agent_id,
        status: 'running',
        deployed_at: state.now().toISOString(),
        endpoint_url: `http://${host}${API_BASE_PATH}/agents/${encodeURIComponent(agent_id)}/execute`,
        environment,
        config_overrides,
      };
      state.deployments.set(deployment.deployment_id, deployment);
      return json(deployment);
    },
  },
  {
    method: 'GET',
    pattern: '/agents/deployments',
    handler: (req, state) => {
      const agentId = req.query.agent_id;
      return json([...state.deployments.values()].filter((deployment) => agentId === undefined || deployment.agent_id === agentId));
    },
  },
  {
    method: 'GET',
    pattern: '/agents/deployments/{deployment_id}',
    handler: (req, state) => json(findDeployment(state, req.params.deployment_id ?? '')),
  },
  {
    method: 'POST',
    pattern: '/agents/deployments/{deployment_id}/stop',
    handler: (req, state) => {
      const deployment = findDeployment(state, req.params.deployment_id ?? '');
      deployment.status = 'stopped';
      return json({ deployment_id: deployment.deployment_id, status: deployment.status });
    },
  },
];
