// Canned responses over HTTP, on PGlite and PostgreSQL: the four seeded ones are listed for an
// agent; a trainer creates, edits and deletes one, each change audited; an agent may not change
// them; a text naming an unknown variable or missing a language is refused with a clear error.
// The variables fill in as the console does it.
import { fillVariables, unknownVariables } from '../../handoff/canned-variables';
import { agentAppForSuite, call, signIn } from '../auth/agent-app';
import { describeEachDatabaseKind } from '../support/backends';

describeEachDatabaseKind('canned responses over HTTP', (kind) => {
  const app = agentAppForSuite(kind);

  test('agents read them; trainers create, edit and delete them, audited; bad texts are refused', async () => {
    const agent = await signIn(app().url, (await app().user(['agent'])).email);
    const trainer = await signIn(app().url, (await app().user(['trainer'])).email);

    const seeded = await agent.bearer('GET', '/api/v1/canned-responses');
    expect(seeded.status).toBe(200);
    expect(seeded.body.cannedResponses.map((c: { id: string }) => c.id).sort()).toEqual(['canned-110', 'canned-checking', 'canned-dm', 'canned-thanks']);
    expect(seeded.body.variables).toEqual(expect.arrayContaining(['citizen_name', 'ticket_id']));
    expect((await call(app().url, 'GET', '/api/v1/canned-responses')).status).toBe(401);

    const body = {
      title: '여권 안내 / Passport',
      text: { ko: '{citizen_name}님, 여권은 정부24에서 신청하세요. ({ticket_id})', en: 'Apply on Gov24, {citizen_name}. ({ticket_id})' },
    };
    expect((await agent.browser('POST', '/api/v1/canned-responses', body)).status).toBe(403);
    const created = await trainer.browser('POST', '/api/v1/canned-responses', body);
    expect(created.status).toBe(201);
    const id = created.body.cannedResponse.id as string;
    expect(created.body.cannedResponse).toMatchObject({ ...body, updatedBy: trainer.userId });

    const edited = await trainer.browser('PUT', `/api/v1/canned-responses/${id}`, { ...body, title: '여권 / Passport' });
    expect(edited.body.cannedResponse.title).toBe('여권 / Passport');
    expect((await agent.bearer('GET', '/api/v1/canned-responses')).body.cannedResponses.map((c: { title: string }) => c.title)).toContain('여권 / Passport');

    const unknown = await trainer.browser('POST', '/api/v1/canned-responses', { ...body, text: { ko: '{주민번호} 알려주세요', en: 'Your {ssn}' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.code).toBe('SOTONG_ERR_VALIDATION');
    expect(unknown.body.error.message).toContain('{ssn}');
    expect((await trainer.browser('POST', '/api/v1/canned-responses', { title: 'x', text: { ko: '안녕하세요' } })).status).toBe(400);
    expect((await trainer.browser('POST', '/api/v1/canned-responses', { ...body, title: '   ' })).status).toBe(400);
    expect((await trainer.browser('PUT', '/api/v1/canned-responses/canned-none', body)).status).toBe(404);

    expect((await agent.browser('DELETE', `/api/v1/canned-responses/${id}`)).status).toBe(403);
    expect((await trainer.browser('DELETE', `/api/v1/canned-responses/${id}`)).status).toBe(204);
    expect((await trainer.browser('DELETE', `/api/v1/canned-responses/${id}`)).status).toBe(404);
    expect((await app().handoff.deps.audit.forTarget(id)).map((r) => [r.action, r.actor])).toEqual([
      ['canned.create', trainer.userId],
      ['canned.update', trainer.userId],
      ['canned.delete', trainer.userId],
    ]);
  });
});

test('variables: unknown names are found; known ones fill in, and a missing value leaves a readable text', () => {
  expect(unknownVariables('{citizen_name} {ticket_id} {ssn} {ssn} {x}')).toEqual(['ssn', 'x']);
  expect(unknownVariables('no variables')).toEqual([]);
  expect(fillVariables('Thank you, {citizen_name}. Ticket {ticket_id} {other}', { citizen_name: 'Kim', ticket_id: 'T1' })).toBe(
    'Thank you, Kim. Ticket T1 {other}',
  );
  expect(fillVariables('Thank you, {citizen_name}.', { citizen_name: null })).toBe('Thank you.');
  expect(fillVariables('{citizen_name}님 감사합니다.', {})).toBe('감사합니다.');
  expect(fillVariables('{citizen_name}님 감사합니다.', { citizen_name: '김민수' })).toBe('김민수님 감사합니다.');
});
