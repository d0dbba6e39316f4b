/** Routes at the server root (outside `/api/v1`): the SchemaPin public key document. */
import { json } from '../responses.ts';
import type { Route } from '../routes.ts';

/** `developer_name` in the served `schemapin.json`. */
export const DEVELOPER_NAME = 'Symbiont Mock Runtime';

/** `GET /.well-known/schemapin.json` (public), serving the key that signs approved tools. */
export const wellKnownRoutes: readonly Route[] = [
  {
    method: 'GET',
    pattern: '/.well-known/schemapin.json',
    scope: 'root',
    public: true,
    handler: (_req, state) =>
      json({
        schema_version: '1.1',
        developer_name: DEVELOPER_NAME,
        public_key_pem: state.signingKeys.publicKeyPem,
        revoked_keys: [],
      }),
  },
];
