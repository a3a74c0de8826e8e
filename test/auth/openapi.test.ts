// The OpenAPI document describes every route the composed app mounts, refuses clashes, and each
// documented request body is the JSON Schema of the very zod schema its route validates with.
import { Router } from 'express';
import type { z } from 'zod';
import { linkBody } from '../../handoff/contact-routes';
import { cannedBody } from '../../handoff/canned-routes';
import { loginBody, passwordBody } from '../../accounts/routes';
import { changesBody, newUserBody, resetBody } from '../../accounts/user-routes';
import { priorityBody, relabelBody, resolveBody, snoozeBody, textBody, transferBody } from '../../handoff/routes';
import { dashboardAnswer } from '../../server/openapi/dashboard-paths';
import { buildOpenApiDocument, requestSchema, responseSchema, type OpenApiGroup } from '../../server/openapi/document';
import { CORE_GROUPS } from '../../server/openapi/openapi-routes';
import { surgePaths } from '../../server/openapi/surge-paths';
import { trainerPaths } from '../../server/openapi/trainer-paths';
import { pinnedBody, replyBody } from '../../surge/routes';
import { parseBodySchema } from '../../training/nlu-routes';
import { answersBodySchema, exampleBodySchema, intentUpdateSchema, newIntentSchema } from '../../training/trainer-catalog';
import { acceptBodySchema } from '../../training/trainer-inbox';
import { publishBodySchema, rollbackBodySchema } from '../../training/trainer-models';
import { inbound } from '../support/pipeline-fixtures';
import { routesOf } from '../support/router-paths';
import { signIn, startAgentApp, tableModel, STARTUP_TIMEOUT_MS, type AgentApp, type Session } from './agent-app';

/** Every operation with a request body, and the zod schema its route parses the body with. */
const BODIES: Readonly<Record<string, z.ZodType>> = {
  'POST /api/v1/auth/login': loginBody,
  'POST /api/v1/auth/password': passwordBody,
  'POST /api/v1/users': newUserBody,
  'PATCH /api/v1/users/{id}': changesBody,
  'POST /api/v1/users/{id}/reset-password': resetBody,
  'POST /api/v1/handoffs/{id}/messages': textBody,
  'POST /api/v1/handoffs/{id}/notes': textBody,
  'POST /api/v1/handoffs/{id}/resolve': resolveBody,
  'POST /api/v1/handoffs/{id}/transfer': transferBody,
  'POST /api/v1/handoffs/{id}/priority': priorityBody,
  'POST /api/v1/handoffs/{id}/snooze': snoozeBody,
  'POST /api/v1/handoffs/{id}/relabel': relabelBody,
  'POST /api/v1/contacts/{id}/links': linkBody,
  'POST /api/v1/canned-responses': cannedBody,
  'PUT /api/v1/canned-responses/{id}': cannedBody,
  'POST /api/v1/intents': newIntentSchema,
  'PUT /api/v1/intents/{id}': intentUpdateSchema,
  'PUT /api/v1/intents/{id}/answers': answersBodySchema,
  'POST /api/v1/intents/{id}/examples': exampleBodySchema,
  'POST /api/v1/inbox/{id}/accept': acceptBodySchema,
  'POST /api/v1/models/{version}/publish': publishBodySchema,
  'POST /api/v1/models/{version}/rollback': rollbackBodySchema,
  'POST /api/v1/nlu/parse': parseBodySchema,
  'POST /api/v1/surges/{id}/pinned-answer': pinnedBody,
  'POST /api/v1/surges/{id}/reply': replyBody,
};

