// What each staff page's first load costs in JavaScript: builds the bundles exactly as
// `npm start` does (scripts/build-ui.js, minified), reads which scripts each HTML page loads,
// and reports their size raw and gzipped against the 300 KB (gzipped) budget, plus the largest
// inputs of each bundle (what to cut first). Exits 1 if a page is over budget.
// Run: npx tsx bench/ui-bundle-size.ts
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const ROOT = path.join(__dirname, '..');
const BUDGET_GZIP_BYTES = 300 * 1024;
const PAGES = ['console', 'studio', 'dashboard', 'chat'] as const;

interface Metafile {
  outputs: Record<string, { bytes: number; inputs: Record<string, { bytesInOutput: number }> }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { buildUi } = require('../scripts/build-ui.js') as { buildUi: (o: { outDir: string; quiet: boolean }) => Promise<Metafile> };

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The same-origin scripts a page's HTML loads (src="…"), resolved against server/public. */
function scriptsOf(page: string): string[] {
  const html = readFileSync(path.join(ROOT, 'server', 'public', `${page}.html`), 'utf8');
  return [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
}

async function main(): Promise<void> {
  const outDir = mkdtempSync(path.join(os.tmpdir(), 'sotong-ui-bench-'));
  try {
    const meta = await buildUi({ outDir, quiet: true });
    const rows: string[] = [];
    let over = false;
    for (const page of PAGES) {
      let raw = 0;
      let gz = 0;
      for (const src of scriptsOf(page)) {
        // Built bundles come from this fresh build; any other script from server/public.
        const file = src.startsWith('assets/') ? path.join(outDir, src.slice('assets/'.length)) : path.join(ROOT, 'server', 'public', src);
        const bytes = readFileSync(file);
        raw += bytes.length;
        gz += gzipSync(bytes, { level: 9 }).length;
      }
      over ||= gz > BUDGET_GZIP_BYTES;
      rows.push(`| ${page}.html | ${kb(raw)} | ${kb(gz)} | ${((gz / BUDGET_GZIP_BYTES) * 100).toFixed(0)}% |`);
    }
    console.log('| page | JS (minified) | JS gzipped | of the 300 KB budget |\n|---|---|---|---|');
    console.log(rows.join('\n'));
    for (const [file, output] of Object.entries(meta.outputs)) {
      if (!file.endsWith('.js')) continue;
      const top = Object.entries(output.inputs)
        .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
        .slice(0, 4)
        .map(([input, info]) => `${input.replace(/^node_modules\//, '')} ${kb(info.bytesInOutput)}`);
      console.log(`\n${path.basename(file)}: largest inputs — ${top.join(', ')}`);
    }
    if (over) {
      console.error(`\nA page is over the ${kb(BUDGET_GZIP_BYTES)} gzipped budget.`);
      process.exitCode = 1;
    }
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

void main();
