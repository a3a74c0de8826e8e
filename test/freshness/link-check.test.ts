// The link checker and its job against a local fake site (plain node:http on 127.0.0.1). The
// catalog's links are https://; the checker's HTTP client maps their origin onto the fake, so no
// test reaches the internet.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { robotsAllows } from '../../freshness/robots';
import { createLinkChecker } from '../../freshness/link-checker';
import { checkNextLink, officialWebLinks, startLinkChecks } from '../../freshness/link-check-job';
import { listLinkChecks } from '../../freshness/link-check-repository';
import { createInProcessJobQueue } from '../../jobs/in-process-driver';
import type { Catalog } from '../../bot/intent-schema';
import type { Database } from '../../store/database';
import { eventually, PGLITE } from '../support/backends';
import { seedCatalog } from '../support/seed-catalog';

const SITE = 'https://www.gov.test';

interface FakeSite {
  readonly origin: string;
  readonly hits: { method: string; path: string; agent: string | undefined }[];
  close(): Promise<void>;
}

/** /ok 200, /gone 404, /moved → 301 → /ok, /slow never answers, /no-head 405 on HEAD, /private robots-disallowed. */
async function startFakeSite(): Promise<FakeSite> {
  const hits: FakeSite['hits'] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    hits.push({ method: req.method ?? '', path, agent: req.headers['user-agent'] });
    if (path === '/robots.txt')
      return void res.writeHead(200, { 'content-type': 'text/plain' }).end('User-agent: *\nDisallow: /private\nAllow: /private/open\n');
    if (path === '/ok' || path === '/private/open') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<p>ok</p>');
    if (path === '/gone') return void res.writeHead(404).end('not here');
    if (path === '/moved') return void res.writeHead(301, { location: '/ok' }).end();
    if (path === '/no-head') return void (req.method === 'HEAD' ? res.writeHead(405).end() : res.writeHead(200).end('get works'));
    if (path === '/private') return void res.writeHead(200).end('should never be fetched');
    if (path === '/slow') return; // never answers
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** fetch, with the catalog's origin pointed at the fake site. */
const toFake =
  (site: FakeSite): typeof fetch =>
  (input, init) =>
    fetch(String(input).replace(SITE, site.origin), init);

describe('robotsAllows', () => {
  const robots = 'User-agent: *\nDisallow: /private\nAllow: /private/open\n\nUser-agent: SotongLinkCheck\nDisallow: /admin*.php$\n';
  test.each([
    ['*', '/ok', true],
    ['*', '/private/x', false],
    ['*', '/private/open/page', true],
    ['SotongLinkCheck/1.0', '/private/x', true], // our own group replaces *
    ['SotongLinkCheck/1.0', '/admin/a.php', false],
    ['SotongLinkCheck/1.0', '/admin/a.php?x=1', true],
  ])('%s may fetch %s: %s', (agent, path, allowed) => {
    expect(robotsAllows(robots, agent, path)).toBe(allowed);
  });
  test('an empty Disallow and a missing robots.txt allow everything', () => {
    expect(robotsAllows('User-agent: *\nDisallow:\n', 'x', '/a')).toBe(true);
    expect(robotsAllows('', 'x', '/a')).toBe(true);
  });
});

describe('link checker against a local fake site', () => {
  let site: FakeSite;
  beforeAll(async () => {
    site = await startFakeSite();
  });
  afterAll(() => site.close());
  const checker = () => createLinkChecker({ timeoutMs: 300, userAgent: 'SotongLinkCheck/1.0', fetch: toFake(site) });

  test('200 is ok', async () => {
    expect(await checker().check(`${SITE}/ok`)).toEqual({ url: `${SITE}/ok`, status: 'ok', httpStatus: 200, finalUrl: null, error: null });
  });

  test('404 is broken', async () => {
    expect(await checker().check(`${SITE}/gone`)).toMatchObject({ status: 'broken', httpStatus: 404 });
  });

  test('a redirect is followed and its end recorded', async () => {
    expect(await checker().check(`${SITE}/moved`)).toMatchObject({ status: 'redirected', httpStatus: 200, finalUrl: `${SITE}/ok` });
  });

  test('no answer within the timeout is unreachable', async () => {
    const started = Date.now();
    expect(await checker().check(`${SITE}/slow`)).toMatchObject({ status: 'unreachable', httpStatus: null, error: 'no answer within 300 ms' });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  test('a site that refuses HEAD is asked with GET', async () => {
    expect(await checker().check(`${SITE}/no-head`)).toMatchObject({ status: 'ok', httpStatus: 200 });
  });

  test('robots.txt is honoured: a disallowed link is not fetched, robots.txt is read once', async () => {
    const c = checker();
    const before = site.hits.length;
    expect(await c.check(`${SITE}/private`)).toMatchObject({ status: 'blocked', httpStatus: null });
    expect(await c.check(`${SITE}/private/open`)).toMatchObject({ status: 'ok' });
    const mine = site.hits.slice(before);
    expect(mine.filter((h) => h.path === '/private')).toEqual([]);
    expect(mine.filter((h) => h.path === '/robots.txt')).toHaveLength(1);
    expect(mine.every((h) => h.agent === 'SotongLinkCheck/1.0')).toBe(true);
  });
});

describe('link-check job', () => {
  let site: FakeSite;
  let database: Database;
  const catalog: Catalog = (() => {
    const intents = seedCatalog().intents.map((intent, i) =>
      i === 0
        ? {
            ...intent,
            links: [
              ...intent.links,
              ...['/ok', '/gone', '/moved', '/slow'].map((p) => ({ label: { ko: p, en: p }, url: `${SITE}${p}`, checked: '2026-11-28' })),
            ],
          }
        : intent,
    );
    return { intents, byId: new Map(intents.map((i) => [i.id, i])) };
  })();

  beforeAll(async () => {
    site = await startFakeSite();
    database = await PGLITE.open();
  });
  afterAll(async () => {
    await site.close();
    await PGLITE.dispose(database);
  });

  test('official web links only: tel: numbers are not fetched', () => {
    const links = officialWebLinks(catalog);
    expect(links).toContain(`${SITE}/gone`);
    expect(links.some((l) => l.startsWith('tel:'))).toBe(false);
  });

  test('each run checks the link checked longest ago; a repeatable job records every status', async () => {
    const only = { intents: [catalog.intents[0]!], byId: catalog.byId };
    const checker = createLinkChecker({ timeoutMs: 300, userAgent: 'SotongLinkCheck/1.0', fetch: toFake(site) });
    // Never-checked links first, one per run.
    expect(await checkNextLink({ database, checker, catalog: () => only })).toBe(officialWebLinks(only)[0]);

    const jobs = createInProcessJobQueue({ onFailed: () => undefined });
    const stop = startLinkChecks({ database, jobs, checker, catalog: () => only, intervalMs: 100 });
    try {
      const expected = new Map([
        [`${SITE}/ok`, 'ok'],
        [`${SITE}/gone`, 'broken'],
        [`${SITE}/moved`, 'redirected'],
        [`${SITE}/slow`, 'unreachable'],
      ]);
      const rows = await eventually(
        async () => {
          const all = await listLinkChecks(database.db);
          return [...expected.keys()].every((url) => all.some((r) => r.url === url)) ? all : undefined;
        },
        20_000,
        'every link checked',
      );
      for (const [url, status] of expected) expect(rows.find((r) => r.url === url)?.status).toBe(status);
    } finally {
      stop();
      await jobs.close();
    }
  });
});
