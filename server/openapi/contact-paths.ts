// OpenAPI: the contact panel's history across channels and the evidence-only identity links.
import { linkBody } from '../../handoff/contact-routes';
import { TICKET_STATUSES } from '../../handoff/ticket-rules';
import { arrayOf, errorResponses, idParameter, jsonBody, jsonResponse, objectOf, ref, requestSchema, secured, type OpenApiGroup } from './document';

const AGENT = ['agent'];

const identity = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    channel: { type: 'string', enum: ['web', 'x', 'facebook', 'kakao'] },
    handle: { type: ['string', 'null'], description: 'PII-redacted' },
    displayName: { type: ['string', 'null'], description: 'PII-redacted' },
    since: { type: 'string', format: 'date-time' },
    link: {
      type: ['object', 'null'],
      description: 'How the identity joined the history: null for the contact asked about.',
      properties: {
        evidence: { type: 'string', enum: ['agent_confirmed', 'verified_account'] },
        linkedBy: { type: ['string', 'null'] },
        linkedAt: { type: 'string', format: 'date-time' },
      },
    },
  },
};

const history = {
  type: 'object',
  properties: {
    contact: ref('ContactIdentity'),
    identities: { type: 'array', items: ref('ContactIdentity') },
    conversations: {
      type: 'array',
      description: 'Newest first, over every linked identity (at most 50).',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          channel: { type: 'string' },
          contactId: { type: 'string' },
          isPublic: { type: 'boolean' },
          startedAt: { type: 'string', format: 'date-time' },
          lastMessageAt: { type: ['string', 'null'], format: 'date-time' },
          messageCount: { type: 'integer' },
          intents: { type: 'array', items: { type: 'string' } },
          outcome: { type: 'string', enum: [...TICKET_STATUSES, 'bot_answered', 'bot_only'] },
          tickets: arrayOf(
            objectOf({
              id: { type: 'string' },
              status: { type: 'string', enum: TICKET_STATUSES },
              priority: { type: 'string' },
              queue: { type: 'string' },
              reason: { type: ['string', 'null'] },
              intent: { type: ['string', 'null'] },
              createdAt: { type: 'string', format: 'date-time' },
              resolvedAt: { type: ['string', 'null'], format: 'date-time' },
              rating: { type: ['integer', 'null'], minimum: 1, maximum: 5 },
              followsTicketId: { type: ['string', 'null'] },
            }),
          ),
        },
      },
    },
  },
};

const historyAnswer = jsonResponse('The contact history', ref('ContactHistory'));

export const contactPaths: OpenApiGroup = {
  tag: {
    name: 'contacts',
    description:
      'Contact history across channels. A contact is one channel identity; identities are linked only on evidence (an agent confirmed it, audited), never guessed.',
  },
  schemas: { ContactIdentity: identity, ContactHistory: history },
  paths: {
    '/api/v1/contacts/{id}/history': {
      get: secured(AGENT, {
        summary: "The contact's conversations and tickets on every linked channel: intents, outcomes, CSAT and dates",
        parameters: [idParameter],
        responses: { '200': historyAnswer, ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
    '/api/v1/handoffs/{id}/contact-history': {
      get: secured(AGENT, {
        summary: "The history of a ticket's contact",
        parameters: [idParameter],
        responses: { '200': historyAnswer, ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
    '/api/v1/contacts/{id}/links': {
      post: secured(AGENT, {
        summary: 'Confirm that another identity (by contact or by one of its tickets) is the same citizen; audited',
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(linkBody)),
        responses: { '201': historyAnswer, ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_NOT_FOUND') },
      }),
    },
    '/api/v1/contacts/{id}/links/{otherId}': {
      delete: secured(AGENT, {
        summary: 'Undo a direct link between two identities; audited',
        parameters: [idParameter, { name: 'otherId', in: 'path', required: true, schema: { type: 'string' } }],
        responses: { '200': historyAnswer, ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
  },
};
