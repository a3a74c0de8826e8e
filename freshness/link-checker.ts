// Checks one official link the way a careful visitor would: robots.txt first (a disallowed link
// is `blocked`, not fetched), then HEAD (GET when the site refuses HEAD), redirects followed by
// hand so the chain's end is recorded, every request under a timeout. Never downloads a body.
import { robotsAllows } from './robots';
import type { LinkCheckStatus } from '../store/schema';

export interface LinkCheckResult {
  readonly url: string;
  readonly status: LinkCheckStatus;
  readonly httpStatus: number | null;
  readonly finalUrl: string | null;
  readonly error: string | null;
}

export interface LinkCheckerOptions {
  /** Per request, in ms. */
  readonly timeoutMs: number;
  readonly userAgent: string;
  /** The HTTP client (tests point it at a local fake server). Default: global fetch. */
  readonly fetch?: typeof fetch;
  /** How long a site's robots.txt is trusted, in ms (default 6 h). */
  readonly robotsTtlMs?: number;
  readonly now?: () => number;
}

const MAX_REDIRECTS = 5;
/** How the checker introduces itself to the sites (and to their robots.txt). */
export const LINK_CHECK_USER_AGENT = 'SotongLinkCheck/1.0 (official-link freshness check)';

export interface LinkChecker {
  check(url: string): Promise<LinkCheckResult>;
}

export function createLinkChecker(options: LinkCheckerOptions): LinkChecker {
  const http = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const robotsTtl = options.robotsTtlMs ?? 6 * 60 * 60 * 1000;
  const robots = new Map<string, { text: string; at: number }>();
  const headers = { 'user-agent': options.userAgent };

  const request = (url: string, method: 'HEAD' | 'GET') => http(url, { method, redirect: 'manual', headers, signal: AbortSignal.timeout(options.timeoutMs) });

  async function robotsTxt(origin: string): Promise<string> {
    const cached = robots.get(origin);
    if (cached && now() - cached.at < robotsTtl) return cached.text;
    let text = '';
    try {
      const res = await request(`${origin}/robots.txt`, 'GET');
      // RFC 9309: a missing robots.txt (4xx) allows everything; an unreachable one (5xx)
      // disallows everything for now.
      if (res.ok) text = await res.text();
      else if (res.status >= 500) text = 'User-agent: *\nDisallow: /';
      else await res.body?.cancel();
    } catch {
      text = ''; // The link check itself will say the site is unreachable.
    }
    robots.set(origin, { text, at: now() });
    return text;
  }

  async function fetchStatus(url: string): Promise<Response> {
    const head = await request(url, 'HEAD');
    if (head.status !== 405 && head.status !== 501) return head;
    const get = await request(url, 'GET');
    await get.body?.cancel();
    return get;
  }

  return {
    async check(url) {
      const result = (fields: Omit<LinkCheckResult, 'url'>): LinkCheckResult => ({ url, ...fields });
      let current = new URL(url);
      if (!robotsAllows(await robotsTxt(current.origin), options.userAgent, current.pathname + current.search)) {
        return result({ status: 'blocked', httpStatus: null, finalUrl: null, error: 'robots.txt disallows this path' });
      }
      try {
        for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
          const res = await fetchStatus(current.href);
          const location = res.headers.get('location');
          if (res.status >= 300 && res.status < 400 && location) {
            current = new URL(location, current);
            continue;
          }
          const redirected = hop > 0;
          if (res.ok)
            return result({ status: redirected ? 'redirected' : 'ok', httpStatus: res.status, finalUrl: redirected ? current.href : null, error: null });
          return result({ status: 'broken', httpStatus: res.status, finalUrl: redirected ? current.href : null, error: null });
        }
        return result({ status: 'broken', httpStatus: null, finalUrl: current.href, error: `more than ${MAX_REDIRECTS} redirects` });
      } catch (error) {
        // A DOMException: not `instanceof Error` in every realm, so its name is what is checked.
        const name = (error as { name?: unknown } | null)?.name;
        const timedOut = name === 'TimeoutError' || name === 'AbortError';
        const message = timedOut ? `no answer within ${options.timeoutMs} ms` : String((error as Error)?.cause ?? error);
        return result({ status: 'unreachable', httpStatus: null, finalUrl: null, error: message });
      }
    },
  };
}
