// The OpenAPI document served at /api/openapi.json, composed from one group per route module
// (auth, users, handoffs, events, and the trainer's). A group is plain data; buildOpenApiDocument
// merges them and refuses two groups that describe the same operation or schema.
import { z } from 'zod';
import { ERROR_CATALOGUE, type ErrorCode } from '../../core/errors';

export type JsonSchema = Readonly<Record<string, unknown>>;
export type Operation = Readonly<Record<string, unknown>>;
export type PathItem = Readonly<Partial<Record<'get' | 'post' | 'put' | 'patch' | 'delete', Operation>>>;

export interface OpenApiGroup {
  readonly tag: { readonly name: string; readonly description: string };
  /** Keyed by the full path, e.g. '/api/v1/handoffs/{id}'. */
  readonly paths: Readonly<Record<string, PathItem>>;
  readonly schemas?: Readonly<Record<string, JsonSchema>>;
}

export const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });

/** A JSON request body. */
export const jsonBody = (schema: JsonSchema) => ({ required: true, content: { 'application/json': { schema } } });

/** A JSON request body the client may leave out (the route reads a missing one as {}). */
export const optionalJsonBody = (schema: JsonSchema) => ({ required: false, content: { 'application/json': { schema } } });

/** A JSON response. */
export const jsonResponse = (description: string, schema: JsonSchema) => ({ description, content: { 'application/json': { schema } } });

/** An object with these properties. */
export const objectOf = (properties: Readonly<Record<string, unknown>>): JsonSchema => ({ type: 'object', properties });

/** An array of `items`. */
export const arrayOf = (items: JsonSchema): JsonSchema => ({ type: 'array', items });

/**
 * A list answer: an object whose `key` holds the list, beside any other properties
 * (`{ users: [User…] }`, `{ cannedResponses: […], variables: […] }`).
 */
export const listResponse = (description: string, key: string, items: JsonSchema, others: Readonly<Record<string, unknown>> = {}) =>
  jsonResponse(description, objectOf({ [key]: arrayOf(items), ...others }));

/** Error responses from the catalogue, by code. */
export function errorResponses(...codes: ErrorCode[]): Record<string, unknown> {
  return Object.fromEntries(
    codes.map((code) => [
      String(ERROR_CATALOGUE[code].status),
      { description: `${code}: ${ERROR_CATALOGUE[code].message.en}`, content: { 'application/json': { schema: ref('Error') } } },
    ]),
  );
}

/** A guarded operation: who may call it, and the 401/403 every guarded route can answer. */
export function secured(roles: readonly string[], operation: Operation & { responses: Record<string, unknown> }): Operation {
  return {
    ...operation,
    security: [{ sessionCookie: [], csrfHeader: [] }, { bearer: [] }],
    'x-roles': roles,
    description: `${String(operation.description ?? operation.summary ?? '')}\n\nRoles: ${roles.join(', ')} (admin may call every route).`.trim(),
    responses: { ...operation.responses, ...errorResponses('SOTONG_ERR_UNAUTHORIZED', 'SOTONG_ERR_FORBIDDEN') },
  };
}

/** A route's zod body schema as the JSON Schema a client sends (zod's input side), so the document
 * cannot drift from what the route accepts. */
export function requestSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  return json as JsonSchema;
}

/** A zod schema as the JSON Schema of what the server sends back (zod's output side). */
export function responseSchema(schema: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' });
  return json as JsonSchema;
}

/** A route's zod query schema as OpenAPI query parameters, one per property. */
export function queryParameters(schema: z.ZodObject): Operation[] {
  const properties = (requestSchema(schema).properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(properties).map(([name, property]) => ({ name, in: 'query', schema: property }));
}

export const idParameter = { name: 'id', in: 'path', required: true, schema: { type: 'string' } } as const;

const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      properties: { code: { type: 'string', enum: Object.keys(ERROR_CATALOGUE) }, message: { type: 'string' }, details: {} },
    },
  },
};

export function buildOpenApiDocument(groups: readonly OpenApiGroup[], info: { version: string } = { version: '0.1.0' }) {
  const paths: Record<string, Record<string, Operation>> = {};
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  for (const group of groups) {
    for (const [path, item] of Object.entries(group.paths)) {
      const target = (paths[path] ??= {});
      for (const [method, operation] of Object.entries(item)) {
        if (target[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is described twice (group "${group.tag.name}")`);
        target[method] = { tags: [group.tag.name], ...operation };
      }
    }
    for (const [name, schema] of Object.entries(group.schemas ?? {})) {
      if (schemas[name]) throw new Error(`OpenAPI: schema ${name} is defined twice (group "${group.tag.name}")`);
      schemas[name] = schema;
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Sotong API',
      version: info.version,
      description:
        'Sotong (소통): triage for a government helpline. Errors answer { error: { code, message, details? } } in Korean unless Accept-Language prefers English.',
    },
    tags: groups.map((g) => g.tag),
    paths,
    components: {
      schemas,
      securitySchemes: {
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'sotong_session', description: 'Set by POST /api/v1/auth/login (httpOnly, SameSite=Strict).' },
        csrfHeader: {
          type: 'apiKey',
          in: 'header',
          name: 'x-csrf-token',
          description: 'Required with the cookie on POST/PUT/PATCH/DELETE: the csrfToken from login (also in the sotong_csrf cookie).',
        },
        bearer: { type: 'http', scheme: 'bearer', description: 'The token from login, for API clients. No CSRF header needed.' },
      },
    },
  };
}
