// OpenAPI: the trainer API (catalog, inbox, training, evaluation, publish) and NLU parse.
// Merged into /api/openapi.json through createAgentApi's `openApiGroups`.
import { parseBodySchema } from '../../training/nlu-routes';
import { answersBodySchema, exampleBodySchema, intentBodySchema, intentUpdateSchema, newIntentSchema } from '../../training/trainer-catalog';
import { acceptBodySchema } from '../../training/trainer-inbox';
import { publishBodySchema, rollbackBodySchema } from '../../training/trainer-models';
import {
  arrayOf,
  errorResponses,
  jsonBody,
  jsonResponse,
  listResponse,
  objectOf,
  optionalJsonBody,
  ref,
  requestSchema,
  responseSchema,
  secured,
  type OpenApiGroup,
} from './document';

const TRAINER = ['trainer'];
const path = (name: string, description: string) => ({ name, in: 'path', required: true, schema: { type: 'string' }, description });
const intentId = path('id', 'Intent id, e.g. cert.family_relation');
const version = path('version', 'Model version, e.g. m-3f9c0e12ab');
const notFound = errorResponses('SOTONG_ERR_NOT_FOUND');
const invalid = errorResponses('SOTONG_ERR_VALIDATION');
const conflict = errorResponses('SOTONG_ERR_CONFLICT');

const example = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    intentId: { type: 'string' },
    text: { type: 'string', description: 'PII-redacted' },
    language: { type: 'string', enum: ['ko', 'en'] },
    source: { type: 'string', enum: ['catalog', 'relabel', 'inbox'] },
    createdBy: { type: ['string', 'null'] },
    createdAt: { type: 'string', format: 'date-time' },
  },
};
const metricPair = { type: 'object', properties: { metric: { type: 'string' }, published: { type: 'number' }, draft: { type: ['number', 'null'] } } };
const evaluation = {
  type: 'object',
  description: 'Stratified k-fold cross-validation (k = 5, seed 1) of the training recipe on the catalog, with the full triage policy.',
  properties: {
    method: { type: 'object' },
    examples: { type: 'integer' },
    accuracy: { type: 'number' },
    macroF1: { type: 'number' },
    perIntent: arrayOf(
      objectOf({
        label: { type: 'string' },
        precision: { type: 'number' },
        recall: { type: 'number' },
        f1: { type: 'number' },
        support: { type: 'integer' },
      }),
    ),
    confusion: {
      type: 'array',
      items: { type: 'object', properties: { gold: { type: 'string' }, predicted: { type: 'string' }, count: { type: 'integer' } } },
    },
    autoAnswer: { type: 'object', properties: { answered: { type: 'integer' }, precision: { type: 'number' }, faqCoverage: { type: 'number' } } },
    emergencyRecall: { type: ['number', 'null'] },
    actions: { type: 'object' },
    curve: {
      type: 'array',
      items: { type: 'object', properties: { threshold: { type: 'number' }, answered: { type: 'number' }, precision: { type: 'number' } } },
    },
    calibration: { type: 'object', properties: { ece: { type: 'number' }, bins: { type: 'array', items: { type: 'object' } } } },
  },
};
const job = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    status: { type: 'string', enum: ['queued', 'running', 'succeeded', 'failed'] },
    percent: { type: 'integer', minimum: 0, maximum: 100 },
    stage: { type: 'string' },
    version: { type: ['string', 'null'] },
    error: { type: ['string', 'null'] },
  },
};
const publishResult = {
  type: 'object',
  properties: {
    version: { type: 'string' },
    previous: { type: ['string', 'null'] },
    rollback: { type: 'boolean' },
    forced: { type: 'boolean' },
    compared: { type: 'boolean' },
    regressions: { type: 'array', items: metricPair },
  },
};
const inboxItem = {
  type: 'object',
  properties: {
    id: { type: 'string', description: '"candidate:…" (relabel) or "message:…"' },
    source: { type: 'string', enum: ['relabel', 'low_confidence', 'unhandled', 'negative_feedback'] },
    text: { type: 'string', description: 'PII-redacted' },
    predictedIntent: { type: ['string', 'null'] },
    confidence: { type: ['number', 'null'] },
    suggestedIntent: { type: ['string', 'null'] },
    messageId: { type: ['string', 'null'] },
    ticketId: { type: ['string', 'null'] },
  },
};

