import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadCatalog } from '../../intents/loader';
import { loadCatalogFromDb } from '../../training/catalog-repository';
import { call, type Session } from '../auth/agent-app';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTrainerApp, type TrainerApp } from './trainer-app';

describeEachDatabaseKind('trainer API: catalog', (kind) => {
  let app: TrainerApp;
  const database = () => app.database;
  let trainer: Session;
  let agent: Session;
  beforeAll(async () => {
    app = await startTrainerApp(kind);
    trainer = await app.session(['trainer']);
    agent = await app.session(['agent']);
  }, STARTUP_TIMEOUT_MS);
  afterAll(() => app.close());

  const audit = (action: string, target: string) =>
    database().db.selectFrom('audit_log').selectAll().where('action', '=', action).where('target', '=', target).execute();

  test('lists, reads, updates, deletes and re-creates an intent, each change audited', async () => {
    const list = await trainer.browser('GET', '/api/v1/intents');
    expect(list.status).toBe(200);
    expect(list.body.intents).toHaveLength(22);
    // The seed files hold 12 + 5; the seeding detects each example's language from its text.
    const counts = list.body.intents.find((i: any) => i.id === 'cert.seal').examples;
    expect(counts.ko + counts.en).toBe(17);

    const seal = await trainer.browser('GET', '/api/v1/intents/cert.seal');
    expect(seal.status).toBe(200);
    expect(seal.body.examples).toHaveLength(17);
    const definition = seal.body.intent;

    const renamed = { ...definition, name: { ko: '인감증명서 발급', en: 'Seal certificates' } };
    const put = await trainer.browser('PUT', '/api/v1/intents/cert.seal', renamed);
    expect(put.status).toBe(200);
    expect(put.body.intent.name.en).toBe('Seal certificates');
    expect((await audit('intent.update', 'cert.seal'))[0]).toMatchObject({ actor: trainer.userId, details: { changed: ['name'] } });

    const badPut = await trainer.browser('PUT', '/api/v1/intents/cert.seal', { ...definition, policy: 'sometimes' });
    expect(badPut.status).toBe(400);
    expect(JSON.stringify(badPut.body.error.details)).toContain('policy');

    expect((await trainer.browser('DELETE', '/api/v1/intents/cert.seal')).status).toBe(204);
    expect((await trainer.browser('GET', '/api/v1/intents/cert.seal')).status).toBe(404);
    expect((await audit('intent.delete', 'cert.seal'))[0]!.details).toEqual({ examples: 17 });

    const examples = { ko: seal.body.examples.filter((e: any) => e.language === 'ko').map((e: any) => e.text), en: ['seal certificate where'] };
    const created = await trainer.browser('POST', '/api/v1/intents', { ...renamed, examples });
    expect(created.status).toBe(201);
    expect(created.body.examples).toHaveLength(examples.ko.length + 1);
    expect(await audit('intent.create', 'cert.seal')).toHaveLength(1);
    expect((await trainer.browser('POST', '/api/v1/intents', { ...renamed })).status).toBe(409);
  });

  test('refuses an intent id outside the taxonomy, naming the field', async () => {
    const seal = (await trainer.browser('GET', '/api/v1/intents/cert.family_relation')).body.intent;
    const made = await trainer.browser('POST', '/api/v1/intents', { ...seal, id: 'cert.made_up' });
    expect(made.status).toBe(400);
    expect(made.body.error.details.problems[0]).toMatchObject({ field: 'id' });
    expect((await trainer.browser('GET', '/api/v1/intents/cert.made_up')).status).toBe(404);
  });

  test("adds and deletes examples; a (near) duplicate of another intent's example is 409 naming that intent", async () => {
    const added = await trainer.browser('POST', '/api/v1/intents/passport.issue/examples', { text: '여권 사진 규격이 어떻게 되나요 알려주세요' });
    expect(added.status).toBe(201);
    expect(added.body.example).toMatchObject({ intentId: 'passport.issue', language: 'ko', source: 'catalog', createdBy: trainer.userId, redacted: false });

    const other = (await trainer.browser('GET', '/api/v1/intents/traffic.fine/examples')).body.examples[0].text as string;
    const exact = await trainer.browser('POST', '/api/v1/intents/passport.issue/examples', { text: other });
    expect(exact.status).toBe(409);
    expect(exact.body.error.details).toMatchObject({ conflictingIntent: 'traffic.fine', conflictingExample: other, similarity: 1 });
    const near = await trainer.browser('POST', '/api/v1/intents/passport.issue/examples', { text: `${other}!!`.replace(/\s/g, '  ') });
    expect(near.status).toBe(409);
    expect(near.body.error.details.conflictingIntent).toBe('traffic.fine');
    const again = await trainer.browser('POST', '/api/v1/intents/passport.issue/examples', { text: '여권 사진 규격이 어떻게 되나요 알려주세요' });
    expect(again.status).toBe(409);
    expect(again.body.error.details.conflictingIntent).toBe('passport.issue');

    const removed = await trainer.browser('DELETE', `/api/v1/intents/passport.issue/examples/${added.body.example.id}`);
    expect(removed.status).toBe(204);
    const list = (await trainer.browser('GET', '/api/v1/intents/passport.issue/examples')).body.examples;
    expect(list.map((e: any) => e.id)).not.toContain(added.body.example.id);
    expect((await trainer.browser('DELETE', `/api/v1/intents/passport.issue/examples/${added.body.example.id}`)).status).toBe(404);
    expect((await audit('example.add', 'passport.issue')).length).toBe(1);
    expect((await audit('example.delete', 'passport.issue')).length).toBe(1);
  });

  test('stores examples with personal data redacted', async () => {
    const added = await trainer.browser('POST', '/api/v1/intents/welfare.basic_living/examples', {
      text: '제 번호 010-1234-5678 인데 기초생활수급 상담 받고 싶어요',
    });
    expect(added.status).toBe(201);
    expect(added.body.example.redacted).toBe(true);
    expect(added.body.example.text).not.toContain('5678');
    const stored = await database().db.selectFrom('examples').select('text').where('id', '=', added.body.example.id).executeTakeFirstOrThrow();
    expect(stored.text).not.toContain('5678');
    const logged = await audit('example.add', 'welfare.basic_living');
    expect(JSON.stringify(logged)).not.toContain('5678');
  });

  test('answers: validated by the schema, 280 weighted characters, official links only', async () => {
    const { intent } = (await trainer.browser('GET', '/api/v1/intents/passport.issue')).body;
    const answer = { ...intent.answers[0], public: { ko: '여권은 가까운 구청이나 시청에서 신청하세요.', en: 'Apply at your district office.' } };
    const ok = await trainer.browser('PUT', '/api/v1/intents/passport.issue/answers', { answers: [answer] });
    expect(ok.status).toBe(200);
    expect(ok.body.intent.answers).toEqual([answer]);
    expect(await audit('intent.answers', 'passport.issue')).toHaveLength(1);

    const long = await trainer.browser('PUT', '/api/v1/intents/passport.issue/answers', {
      answers: [{ ...answer, public: { ko: '여권'.repeat(80), en: 'x' } }],
    });
    expect(long.status).toBe(400);
    expect(long.body.error.details.problems).toEqual([expect.objectContaining({ field: 'answers[0].public.ko' })]);

    const foreign = await trainer.browser('PUT', '/api/v1/intents/passport.issue/answers', {
      answers: [{ ...answer, links: [0] }],
      links: [{ label: { ko: '블로그', en: 'Blog' }, url: 'https://blog.example.com/passport', checked: '2026-11-01' }],
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.details.problems[0].field).toBe('links[0].url');

    const badIndex = await trainer.browser('PUT', '/api/v1/intents/passport.issue/answers', { answers: [{ ...answer, links: [42] }] });
    expect(badIndex.status).toBe(400);
    const missing = await trainer.browser('PUT', '/api/v1/intents/passport.issue/answers', { answers: [{ public: answer.public }] });
    expect(missing.status).toBe(400);
    expect((await trainer.browser('GET', '/api/v1/intents/passport.issue')).body.intent.answers).toEqual([answer]);
  });

  test('an edit keeps every catalog field it does not touch: situations, broad terms, threshold, answer owner and dates', async () => {
    const before = (await trainer.browser('GET', '/api/v1/intents/scam.voice_phishing')).body.intent;
    expect(before.situations?.length).toBeGreaterThan(0);
    expect(before.broadTerms?.ko.length).toBeGreaterThan(0);
    expect(before.threshold).toBeDefined();
    const answers = before.answers.map((answer: any) => ({
      ...answer,
      owner: 'fraud desk',
      reviewBy: '2027-03-01',
      effective: { from: '2026-01-01', to: '2027-12-31' },
    }));
    const put = await trainer.browser('PUT', '/api/v1/intents/scam.voice_phishing/answers', { answers });
    expect(put.status).toBe(200);
    const renamed = await trainer.browser('PUT', '/api/v1/intents/scam.voice_phishing', {
      ...put.body.intent,
      name: { ko: '보이스피싱', en: 'Voice phishing' },
    });
    expect(renamed.status).toBe(200);
    const stored = (await loadCatalogFromDb(database().db)).byId.get('scam.voice_phishing')!;
    expect(stored).toMatchObject({ situations: before.situations, broadTerms: before.broadTerms, threshold: before.threshold, answers });
  });

  test('exports the database catalog as files the catalog loader accepts', async () => {
    const exported = await trainer.browser('GET', '/api/v1/intents/export');
    expect(exported.status).toBe(200);
    const dir = mkdtempSync(path.join(tmpdir(), 'sotong-export-'));
    for (const [file, text] of Object.entries(exported.body.files as Record<string, string>)) writeFileSync(path.join(dir, file), text);
    const fromFiles = loadCatalog(dir);
    const fromDb = await loadCatalogFromDb(database().db);
    expect(fromFiles.intents).toEqual(fromDb.intents);
    expect(Object.keys(exported.body.files)).toHaveLength(22);
  });

  test('nlu/parse: top intents, entities, PII types and the action, on the redacted text', async () => {
    const parsed = await trainer.bearer('POST', '/api/v1/nlu/parse', { text: '지금 집에 불이 났어요 살려주세요 010-2222-3333' });
    expect(parsed.status).toBe(200);
    expect(parsed.body).toMatchObject({ action: 'urgent', intent: 'emergency.urgent', modelVersion: app.registry.version(), piiTypes: ['PHONE'] });
    expect(parsed.body.text).not.toContain('3333');
    expect(parsed.body.intents.length).toBeGreaterThan(1);
    expect(parsed.body.reply.text).toMatch(/119/);
    expect((await trainer.bearer('POST', '/api/v1/nlu/parse', { text: '' })).status).toBe(400);
  });

  test('roles: an agent gets 403 and an anonymous caller 401 on trainer routes; the OpenAPI document lists them', async () => {
    for (const [method, route] of [
      ['GET', '/api/v1/intents'],
      ['POST', '/api/v1/intents/passport.issue/examples'],
      ['POST', '/api/v1/models/train'],
      ['GET', '/api/v1/inbox'],
      ['POST', '/api/v1/nlu/parse'],
    ] as const) {
      expect((await agent.browser(method, route, method === 'POST' ? { text: 'x' } : undefined)).status).toBe(403);
      expect((await call(app.url, method, route)).status).toBe(401);
    }
    const forged = await trainer.browser('POST', '/api/v1/models/train', {}, 'not-the-token');
    expect(forged.status).toBe(403);
    const doc = await call(app.url, 'GET', '/api/openapi.json');
    expect(doc.body.paths['/api/v1/models/{version}/publish'].post['x-roles']).toEqual(['trainer']);
    expect(doc.body.paths['/api/v1/nlu/parse'].post).toBeDefined();
  });
});
