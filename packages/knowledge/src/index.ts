/**
 * `@symbiont/knowledge`: Knowledge base, vector search and RAG context.
 *
 * @packageDocumentation
 */
export {};
