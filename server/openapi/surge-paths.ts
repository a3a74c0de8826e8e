// OpenAPI: surges (issue 15) — detected topics, intents and regions running far above their
// baseline, the supervisor's pinned answer, its broadcast, and the group of waiting tickets.
// Request bodies and the list query are the routes' own zod schemas (surge/routes.ts).
import { listQuery, pinnedBody, replyBody } from '../../surge/routes';
import {
  arrayOf,
  errorResponses,
  idParameter,
  jsonBody,
  jsonResponse,
  listResponse,
  objectOf,
  queryParameters,
  ref,
  requestSchema,
  secured,
  type OpenApiGroup,
} from './document';

const READERS = ['agent', 'supervisor', 'trainer'];
const STAFF = ['agent', 'supervisor'];
const SUPERVISOR = ['supervisor'];
const notFound = errorResponses('SOTONG_ERR_NOT_FOUND');
const counts = { type: 'object', additionalProperties: { type: 'integer' } };

const pinnedAnswer = {
  type: 'object',
  required: ['text', 'links', 'expiresAt', 'setBy', 'setAt'],
  properties: {
    text: { type: 'object', required: ['ko', 'en'], properties: { ko: { type: 'string' }, en: { type: 'string' } } },
    links: { type: 'array', items: { type: 'object', required: ['label', 'url'], properties: { label: { type: 'string' }, url: { type: 'string' } } } },
    expiresAt: { type: 'string', format: 'date-time' },
    setBy: { type: 'string', description: 'The user id of the supervisor who set it' },
    setAt: { type: 'string', format: 'date-time' },
  },
};

const surge = {
  type: 'object',
  required: ['id', 'status', 'kind', 'openedAt', 'label', 'intent', 'count', 'ratePerMin', 'baselinePerMin', 'sampleMessageIds', 'pinnedAnswer'],
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['open', 'closed'] },
    kind: { type: 'string', enum: ['topic', 'intent', 'region'], description: 'topic: a cluster of similar messages the catalog does not answer well' },
    openedAt: { type: 'string', format: 'date-time' },
    closedAt: { type: ['string', 'null'], format: 'date-time' },
    label: { type: 'string', description: 'Top terms (topic), the intent name (intent) or the region' },
    intent: { type: ['string', 'null'], description: 'null for a new topic' },
    region: { type: ['string', 'null'] },
    count: { type: 'integer', description: 'Messages in the detection window' },
    ratePerMin: { type: 'number' },
    baselinePerMin: { type: 'number', description: 'The usual rate for this time, never below the floor for quiet periods' },
    countsPerMinute: { type: 'array', items: { type: 'integer' }, description: 'Oldest minute of the window first' },
    sampleMessageIds: { type: 'array', items: { type: 'string' } },
    topTerms: { type: 'array', items: { type: 'string' } },
    regions: counts,
    channels: counts,
    pinnedAnswer: { oneOf: [ref('PinnedAnswer'), { type: 'null' }] },
  },
};

const countAnswer = (description: string, extra: Record<string, unknown> = {}) =>
  jsonResponse(description, { type: 'object', required: ['count'], properties: { count: { type: 'integer' }, ...extra } });
const surgeAnswer = jsonResponse('The surge', ref('Surge'));

export const surgePaths: OpenApiGroup = {
  tag: {
    name: 'surges',
    description: 'Disaster-day surges: what the detection job found, the answer a supervisor pins for everyone, and its broadcast. Every change is audited.',
  },
  schemas: { Surge: surge, PinnedAnswer: pinnedAnswer },
  paths: {
    '/api/v1/surges': {
      get: secured(READERS, {
        summary: 'List surges, newest first',
        parameters: queryParameters(listQuery),
        responses: {
          '200': listResponse('Surges', 'surges', ref('Surge')),
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
    '/api/v1/surges/{id}': {
      get: secured(STAFF, { summary: 'One surge', parameters: [idParameter], responses: { '200': surgeAnswer, ...notFound } }),
    },
    '/api/v1/surges/{id}/pinned-answer': {
      post: secured(SUPERVISOR, {
        summary: 'Set or edit the pinned answer',
        description:
          'From now until expiresAt, incoming messages similar to the surge (SURGE_MATCH_THRESHOLD) are answered with it: action auto_answer, reason surge_pinned. Danger stays urgent. Links must be on the official allow-list.',
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(pinnedBody)),
        responses: { '200': surgeAnswer, ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_NOT_FOUND') },
      }),
      delete: secured(SUPERVISOR, {
        summary: 'Withdraw the pinned answer',
        parameters: [idParameter],
        responses: { '200': surgeAnswer, ...errorResponses('SOTONG_ERR_NOT_FOUND', 'SOTONG_ERR_CONFLICT') },
      }),
    },
    '/api/v1/surges/{id}/broadcast': {
      get: secured(SUPERVISOR, {
        summary: 'Preview a broadcast: how many waiting citizens it would answer',
        parameters: [idParameter],
        responses: { '200': countAnswer('Waiting tickets in the group', { preview: { type: 'boolean', const: true } }), ...notFound },
      }),
      post: secured(SUPERVISOR, {
        summary: 'Answer everyone waiting in the group with the pinned answer, and resolve their tickets',
        parameters: [idParameter],
        responses: { '200': countAnswer('Citizens answered'), ...errorResponses('SOTONG_ERR_NOT_FOUND', 'SOTONG_ERR_CONFLICT') },
      }),
    },
    '/api/v1/surges/{id}/tickets': {
      get: secured(STAFF, {
        summary: "The surge's group of waiting (non-urgent) tickets, as the console shows it",
        parameters: [idParameter],
        responses: {
          '200': countAnswer('The group', {
            tickets: arrayOf(
              objectOf({
                id: { type: 'string' },
                conversationId: { type: 'string' },
                priority: { type: 'string' },
                text: { type: 'string', description: 'The opening message, PII-redacted' },
              }),
            ),
          }),
          ...notFound,
        },
      }),
    },
    '/api/v1/surges/{id}/reply': {
      post: secured(STAFF, {
        summary: "An agent's reply to the whole group (PII is redacted before sending)",
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(replyBody)),
        responses: { '200': countAnswer('Citizens answered'), ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_NOT_FOUND') },
      }),
    },
  },
};
