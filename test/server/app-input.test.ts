// Bad input on the real app: each gets a 4xx that says what is wrong, and the process keeps
// serving (a valid request afterwards works).
import { buildUiOnce } from '../ui/support/build';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { startTestApp, type TestApp } from './support/test-app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
}, STARTUP_TIMEOUT_MS);
afterAll(async () => {
  await app.close();
});

const post = (body: string, contentType = 'application/json', headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/messages`, { method: 'POST', headers: { 'content-type': contentType, ...headers }, body });

async function expectError(response: Response, status: number, code: string, mentions?: RegExp) {
  expect(response.status).toBe(status);
  const body = (await response.json()) as { error: { code: string; message: string } };
  expect(body.error.code).toBe(code);
  if (mentions) expect(body.error.message).toMatch(mentions);
  return body;
}

async function expectStillServing() {
  const response = await post(JSON.stringify({ userId: 'still-alive', text: '안녕하세요' }));
  expect(response.status).toBe(201);
}

describe('bad input on POST /api/v1/messages', () => {
  test('empty body → 400 naming the missing fields', async () => {
    const body = await expectError(await post(''), 400, 'SOTONG_ERR_VALIDATION');
    expect(JSON.stringify(body)).toMatch(/text/);
    await expectStillServing();
  });

  test('1 MB body → 413 with the limit', async () => {
    const big = JSON.stringify({ userId: 'u1', text: 'a'.repeat(1024 * 1024) });
    await expectError(await post(big), 413, 'SOTONG_ERR_PAYLOAD_TOO_LARGE', /64kb/);
    await expectStillServing();
  });

  test('malformed JSON → 400 saying so', async () => {
    await expectError(await post('{"userId": "u1", "text": '), 400, 'SOTONG_ERR_VALIDATION', /not valid JSON/);
    await expectStillServing();
  });

  test('non-JSON content type → 415', async () => {
    await expectError(await post('userId=u1&text=hi', 'application/x-www-form-urlencoded'), 415, 'SOTONG_ERR_UNSUPPORTED_MEDIA');
    await expectStillServing();
  });

  test('wrong types → 400 naming each field', async () => {
    const body = await expectError(await post(JSON.stringify({ conversationId: 42, text: ['hi'] })), 400, 'SOTONG_ERR_VALIDATION');
    expect(body.error.message).toMatch(/conversationId: conversationId must be a string/);
    expect(body.error.message).toMatch(/text: text must be a string/);
    await expectStillServing();
  });

  test('a JSON array or string instead of an object → 400', async () => {
    await expectError(await post('[1,2]'), 400, 'SOTONG_ERR_VALIDATION');
    await expectError(await post('"hello"'), 400, 'SOTONG_ERR_VALIDATION');
    await expectStillServing();
  });

  test('whitespace-only text, too long text and bad conversation ids → 400', async () => {
    await expectError(await post(JSON.stringify({ userId: 'u1', text: '   \n ' })), 400, 'SOTONG_ERR_VALIDATION', /text must not be empty/);
    await expectError(await post(JSON.stringify({ userId: 'u1', text: 'a'.repeat(4001) })), 400, 'SOTONG_ERR_VALIDATION', /at most 4000/);
    await expectError(await post(JSON.stringify({ conversationId: 'x'.repeat(129), text: 'hi' })), 400, 'SOTONG_ERR_VALIDATION', /at most 128/);
    await expectError(await post(JSON.stringify({ conversationId: '<script>', text: 'hi' })), 400, 'SOTONG_ERR_VALIDATION', /letters, digits/);
    await expectStillServing();
  });

  test('messages follow the client language: English when asked, Korean by default', async () => {
    const en = await expectError(await post('', 'application/json', { 'accept-language': 'en-US,en;q=0.9' }), 400, 'SOTONG_ERR_VALIDATION');
    expect(en.error.message).toMatch(/^The request is not valid/);
    const ko = await expectError(await post(''), 400, 'SOTONG_ERR_VALIDATION');
    expect(ko.error.message).toMatch(/^요청 내용이 올바르지 않습니다/);
  });
});

describe('other routes', () => {
  test('unknown path → 404 in the error shape', async () => {
    await expectError(await fetch(`${app.url}/api/v1/nope`), 404, 'SOTONG_ERR_NOT_FOUND', /GET \/api\/v1\/nope/);
  });

  test('security headers on every response, no x-powered-by', async () => {
    for (const path of ['/healthz', '/chat.html', '/api/v1/nope']) {
      const response = await fetch(`${app.url}${path}`);
      expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
      expect(response.headers.get('x-powered-by')).toBeNull();
    }
  });

  test('the chat page is served and loads its script from our origin only', async () => {
    const response = await fetch(`${app.url}/chat.html`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toMatch(/<script src="assets\/chat\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script>[^<]/);
    await buildUiOnce();
    expect((await fetch(`${app.url}/assets/chat.js`)).status).toBe(200);
  });

  test('each request is logged once, without its query string', async () => {
    await fetch(`${app.url}/healthz?token=SECRET-QUERY`);
    const line = app.logLines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.path === '/healthz');
    expect(line).toMatchObject({ msg: 'request', method: 'GET', status: 200, component: 'http' });
    expect(app.logLines.join('\n')).not.toMatch(/SECRET-QUERY/);
  });
});
