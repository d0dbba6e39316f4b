/** The oldest Node.js major version `@symbiont/core/node` runs on. */
export const MINIMUM_NODE_MAJOR = 22;

/**
 * Throws unless `version` (a `process.versions.node` string) is at least
 * {@link MINIMUM_NODE_MAJOR}, with a message naming both. `@symbiont/core/node` calls it when it is
 * imported. Internal: not exported by any entry.
 */
export function assertSupportedNode(version: string | undefined): void {
  const major = Number(/^v?(\d+)\./.exec(version ?? '')?.[1]);
  if (!(major >= MINIMUM_NODE_MAJOR)) {
    throw new Error(
      `@symbiont/core/node needs Node.js ${MINIMUM_NODE_MAJOR} or newer; this is Node.js ${version ?? '(unknown)'}. ` +
        'Upgrade Node.js (https://nodejs.org) to use it.',
    );
  }
}
