/**
 * `@symbiont/secrets`: Secrets management: Vault, encrypted file and OS keychain backends.
 *
 * @packageDocumentation
 */
export {};
