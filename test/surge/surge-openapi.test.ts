// The surge routes are in /api/openapi.json (issue 15): every route surge/routes.ts mounts, with
// its roles and the 401/403 of a guarded route, and the request bodies and list query are the
// routes' own zod schemas, so the document cannot drift from what the routes accept.
import { z } from 'zod';
import { redactPii } from '../../bot/pii';
import { createEventStreams } from '../../events/event-streams';
import { createInProcessEvents } from '../../events/in-process-events';
import { createHandoff } from '../../handoff/create-handoff';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import { createAgentApi } from '../../server/agent-api';
import { buildOpenApiDocument } from '../../server/openapi/document';
import { CORE_GROUPS } from '../../server/openapi/openapi-routes';
import { surgePaths } from '../../server/openapi/surge-paths';
import { trainerPaths } from '../../server/openapi/trainer-paths';
import type { Database } from '../../store/database';
import type { Schema } from '../../store/schema';
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely';
import { createSurge } from '../../surge/create-surge';
import { pinnedBody, replyBody } from '../../surge/routes';
import { routesOf } from '../support/router-paths';
import { seedCatalog } from '../support/seed-catalog';

type Operation = { 'x-roles'?: string[]; responses: Record<string, unknown>; parameters?: { name: string; in: string; schema: unknown }[]; requestBody?: any };
const document = buildOpenApiDocument([...CORE_GROUPS, trainerPaths, surgePaths]);
const operation = (path: string, method: string) => (document.paths[path] as Record<string, Operation>)[method]!;
const input = (schema: z.ZodType) => {
  const { $schema: _dialect, ...json } = z.toJSONSchema(schema, { io: 'input' });
  return json;
};

test('every surge route is described with its roles', async () => {
  // The routers are only built, never served: a database that is never queried is enough (kysely's
  // DummyDriver), so the test does not wait for a PGlite to start and migrate.
  const db = new Kysely<Schema>({
    dialect: {
      createAdapter: () => new PostgresAdapter(),
      createDriver: () => new DummyDriver(),
      createIntrospector: (k) => new PostgresIntrospector(k),
      createQueryCompiler: () => new PostgresQueryCompiler(),
    },
  });
  const database = { db, close: () => db.destroy() } as unknown as Database;
  const events = createInProcessEvents();
  const jobs = createInProcessJobQueue();
  try {
    const handoff = createHandoff({ db: database.db, jobs, events, catalog: () => seedCatalog(), redact: redactPii });
    const api = createAgentApi({ db: database.db, handoff, events, streams: createEventStreams() });
    const surge = createSurge({ database, jobs, events, catalog: () => seedCatalog() });
    const mounted = routesOf('/api/v1', surge.routes(api.guard, redactPii));
    expect(mounted).toEqual(
      expect.arrayContaining([
        'GET /api/v1/surges',
        'POST /api/v1/surges/{id}/pinned-answer',
        'DELETE /api/v1/surges/{id}/pinned-answer',
        'POST /api/v1/surges/{id}/broadcast',
      ]),
    );
    for (const route of mounted) {
      const [method, path] = route.split(' ') as [string, string];
      const described = operation(path, method.toLowerCase());
      expect(described.responses).toHaveProperty('200');
      expect(described['x-roles']?.length).toBeGreaterThan(0);
      expect(Object.keys(described.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  } finally {
    await jobs.close();
    await events.close();
    await database.close();
  }
});

test('who may do what: supervisors pin and broadcast, trainers only read the list', () => {
  expect(operation('/api/v1/surges', 'get')['x-roles']).toEqual(['agent', 'supervisor', 'trainer']);
  for (const [path, method] of [
    ['/api/v1/surges/{id}/pinned-answer', 'post'],
    ['/api/v1/surges/{id}/pinned-answer', 'delete'],
    ['/api/v1/surges/{id}/broadcast', 'post'],
  ] as const) {
    expect(operation(path, method)['x-roles']).toEqual(['supervisor']);
  }
});

test("bodies and the list query are the routes' own zod schemas", () => {
  const body = (path: string) => operation(path, 'post').requestBody.content['application/json'].schema;
  expect(body('/api/v1/surges/{id}/pinned-answer')).toEqual(input(pinnedBody));
  expect(body('/api/v1/surges/{id}/reply')).toEqual(input(replyBody));
  // The pinned answer's shape as a client writes it: both languages, links as URLs or {label, url}.
  expect(body('/api/v1/surges/{id}/pinned-answer')).toMatchObject({
    required: expect.arrayContaining(['text', 'expiresAt']),
    properties: { text: { required: ['ko', 'en'] }, expiresAt: { type: 'string', format: 'date-time' } },
  });
  expect(operation('/api/v1/surges', 'get').parameters).toEqual([{ name: 'status', in: 'query', schema: { type: 'string', enum: ['open', 'closed'] } }]);
  // The answer carries what the API section lists for each surge.
  const surge = document.components.schemas.Surge as { required: string[] };
  expect(surge.required).toEqual(
    expect.arrayContaining(['id', 'status', 'openedAt', 'label', 'intent', 'count', 'ratePerMin', 'baselinePerMin', 'sampleMessageIds', 'pinnedAnswer']),
  );
});
