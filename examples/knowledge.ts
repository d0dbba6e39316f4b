// Vector database & RAG: add knowledge items, search them, get context for a prompt, delete one.
// Mirrors the reference README's "Vector Database & RAG" section, against a mock runtime it starts.
// The mock ranks by cosine similarity of word-frequency vectors, so scores between a question and
// a document are modest: the search below uses a lower similarity_threshold than the default 0.7.
import { createContext, getMetrics } from '@symbiont/core';
import { addKnowledgeItem, deleteKnowledgeItem, getContext, KnowledgeSourceType, searchKnowledge, type KnowledgeItem } from '@symbiont/knowledge';
import { SEED_AGENTS, startMockRuntime } from '@symbiont/mock-runtime';

const runtime = await startMockRuntime({ apiKey: 'demo-key' });
try {
  const ctx = createContext({ baseUrl: runtime.url, apiKey: 'demo-key' });
  const agentId = SEED_AGENTS.example; // an agent's UUID (the mock starts with two)

  // Add knowledge items (a Date timestamp is sent as an ISO string).
  const knowledgeItem: KnowledgeItem = {
    id: 'doc-001',
    content: 'This is important documentation about the system...',
    metadata: {
      source: 'documentation.md',
      source_type: KnowledgeSourceType.DOCUMENT,
      timestamp: new Date(),
      agent_id: agentId,
    },
  };
  await addKnowledgeItem(ctx, knowledgeItem);
  const more: [string, string, string][] = [
    ['doc-002', 'configuration.md', 'To configure the system, edit config.toml and restart the runtime.'],
    ['doc-003', 'authentication.md', 'Set up authentication with an API key sent as a Bearer token.'],
    ['doc-004', 'faq.md', 'Rotate the API key used for authentication: create a new key, then revoke the old one.'],
  ];
  for (const [id, source, content] of more) {
    await addKnowledgeItem(ctx, { id, content, metadata: { source, source_type: KnowledgeSourceType.DOCUMENT, timestamp: new Date() } });
  }
  console.log(`Added ${1 + more.length} knowledge items; vector DB items: ${(await getMetrics(ctx)).vector_db_items}`);

  // Search the knowledge base.
  const query = 'How do I configure the system?';
  const strict = await searchKnowledge(ctx, { query, agent_id: agentId, source_types: [KnowledgeSourceType.DOCUMENT], limit: 5, similarity_threshold: 0.7 });
  console.log(`Search "${query}" with similarity_threshold 0.7: ${strict.total_results} results`);
  const searchResults = await searchKnowledge(ctx, { query, agent_id: agentId, source_types: [KnowledgeSourceType.DOCUMENT], limit: 5, similarity_threshold: 0.3 });
  console.log(`Search "${query}" with similarity_threshold 0.3: ${searchResults.total_results} results`);
  for (const result of searchResults.results) {
    console.log(`Score: ${result.similarity_score.toFixed(3)}`);
    console.log(`Content: ${result.item.content.slice(0, 100)}...`);
    console.log(`Source: ${result.item.metadata.source}, added ${result.item.metadata.timestamp.toISOString()}`);
  }

  // Get context for RAG operations.
  const context = await getContext(ctx, { query: 'How do I set up authentication?', agent_id: agentId, max_context_items: 3 });
  console.log(`Retrieved ${context.context_items.length} context items`);
  console.log(`Sources: ${context.sources.join(', ')}`);
  console.log(`Relevance: ${context.relevance_scores.map((score) => score.toFixed(3)).join(', ')}`);

  await deleteKnowledgeItem(ctx, 'doc-004');
  console.log(`Deleted doc-004; vector DB items: ${(await getMetrics(ctx)).vector_db_items}`);
} finally {
  await runtime.close();
}
