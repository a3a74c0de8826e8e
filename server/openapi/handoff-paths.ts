// OpenAPI: the agent queue, ticket actions, the agent event stream and the handoff metrics.
import { PRIORITIES } from '../../handoff/priority';
import { QUEUE_VIEWS } from '../../handoff/queue-view-repository';
import { TICKET_STATUSES } from '../../handoff/ticket-rules';
import { priorityBody, relabelBody, resolveBody, snoozeBody, textBody, transferBody } from '../../handoff/routes';
import {
  arrayOf,
  errorResponses,
  idParameter,
  jsonBody,
  jsonResponse,
  listResponse,
  objectOf,
  ref,
  requestSchema,
  secured,
  type OpenApiGroup,
} from './document';

const AGENT = ['agent'];
const ticketAnswer = jsonResponse('The ticket after the action', { type: 'object', properties: { ticket: ref('Ticket') } });
const actionErrors = errorResponses('SOTONG_ERR_NOT_FOUND', 'SOTONG_ERR_CONFLICT');

const ticket = {
  type: 'object',
  required: ['id', 'conversationId', 'status', 'priority', 'queue'],
  properties: {
    id: { type: 'string' },
    conversationId: { type: 'string' },
    channel: { type: 'string', enum: ['web', 'x', 'facebook', 'kakao'] },
    status: { type: 'string', enum: TICKET_STATUSES },
    priority: { type: 'string', enum: PRIORITIES },
    queue: { type: 'string' },
    reason: { type: ['string', 'null'] },
    assignee: { type: ['string', 'null'] },
    slaDeadline: { type: ['string', 'null'], format: 'date-time' },
    slaMissed: { type: 'boolean', description: 'The first-response deadline was missed at some point (history; never changes the priority).' },
    overdue: { type: 'boolean', description: 'Open, unanswered and past its first-response deadline now.' },
    escalations: { type: 'integer' },
    firstResponseAt: { type: ['string', 'null'], format: 'date-time' },
    firstResponder: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
    updatedAt: { type: 'string', format: 'date-time' },
    resolvedAt: { type: ['string', 'null'], format: 'date-time' },
    reopenCount: { type: 'integer' },
  },
};

const triageCard = {
  type: 'object',
  description: 'What the bot worked out, attached when the ticket opened.',
  properties: {
    channel: { type: 'string' },
    isPublic: { type: 'boolean' },
    citizenHandle: { type: ['string', 'null'] },
    transcript: {
      type: 'array',
      items: { type: 'object', properties: { author: { type: 'string' }, text: { type: 'string', description: 'PII-redacted' }, at: { type: 'string' } } },
    },
    topIntents: { type: 'array', maxItems: 3, items: { type: 'object', properties: { intent: { type: 'string' }, confidence: { type: 'number' }, name: {} } } },
    entities: { type: 'array', items: { type: 'object' } },
    language: { type: 'string' },
    reason: {
      type: 'string',
      enum: [
        'low_confidence',
        'ambiguous',
        'out_of_scope_repeat',
        'urgent',
        'requested_human',
        'policy_handoff',
        'negative_feedback',
        'channel_limit',
        'media_only',
      ],
    },
    priority: { type: 'string', enum: PRIORITIES },
    queue: { type: 'string' },
    slaDeadline: { type: 'string', format: 'date-time' },
    suggestedAnswer: { type: ['object', 'null'], properties: { intent: { type: 'string' }, text: { type: 'string' }, links: { type: 'array' } } },
    modelVersion: { type: 'string' },
  },
};