/** An intent with its examples. */
const intentAnswer = jsonResponse('The intent', objectOf({ intent: ref('TrainerIntent'), examples: arrayOf(ref('TrainerExample')) }));

const op = (summary: string, responses: Record<string, unknown>, extra: Record<string, unknown> = {}) => secured(TRAINER, { summary, ...extra, responses });

export const trainerPaths: OpenApiGroup = {
  tag: { name: 'trainer', description: 'Catalog editing, the training inbox, model training, evaluation and publishing.' },
  schemas: {
    TrainerIntent: {
      ...responseSchema(intentBodySchema),
      description: "The catalog file format (bot/intent-schema.ts) without examples. Ids are the taxonomy's.",
    },
    TrainerExample: example,
    TrainerEvaluation: evaluation,
    TrainingJob: job,
    PublishResult: publishResult,
    InboxItem: inboxItem,
  },
  paths: {
    '/api/v1/intents': {
      get: op('List intents with example counts', { 200: listResponse('Intents', 'intents', { type: 'object' }) }),
      post: op(
        'Create an intent (a taxonomy id), optionally with examples',
        {
          201: intentAnswer,
          ...invalid,
          ...conflict,
        },
        { requestBody: jsonBody(requestSchema(newIntentSchema)) },
      ),
    },
    '/api/v1/freshness': {
      get: op('Answers past their review date (or with none) and official links whose last check failed', {
        200: jsonResponse(
          'The freshness report',
          objectOf({
            today: { type: 'string' },
            answersDue: { type: 'array', items: { type: 'object' } },
            brokenLinks: { type: 'array', items: { type: 'object' } },
            links: { type: 'object' },
          }),
        ),
      }),
    },
    '/api/v1/intents/export': {
      get: op('The database catalog as catalog files', {
        200: jsonResponse('{filename: yamlText}', objectOf({ files: { type: 'object', additionalProperties: { type: 'string' } } })),
      }),
    },
    '/api/v1/intents/{id}': {
      get: op('An intent with its examples', { 200: intentAnswer, ...notFound }, { parameters: [intentId] }),
      put: op(
        "Replace an intent's definition (examples are edited separately)",
        { 200: jsonResponse('The intent', objectOf({ intent: ref('TrainerIntent') })), ...invalid, ...notFound },
        { parameters: [intentId], requestBody: jsonBody(requestSchema(intentUpdateSchema)) },
      ),
      delete: op('Delete an intent and its examples', { 204: { description: 'Deleted' }, ...notFound }, { parameters: [intentId] }),
    },
    '/api/v1/intents/{id}/answers': {
      put: op(
        'Replace the answers (and optionally the links)',
        { 200: jsonResponse('The intent', objectOf({ intent: ref('TrainerIntent') })), ...invalid, ...notFound },
        {
          parameters: [intentId],
          requestBody: jsonBody(requestSchema(answersBodySchema)),
        },
      ),
    },
    '/api/v1/intents/{id}/examples': {
      get: op("The intent's examples", { 200: listResponse('Examples', 'examples', ref('TrainerExample')), ...notFound }, { parameters: [intentId] }),
      post: op(
        'Add an example; 409 names the other intent if it (nearly) duplicates one there',
        { 201: jsonResponse('The example', objectOf({ example: ref('TrainerExample') })), ...invalid, ...notFound, ...conflict },
        {
          parameters: [intentId],
          requestBody: jsonBody(requestSchema(exampleBodySchema)),
        },
      ),
    },
    '/api/v1/intents/{id}/examples/{exampleId}': {
      delete: op('Delete an example', { 204: { description: 'Deleted' }, ...notFound }, { parameters: [intentId, path('exampleId', 'Example id')] }),
    },
    '/api/v1/inbox': {
      get: op(
        'Relabelled, low-confidence and unhandled messages',
        { 200: listResponse('Items', 'items', ref('InboxItem')) },
        {
          parameters: [
            { name: 'source', in: 'query', schema: { type: 'string', enum: ['relabel', 'low_confidence', 'unhandled', 'negative_feedback'] } },
            { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: 500 } },
          ],
        },
      ),
    },
    '/api/v1/inbox/{id}/accept': {
      post: op(
        'Turn an inbox item into an example',
        { 201: jsonResponse('The example', objectOf({ item: { type: 'string' }, example: ref('TrainerExample') })), ...invalid, ...notFound, ...conflict },
        {
          parameters: [path('id', 'Inbox item id')],
          requestBody: jsonBody(requestSchema(acceptBodySchema)),
        },
      ),
    },
    '/api/v1/inbox/{id}/dismiss': {
      post: op('Drop an inbox item', { 204: { description: 'Dismissed' }, ...notFound }, { parameters: [path('id', 'Inbox item id')] }),
    },
    '/api/v1/models': {
      get: op('Model versions, newest first, and the live one', {
        200: listResponse('Versions', 'versions', { type: 'object' }, { live: { type: 'string' } }),
      }),
    },
    '/api/v1/models/train': {
      post: op('Train a draft model in the background', { 202: jsonResponse('Job started', objectOf({ jobId: { type: 'string' }, job: ref('TrainingJob') })) }),
    },
    '/api/v1/models/training/{jobId}': {
      get: op(
        'Training progress',
        { 200: jsonResponse('The job', objectOf({ job: ref('TrainingJob') })), ...notFound },
        { parameters: [path('jobId', 'Training job id')] },
      ),
    },
    '/api/v1/models/{version}/evaluation': {
      get: op(
        "A version's cross-validated evaluation",
        {
          200: jsonResponse('Evaluation', objectOf({ version: { type: 'string' }, status: { type: 'string' }, evaluation: ref('TrainerEvaluation') })),
          ...notFound,
        },
        { parameters: [version] },
      ),
    },
    '/api/v1/models/{version}/publish': {
      post: op(
        'Publish a version; 409 with the regressing metrics unless forced with a reason',
        { 200: jsonResponse('Published', ref('PublishResult')), ...invalid, ...notFound, ...conflict },
        {
          parameters: [version],
          requestBody: optionalJsonBody(requestSchema(publishBodySchema)),
        },
      ),
    },
    '/api/v1/models/{version}/rollback': {
      post: op(
        'Publish a previously published version again',
        { 200: jsonResponse('Rolled back', ref('PublishResult')), ...notFound, ...conflict },
        {
          parameters: [version],
          requestBody: optionalJsonBody(requestSchema(rollbackBodySchema)),
        },
      ),
    },
    '/api/v1/nlu/parse': {
      post: op(
        'What the live bot would do with a message (nothing is stored or sent)',
        {
          200: jsonResponse(
            'The decision',
            objectOf({
              text: { type: 'string', description: 'The text as triaged (PII-redacted)' },
              modelVersion: { type: 'string' },
              intent: { type: 'string' },
              confidence: { type: 'number' },
              intents: { type: 'array', items: objectOf({ intent: { type: 'string' }, confidence: { type: 'number' } }) },
              entities: { type: 'array', items: { type: 'object' } },
              piiTypes: { type: 'array', items: { type: 'string' } },
              action: { type: 'string' },
              reason: { type: ['string', 'null'] },
              reply: { type: ['object', 'null'] },
            }),
          ),
          ...invalid,
        },
        { requestBody: jsonBody(requestSchema(parseBodySchema)) },
      ),
    },
  },
};
