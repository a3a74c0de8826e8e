// The OpenAPI document describes every route the console API mounts, and refuses clashes.
import { buildOpenApiDocument, type OpenApiGroup } from '../../server/openapi/document';
import { CORE_GROUPS } from '../../server/openapi/openapi-routes';
import { trainerPaths } from '../../server/openapi/trainer-paths';
import { createInProcessEvents } from '../../events/in-process-events';
import { createEventStreams } from '../../events/event-streams';
import { createHandoff } from '../../handoff/create-handoff';
import { createAgentApi } from '../../server/agent-api';
import { redactPii } from '../../bot/pii';
import { createDatabase } from '../../store/database';
import { seedCatalog } from '../support/seed-catalog';
import { z } from 'zod';
import { loginBody } from '../../accounts/routes';
import { newUserBody } from '../../accounts/user-routes';
import { transferBody } from '../../handoff/routes';
import { routesOf } from '../support/router-paths';

test('every console route is in /api/openapi.json with its roles, and the trainer group merges in', async () => {
  // The routers are only built, never served: an in-memory database is enough to construct them.
  const database = await createDatabase({ dataDir: 'memory://' });
  try {
    const events = createInProcessEvents();
    const handoff = createHandoff({ db: database.db, jobs: { add: async () => undefined }, events, catalog: () => seedCatalog(), redact: redactPii });
    const api = createAgentApi({ db: database.db, handoff, events, streams: createEventStreams() });
    const document = buildOpenApiDocument([...CORE_GROUPS, trainerPaths]);
    const described = Object.entries(document.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
    const mounted = api.routes.filter((m) => m.path === '/api/v1').flatMap((m) => routesOf(m.path, m.router));
    expect(mounted.length).toBeGreaterThanOrEqual(17);
    expect(described).toEqual(expect.arrayContaining(mounted));
    for (const route of mounted) {
      const [method, p] = route.split(' ') as [string, string];
      if (p === '/api/v1/auth/login') continue;
      const operation = (document.paths[p] as Record<string, { 'x-roles'?: string[]; responses: Record<string, unknown> }>)[method.toLowerCase()]!;
      expect(operation['x-roles']?.length).toBeGreaterThan(0);
      expect(Object.keys(operation.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
    await events.close();
  } finally {
    await database.close();
  }
});

test('two groups describing the same operation or schema are refused', () => {
  const group = (name: string, schemas = {}): OpenApiGroup => ({
    tag: { name, description: name },
    paths: { '/api/v1/x': { get: { responses: {} } } },
    schemas,
  });
  expect(() => buildOpenApiDocument([group('a'), group('b')])).toThrow(/GET \/api\/v1\/x is described twice/);
  expect(() =>
    buildOpenApiDocument([
      { tag: { name: 'a', description: '' }, paths: {}, schemas: { S: {} } },
      { tag: { name: 'b', description: '' }, paths: {}, schemas: { S: {} } },
    ]),
  ).toThrow(/schema S is defined twice/);
});

test("request bodies are the routes' own zod schemas, as z.toJSONSchema gives them", () => {
  const document = buildOpenApiDocument([...CORE_GROUPS, trainerPaths]);
  const body = (path: string, method: string) =>
    (document.paths[path] as Record<string, { requestBody: { content: Record<string, { schema: unknown }> } }>)[method]!.requestBody.content[
      'application/json'
    ]!.schema;
  const input = (schema: z.ZodType) => {
    const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' });
    return json;
  };
  expect(body('/api/v1/handoffs/{id}/transfer', 'post')).toEqual(input(transferBody));
  expect(body('/api/v1/auth/login', 'post')).toEqual(input(loginBody));
  expect(body('/api/v1/users', 'post')).toEqual(input(newUserBody));
  // A constraint added to a route reaches the document: the text cap is the route's own.
  expect(body('/api/v1/handoffs/{id}/messages', 'post')).toMatchObject({
    properties: { text: { maxLength: 4000, minLength: 1 } },
    additionalProperties: false,
  });
});
