/**
 * `@symbiont/dsl`: Agent DSL compilation and deployments.
 *
 * @packageDocumentation
 */
export {};