const DOCUMENT = buildOpenApiDocument([...CORE_GROUPS, trainerPaths, surgePaths]);
type Operation = { 'x-roles'?: string[]; responses: Record<string, unknown>; requestBody?: { content: Record<string, { schema: unknown }> } };
const operation = (route: string): Operation | undefined => {
  const [method, path] = route.split(' ') as [string, string];
  return (DOCUMENT.paths[path] as Record<string, Operation> | undefined)?.[method.toLowerCase()];
};
const described = Object.entries(DOCUMENT.paths).flatMap(([p, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${p}`));
const undocumented = (routes: readonly string[]) => routes.filter((route) => !described.includes(route));

test('a mounted route the document lacks is caught', () => {
  const planted = Router();
  planted.get('/handoffs/:id', (_req, res) => res.end());
  planted.post('/handoffs/:id/teleport', (_req, res) => res.end());
  expect(undocumented(routesOf('/api/v1', planted))).toEqual(['POST /api/v1/handoffs/{id}/teleport']);
  // A router inside a router would hide its routes from the check, so it is refused.
  const outer = Router().use(planted);
  expect(() => routesOf('/api/v1', outer)).toThrow(/nested router/);
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

test("every documented request body is its route's zod schema, as z.toJSONSchema gives it", () => {
  const withBody = described.filter((route) => operation(route)?.requestBody);
  expect(withBody.sort()).toEqual(Object.keys(BODIES).sort());
  for (const [route, schema] of Object.entries(BODIES)) {
    expect([route, operation(route)!.requestBody!.content['application/json']!.schema]).toEqual([route, requestSchema(schema)]);
  }
  // A constraint added to a route reaches the document: the text cap is the route's own.
  expect(operation('POST /api/v1/handoffs/{id}/messages')!.requestBody!.content['application/json']!.schema).toMatchObject({
    properties: { text: { maxLength: 4000, minLength: 1 } },
    additionalProperties: false,
  });
});

describe('the composed app', () => {
  let app: AgentApp;
  let admin: Session;
  beforeAll(async () => {
    app = await startAgentApp('pglite', tableModel());
    admin = await signIn(app.url, (await app.user(['admin'])).email);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app?.close());

  test('every API route it mounts is in /api/openapi.json with its roles', () => {
    const all = app.routes.filter((m) => m.path === '/api/v1').flatMap((m) => routesOf(m.path, m.router));
    expect(all.length).toBeGreaterThanOrEqual(39);
    expect(all).toContain('GET /api/v1/metrics/dashboard');
    expect(undocumented(all)).toEqual([]);
    for (const route of all) {
      if (route === 'POST /api/v1/auth/login') continue;
      expect([route, operation(route)!['x-roles']?.length]).toEqual([route, expect.any(Number)]);
      expect(Object.keys(operation(route)!.responses)).toEqual(expect.arrayContaining(['401', '403']));
    }
  });

  test("the dashboard's real answer is the shape the document shows", async () => {
    // Traffic, so every list in the answer has an item: a message, a ticket an agent answered and resolved.
    const { messageId } = await app.pipeline.ingest(inbound('여권 재발급 상담원 연결해 주세요'), { enqueue: false });
    const ticketId = (await app.pipeline.processInbound(messageId)).ticketId!;
    const agent = { id: admin.userId, roles: ['admin'] };
    await app.handoff.service.claim(ticketId, agent);
    await app.handoff.service.reply(ticketId, agent, '확인해 보겠습니다.');
    await app.handoff.service.resolve(ticketId, agent);

    const answer = await admin.bearer('GET', '/api/v1/metrics/dashboard?bucket=hour');
    expect(answer.status).toBe(200);
    const parsed = dashboardAnswer.safeParse(answer.body);
    expect(parsed.error?.issues ?? []).toEqual([]);
    for (const list of [answer.body.byChannel, answer.body.byIntent, answer.body.tickets.priorities, answer.body.tickets.agents, answer.body.quality.series]) {
      expect(list.length).toBeGreaterThan(0);
    }
    expect(operation('GET /api/v1/metrics/dashboard')!.responses['200']).toEqual({
      description: 'The figures',
      content: { 'application/json': { schema: responseSchema(dashboardAnswer) } },
    });
    // Strict: a field the route adds and the document lacks fails.
    expect(dashboardAnswer.safeParse({ ...answer.body, extra: 1 }).success).toBe(false);
  });

  test.each(Object.entries(BODIES))('%s parses its body with the schema the document shows', async (route, schema) => {
    const [method, path] = route.split(' ') as [string, string];
    const spies = [jest.spyOn(schema, 'parse'), jest.spyOn(schema, 'safeParse')];
    try {
      await admin.browser(method, path.replace(/\{\w+\}/g, 'unknown'), {});
      expect(spies.reduce((calls, spy) => calls + spy.mock.calls.length, 0)).toBeGreaterThan(0);
    } finally {
      for (const spy of spies) spy.mockRestore();
    }
  });
});