const message = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    conversationId: { type: 'string' },
    direction: { type: 'string', enum: ['in', 'out'] },
    author: { type: 'string', enum: ['citizen', 'bot', 'agent'] },
    text: { type: 'string' },
    links: { type: 'array' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

const action = (summary: string, extra: Record<string, unknown> = {}) =>
  secured(AGENT, { summary, parameters: [idParameter], responses: { '200': ticketAnswer, ...actionErrors }, ...extra });

export const handoffPaths: OpenApiGroup = {
  tag: { name: 'handoffs', description: 'The agent queue: tickets with their triage cards, and what agents do with them. Every action is audited.' },
  schemas: { Ticket: ticket, TriageCard: triageCard, Message: message },
  paths: {
    '/api/v1/handoffs': {
      get: secured(AGENT, {
        summary: 'List tickets, most pressing first',
        parameters: [
          { name: 'status', in: 'query', schema: { type: 'string' }, description: `Comma-separated: ${TICKET_STATUSES.join(', ')}. Default waiting,assigned.` },
          { name: 'queue', in: 'query', schema: { type: 'string' } },
          { name: 'assignee', in: 'query', schema: { type: 'string' }, description: "A user id, or 'me'." },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
        ],
        responses: {
          '200': listResponse('Tickets', 'tickets', { allOf: [ref('Ticket'), objectOf({ card: ref('TriageCard') })] }),
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
    '/api/v1/handoffs/targets': {
      get: secured(AGENT, {
        summary: 'Transfer targets: the configured department queues and the enabled agents',
        responses: {
          '200': jsonResponse('Queues and agents', {
            type: 'object',
            properties: {
              queues: { type: 'array', items: { type: 'string' } },
              agents: arrayOf(
                objectOf({
                  id: { type: 'string' },
                  email: { type: 'string' },
                  displayName: { type: ['string', 'null'] },
                  queues: { type: 'array', items: { type: 'string' } },
                }),
              ),
            },
          }),
        },
      }),
    },
    '/api/v1/handoffs/views': {
      get: secured(AGENT, {
        summary: "A queue view with every view's count, optionally searched; each ticket previews its conversation's latest message",
        parameters: [
          {
            name: 'view',
            in: 'query',
            schema: { type: 'string', enum: QUEUE_VIEWS },
            description: 'Default open. Snoozed tickets leave mine, unassigned and open until their time.',
          },
          {
            name: 'q',
            in: 'query',
            schema: { type: 'string', maxLength: 200 },
            description: 'A ticket id (or its start), the contact, the top intent, or words of the redacted messages.',
          },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
        ],
        responses: {
          '200': jsonResponse('The view', {
            type: 'object',
            properties: {
              view: { type: 'string', enum: QUEUE_VIEWS },
              counts: { type: 'object', additionalProperties: { type: 'integer' } },
              tickets: {
                type: 'array',
                items: {
                  allOf: [
                    ref('Ticket'),
                    {
                      type: 'object',
                      properties: {
                        card: ref('TriageCard'),
                        latest: {
                          type: ['object', 'null'],
                          properties: { text: { type: 'string' }, author: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
                        },
                      },
                    },
                  ],
                },
              },
            },
          }),
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
    '/api/v1/handoffs/{id}': {
      get: secured(AGENT, {
        summary: 'One ticket with its card, full transcript and internal notes',
        parameters: [idParameter],
        responses: {
          '200': jsonResponse('The ticket', {
            type: 'object',
            properties: { ticket: ref('Ticket'), card: ref('TriageCard'), transcript: { type: 'array', items: ref('Message') }, notes: { type: 'array' } },
          }),
          ...errorResponses('SOTONG_ERR_NOT_FOUND'),
        },
      }),
    },
    '/api/v1/handoffs/{id}/claim': { post: action('Claim a waiting ticket (of simultaneous claims one wins, the rest get 409)') },
    '/api/v1/handoffs/{id}/messages': {
      post: secured(AGENT, {
        summary: "Reply to the citizen through the thread's channel (claims a waiting ticket first)",
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(textBody)),
        responses: {
          '202': jsonResponse('Queued for sending', {
            type: 'object',
            properties: {
              ticket: ref('Ticket'),
              outboxId: { type: 'string' },
              redacted: { type: 'array', items: { type: 'string' }, description: 'Personal-data kinds removed from the text' },
            },
          }),
          ...actionErrors,
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
    '/api/v1/handoffs/{id}/notes': {
      post: secured(AGENT, {
        summary: 'Add an internal note (never sent to the citizen)',
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(textBody)),
        responses: { '201': jsonResponse('The note', { type: 'object', properties: { note: { type: 'object' } } }), ...actionErrors },
      }),
    },
    '/api/v1/handoffs/{id}/resolve': {
      post: action(
        'Resolve and tell the citizen; the bot answers next. Within the reopen window a message needing a person opens a new linked ticket, or with keepThread reopens this one',
        {
          requestBody: jsonBody(requestSchema(resolveBody)),
        },
      ),
    },
    '/api/v1/handoffs/{id}/return-to-bot': { post: action('Return the thread to the bot and tell the citizen; no reopen applies') },
    '/api/v1/handoffs/{id}/transfer': {
      post: action('Transfer to another queue and/or agent', {
        requestBody: jsonBody(requestSchema(transferBody)),
      }),
    },
    '/api/v1/handoffs/{id}/priority': {
      post: action("Change the ticket's priority (audited; a missed SLA never does this)", {
        requestBody: jsonBody(requestSchema(priorityBody)),
      }),
    },
    '/api/v1/handoffs/{id}/snooze': {
      post: action('Snooze an open ticket out of the working views until a time (null wakes it now); audited', {
        requestBody: jsonBody(requestSchema(snoozeBody)),
      }),
    },
    '/api/v1/handoffs/{id}/relabel': {
      post: secured(AGENT, {
        summary: 'Relabel the intent of a citizen message (creates a training candidate for the trainer inbox)',
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(relabelBody)),
        responses: {
          '201': jsonResponse('Candidate created', { type: 'object', properties: { candidateId: { type: 'string' } } }),
          ...actionErrors,
          ...errorResponses('SOTONG_ERR_VALIDATION'),
        },
      }),
    },
    '/api/v1/events': {
      get: secured(AGENT, {
        summary: 'Live events for agents (server-sent events)',
        description: 'Events: ticket.changed (opened, claimed, changed, new citizen message), sla.missed, message.created (conversations with an open ticket).',
        responses: { '200': { description: 'An event stream', content: { 'text/event-stream': { schema: { type: 'string' } } } } },
      }),
    },
    '/api/v1/metrics/handoffs': {
      get: secured(['trainer'], {
        summary: 'First-response times (bot and people, per channel), SLA compliance, auto-answer rate, handoff reasons',
        parameters: [{ name: 'since', in: 'query', schema: { type: 'string', format: 'date-time' }, description: 'Default: 7 days ago.' }],
        responses: { '200': jsonResponse('Numbers', { type: 'object' }) },
      }),
    },
  },
};
