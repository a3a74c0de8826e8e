#!/usr/bin/env node
// Bundles the browser UI (ui/<page>/main.ts and ui/styles/<page>.css) with esbuild into
// dist/server/public/assets/, one minified bundle per page, so each page loads only what it uses.
// Part of `npm run build` (scripts/build.js); the browser tests call it too. Plain JavaScript so
// it runs straight after `npm ci` with no compile step.
'use strict';

const path = require('node:path');
const fs = require('node:fs');

const ROOT = path.join(__dirname, '..');
const OUT_DIR = path.join(ROOT, 'dist', 'server', 'public', 'assets');
const PAGES = ['console', 'studio', 'dashboard', 'chat', 'staff', 'admin'];

/** The entry points esbuild reads: a script and a stylesheet per page. */
function entryPoints() {
  const entries = {};
  for (const page of PAGES) {
    entries[page] = path.join(ROOT, 'ui', page, 'main.ts');
    entries[`${page}-style`] = path.join(ROOT, 'ui', 'styles', `${page}.css`);
  }
  return entries;
}

/**
 * Builds every page. Resolves to esbuild's metafile (what went into each bundle), so the size
 * benchmark can report per-page numbers without a second build.
 */
async function buildUi(options = {}) {
  const esbuild = require('esbuild');
  const outDir = options.outDir ?? OUT_DIR;
  fs.mkdirSync(outDir, { recursive: true });
  const result = await esbuild.build({
    entryPoints: entryPoints(),
    outdir: outDir,
    bundle: true,
    minify: options.minify ?? true,
    sourcemap: false,
    format: 'iife',
    target: ['es2020', 'chrome100', 'firefox100', 'safari15'],
    platform: 'browser',
    // chart.js ships ESM with sideEffects:false: importing single controllers tree-shakes the rest.
    treeShaking: true,
    metafile: true,
    logLevel: options.quiet ? 'silent' : 'warning',
    legalComments: 'none',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  return result.metafile;
}

module.exports = { buildUi, OUT_DIR, PAGES };

if (require.main === module) {
  buildUi()
    .then((meta) => {
      for (const [file, info] of Object.entries(meta.outputs)) {
        console.log(`${path.relative(ROOT, file)}  ${(info.bytes / 1024).toFixed(1)} KB`);
      }
    })
    .catch((error) => {
      console.error(`build-ui failed: ${error.message}`);
      process.exit(1);
    });
}
