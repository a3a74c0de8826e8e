// OpenAPI for /canned-responses: the answers agents insert with `/`, kept by trainers and admins.
import { cannedBody } from '../../handoff/canned-routes';
import { CANNED_VARIABLES } from '../../handoff/canned-variables';
import { arrayOf, errorResponses, idParameter, jsonBody, jsonResponse, listResponse, ref, requestSchema, secured, type OpenApiGroup } from './document';

const SUPERVISORS = ['trainer'];
const canned = {
  type: 'object',
  required: ['id', 'title', 'text'],
  properties: {
    id: { type: 'string' },
    title: { type: 'string' },
    text: { type: 'object', properties: { ko: { type: 'string' }, en: { type: 'string' } } },
    updatedBy: { type: ['string', 'null'] },
    updatedAt: { type: 'string', format: 'date-time' },
  },
};
const one = jsonResponse('The canned response', { type: 'object', properties: { cannedResponse: ref('CannedResponse') } });
const variables = `Texts may use ${CANNED_VARIABLES.map((v) => `{${v}}`).join(', ')}; the console fills them in. Any other {name} is refused.`;

export const cannedPaths: OpenApiGroup = {
  tag: { name: 'canned-responses', description: 'Canned responses agents insert with / in the reply box. Changes are audited.' },
  schemas: { CannedResponse: canned },
  paths: {
    '/api/v1/canned-responses': {
      get: secured(['agent', 'trainer', 'supervisor'], {
        summary: 'Every canned response, by title, with the variables a text may use',
        responses: {
          '200': listResponse('Canned responses', 'cannedResponses', ref('CannedResponse'), { variables: arrayOf({ type: 'string' }) }),
        },
      }),
      post: secured(SUPERVISORS, {
        summary: 'Create a canned response',
        description: variables,
        requestBody: jsonBody(requestSchema(cannedBody)),
        responses: { '201': one, ...errorResponses('SOTONG_ERR_VALIDATION') },
      }),
    },
    '/api/v1/canned-responses/{id}': {
      put: secured(SUPERVISORS, {
        summary: 'Replace a canned response',
        description: variables,
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(cannedBody)),
        responses: { '200': one, ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_NOT_FOUND') },
      }),
      delete: secured(SUPERVISORS, {
        summary: 'Delete a canned response',
        parameters: [idParameter],
        responses: { '204': { description: 'Deleted' }, ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
  },
};
