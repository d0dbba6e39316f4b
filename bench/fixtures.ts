// Response bodies the loopback server answers with. Both fit the contract's models, so the SDK's
// response validation runs in full (and passes) on every call.

export const HEALTH = {
  status: 'healthy',
  uptime_seconds: 86_400,
  timestamp: '2026-01-15T10:30:00Z',
  version: '1.4.0',
};

/** A `ReviewSession` (contract: "Tool review") with one critical finding. */
export const REVIEW_SESSION = {
  review_id: 'review-123',
  tool: {
    name: 'read_file',
    description: 'Read a file from the workspace',
    schema: {
      type: 'object',
      properties: {
        path: { type: 'string', description: 'The file to read' },
        encoding: { type: 'string', enum: ['utf8', 'base64'] },
      },
      required: ['path'],
    },
    provider: { name: 'acme', public_key_url: 'https://acme.example/.well-known/schemapin.json' },
  },
  status: 'pending_review',
  state: {
    type: 'pending_review',
    analysis_id: 'analysis-456',
    analysis_completed_at: '2026-01-15T10:31:00Z',
    critical_findings: [
      {
        finding_id: 'finding-1',
        severity: 'high',
        category: 'data_exposure',
        title: 'Reads any path',
        description: 'The tool can read files outside the workspace.',
        confidence: 0.82,
        recommendation: 'Restrict path to the workspace directory.',
      },
    ],
  },
  submitted_by: 'dev@acme.example',
  submitted_at: '2026-01-15T10:30:00Z',
  estimated_completion: '2026-01-15T11:30:00Z',
  priority: 'normal',
};
