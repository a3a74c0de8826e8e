// OpenAPI: sign-in and user management.
import { ROLES } from '../../accounts/roles';
import { loginBody, passwordBody } from '../../accounts/routes';
import { changesBody, newUserBody, resetBody } from '../../accounts/user-routes';
import { errorResponses, idParameter, jsonBody, jsonResponse, listResponse, ref, requestSchema, secured, type OpenApiGroup } from './document';

const user = {
  type: 'object',
  required: ['id', 'email', 'displayName', 'roles'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string', format: 'email' },
    displayName: { type: 'string' },
    roles: { type: 'array', items: { type: 'string', enum: ROLES } },
    queues: { type: 'array', items: { type: 'string' }, description: 'Queues the agent serves for auto-assignment; empty = all.' },
    disabled: { type: 'boolean' },
    mustChangePassword: { type: 'boolean', description: 'Signed in with a temporary password: must POST /auth/password before anything else.' },
    createdAt: { type: 'string', format: 'date-time' },
  },
};

export const authPaths: OpenApiGroup = {
  tag: { name: 'auth', description: 'Console sign-in (session cookie + CSRF token, or bearer token) and user management.' },
  schemas: { User: user },
  paths: {
    '/api/v1/auth/login': {
      post: {
        summary: 'Sign in',
        description: 'Sets the sotong_session (httpOnly) and sotong_csrf cookies. 5 failed attempts per IP and email within 15 minutes → 429 with Retry-After.',
        requestBody: jsonBody(requestSchema(loginBody)),
        responses: {
          '200': jsonResponse('Signed in', {
            type: 'object',
            required: ['user', 'token', 'csrfToken', 'expiresAt'],
            properties: {
              user: ref('User'),
              token: { type: 'string', description: 'Bearer token' },
              csrfToken: { type: 'string' },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          }),
          ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_UNAUTHORIZED', 'SOTONG_ERR_RATE_LIMITED'),
        },
      },
    },
    '/api/v1/auth/logout': {
      post: secured(['agent', 'trainer', 'admin'], { summary: 'End this session', responses: { '204': { description: 'Signed out' } } }),
    },
    '/api/v1/auth/password': {
      post: secured(['agent', 'trainer', 'admin'], {
        summary: "Change one's own password (required after an admin's reset); the other sessions end",
        requestBody: jsonBody(requestSchema(passwordBody)),
        responses: { '204': { description: 'Changed' }, ...errorResponses('SOTONG_ERR_VALIDATION') },
      }),
    },
    '/api/v1/auth/me': {
      get: secured(['agent', 'trainer', 'admin'], {
        summary: 'Who is signed in',
        responses: {
          '200': jsonResponse('The session', {
            type: 'object',
            properties: { user: ref('User'), csrfToken: { type: 'string' }, expiresAt: { type: 'string' } },
          }),
        },
      }),
    },
    '/api/v1/users': {
      post: secured(['admin'], {
        summary: 'Create a user',
        requestBody: jsonBody(requestSchema(newUserBody)),
        responses: {
          '201': jsonResponse('Created', { type: 'object', properties: { user: ref('User') } }),
          ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_CONFLICT'),
        },
      }),
      get: secured(['admin'], {
        summary: 'List users',
        responses: { '200': listResponse('Users', 'users', ref('User')) },
      }),
    },
    '/api/v1/users/{id}': {
      patch: secured(['admin'], {
        summary: "Edit a user's name, roles and department queues",
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(changesBody)),
        responses: {
          '200': jsonResponse('Updated', { type: 'object', properties: { user: ref('User') } }),
          ...errorResponses('SOTONG_ERR_VALIDATION', 'SOTONG_ERR_NOT_FOUND', 'SOTONG_ERR_CONFLICT'),
        },
      }),
    },
    '/api/v1/users/{id}/enable': {
      post: secured(['admin'], {
        summary: 'Let a disabled user sign in again',
        parameters: [idParameter],
        responses: { '200': jsonResponse('Enabled', { type: 'object', properties: { user: ref('User') } }), ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
    '/api/v1/users/{id}/reset-password': {
      post: secured(['admin'], {
        summary: 'Set a temporary password (given or generated) the user must change at their next sign-in; their sessions end',
        parameters: [idParameter],
        requestBody: jsonBody(requestSchema(resetBody)),
        responses: {
          '200': jsonResponse('Reset', { type: 'object', properties: { user: ref('User'), temporaryPassword: { type: 'string', description: 'Shown once' } } }),
          ...errorResponses('SOTONG_ERR_NOT_FOUND'),
        },
      }),
    },
    '/api/v1/users/{id}/disable': {
      post: secured(['admin'], {
        summary: 'Disable a user and end their sessions',
        parameters: [idParameter],
        responses: { '200': jsonResponse('Disabled', { type: 'object', properties: { user: ref('User') } }), ...errorResponses('SOTONG_ERR_NOT_FOUND') },
      }),
    },
  },
};
