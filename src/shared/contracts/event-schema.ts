/**
 * The event envelope's JSON Schema (`secloop.event/v1`). This module imports nothing: scripts/generate-validators.js
 * loads it at build time to generate the validator (validators.generated.js), so it must stay self-contained.
 */
export const EVENT_SCHEMA_ID = 'secloop.event/v1';

export const eventSchema = {
  $id: 'https://secloop.dev/schemas/event.v1.json',
  type: 'object',
  required: ['schema', 'id', 'type', 'source', 'target', 'topic', 'payload', 'correlation_id', 'timestamp'],
  additionalProperties: false,
  properties: {
    schema: { const: EVENT_SCHEMA_ID },
    id: { type: 'string', minLength: 1 },
    type: { enum: ['event', 'command', 'query', 'response'] },
    source: { type: 'string', minLength: 1 },
    target: { type: 'string', minLength: 1 },
    topic: { type: 'string', pattern: '^[a-z_]+(\\.[a-z0-9_]+)+$' },
    payload: { type: 'object' },
    correlation_id: { type: 'string', minLength: 1 },
    causation_id: { type: 'string', minLength: 1 },
    timestamp: { type: 'string', format: 'date-time' },
  },
} as const;
