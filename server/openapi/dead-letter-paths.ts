// OpenAPI: the dead-letter list (server/dead-letter-routes.ts).
import { arrayOf, errorResponses, jsonResponse, objectOf, secured, type OpenApiGroup } from './document';

const when = { type: 'string', format: 'date-time' };

export const deadLetterPaths: OpenApiGroup = {
  tag: {
    name: 'dead letters',
    description: 'Work set aside after bounded tries, and platform events refused as given (the sotong_dead_letters gauge, item by item).',
  },
  paths: {
    '/api/v1/dead-letters': {
      get: secured(['supervisor'], {
        summary: 'The newest dead messages and replies, and the newest rejected platform events, with the counts',
        parameters: [{ name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 200, default: 50 }, description: 'Per list.' }],
        responses: {
          '200': jsonResponse('Dead letters', {
            type: 'object',
            required: ['counts', 'items', 'rejected'],
            properties: {
              counts: {
                type: 'object',
                properties: { messages: { type: 'integer' }, outbox: { type: 'integer' }, rejectedEvents: { type: 'integer' } },
              },
              items: arrayOf(
                objectOf({
                  kind: { type: 'string', enum: ['message', 'outbox'] },
                  id: { type: 'string' },
                  conversationId: { type: 'string' },
                  error: { type: ['string', 'null'], description: 'The last error, PII-redacted.' },
                  createdAt: when,
                }),
              ),
              rejected: arrayOf(
                objectOf({
                  id: { type: 'string' },
                  channel: { type: 'string' },
                  externalId: { type: ['string', 'null'], description: "The event's platform id, when it had a readable one." },
                  reason: { type: 'string' },
                  createdAt: when,
                }),
              ),
            },
          }),
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
  },
};
