// Checks that a running server serves the built staff UI: each page, and every script and
// stylesheet it references, answers 200 with a non-empty body of the right type.
export const STAFF_PAGES = ['console', 'studio', 'dashboard'] as const;

export interface AssetCheck {
  readonly url: string;
  readonly status: number;
  readonly type: string;
  readonly bytes: number;
}

/** The local scripts and stylesheets an HTML page loads. */
export function pageAssets(html: string): string[] {
  const scripts = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  const styles = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => m[1]!);
  return [...scripts, ...styles].filter((src) => !/^[a-z]+:/i.test(src));
}

/** Fetches every staff page and its assets from `base`. */
export async function fetchStaffUi(base: string): Promise<{ pages: AssetCheck[]; assets: AssetCheck[] }> {
  const pages: AssetCheck[] = [];
  const assets: AssetCheck[] = [];
  for (const page of STAFF_PAGES) {
    const url = new URL(`/${page}.html`, base);
    const response = await fetch(url);
    const html = await response.text();
    pages.push({ url: url.pathname, status: response.status, type: response.headers.get('content-type') ?? '', bytes: html.length });
    for (const src of pageAssets(html)) {
      const assetUrl = new URL(src, url);
      const asset = await fetch(assetUrl);
      const body = await asset.arrayBuffer();
      assets.push({ url: assetUrl.pathname, status: asset.status, type: asset.headers.get('content-type') ?? '', bytes: body.byteLength });
    }
  }
  return { pages, assets };
}

/** Asserts the whole staff UI loads: a script and a stylesheet per page, all 200 and non-empty. */
export async function expectStaffUiServed(base: string): Promise<void> {
  const { pages, assets } = await fetchStaffUi(base);
  for (const page of pages) expect(page).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
  for (const page of STAFF_PAGES) {
    const own = assets.filter((a) => a.url.includes(`/${page}`));
    expect(own.map((a) => a.type)).toEqual(expect.arrayContaining([expect.stringContaining('javascript'), expect.stringContaining('text/css')]));
  }
  for (const asset of assets) {
    expect(asset).toMatchObject({ status: 200 });
    expect(asset.bytes).toBeGreaterThan(500);
  }
}
