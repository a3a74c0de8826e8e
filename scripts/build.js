#!/usr/bin/env node
// `npm run build`: compiles the service into dist/, the artifact `npm start`, `npx sotong` and a
// production install run with plain `node`: every TypeScript file of the server-side folders
// transpiled one-to-one (esbuild, CommonJS, the same tree under dist/, so __dirname-relative
// files still resolve), their data files copied beside them (intent catalog, pages), and the UI
// bundles in dist/server/public/assets. Type checking is `npm run typecheck`'s job, not this one's.
// Plain JavaScript so it runs straight after `npm ci`; esbuild is loaded only when building.
//
//   node scripts/build.js                  build into dist/
//   node scripts/build.js --if-stale       build only when dist/ is missing or older than the sources
//   node scripts/build.js --out-dir DIR    build somewhere else (tests)
'use strict';

const { createHash } = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const DIST = path.join(ROOT, 'dist');
const STAMP = 'build-info.json';
/** Top-level folders that are not part of the service: tests, benchmarks, browser code, tooling. */
const NOT_SERVICE = new Set(['node_modules', 'dist', 'data', 'coverage', 'test', 'bench', 'ui', 'scripts', 'bin', 'models']);
/** Source-only shims (e.g. the tsx loader of the training worker); the build has the real thing. */
const DEV_ONLY = /\.dev\.js$/;

function walk(dir, files = []) {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) walk(file, files);
    else if (entry.isFile()) files.push(file);
  }
  return files;
}

/** The service's folders: every top-level folder holding TypeScript, so new modules join by themselves. */
function serviceDirs() {
  return fs
    .readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && !NOT_SERVICE.has(e.name))
    .map((e) => path.join(ROOT, e.name))
    .filter((dir) => walk(dir).some((f) => f.endsWith('.ts')))
    .sort();
}

/** Every file the build reads, sorted: the service folders, the UI and these scripts. */
function buildInputs() {
  const dirs = [...serviceDirs(), path.join(ROOT, 'ui')];
  const files = dirs.flatMap((dir) => walk(dir));
  files.push(__filename, path.join(__dirname, 'build-ui.js'));
  return files.sort();
}

/** A hash of the inputs' paths and contents: unlike mtimes it survives a copy or a checkout. */
function sourceHash() {
  const hash = createHash('sha256');
  for (const file of buildInputs()) {
    hash.update(path.relative(ROOT, file)).update('\0').update(fs.readFileSync(file)).update('\0');
  }
  return hash.digest('hex');
}

function readStamp(outDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(outDir, STAMP), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Why outDir needs building, or undefined when it is up to date. */
function staleReason(outDir = DIST) {
  const stamp = readStamp(outDir);
  if (!stamp) return `${path.relative(ROOT, outDir) || outDir} is missing`;
  // An install that ships dist/ without the sources has nothing to compare with, nor to build from.
  if (serviceDirs().length === 0) return undefined;
  if (stamp.sourceHash !== sourceHash()) return 'the sources changed since the last build';
  return undefined;
}

async function compile(outDir) {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    throw new Error('esbuild is not installed (it is a dev dependency): run `npm ci`, then `npm run build`');
  }
  const files = serviceDirs().flatMap((dir) => walk(dir));
  const code = files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'));
  await esbuild.build({
    entryPoints: code,
    outdir: outDir,
    outbase: ROOT,
    bundle: false,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const file of files) {
    if (file.endsWith('.ts') || DEV_ONLY.test(file)) continue;
    const target = path.join(outDir, path.relative(ROOT, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.copyFileSync(file, target);
  }
  const { buildUi } = require('./build-ui.js');
  await buildUi({ outDir: path.join(outDir, 'server', 'public', 'assets'), quiet: true });
  return code.length;
}

/**
 * Builds into a fresh folder beside outDir, then swaps it in, so a process starting meanwhile
 * never sees half a build. Returns the number of TypeScript files compiled.
 */
async function build(outDir = DIST) {
  const hash = sourceHash();
  const temp = `${outDir}.tmp-${process.pid}-${Date.now()}`;
  fs.rmSync(temp, { recursive: true, force: true });
  try {
    const count = await compile(temp);
    fs.writeFileSync(path.join(temp, STAMP), `${JSON.stringify({ sourceHash: hash, builtAt: new Date().toISOString() }, null, 2)}\n`);
    const old = `${outDir}.old-${process.pid}-${Date.now()}`;
    if (fs.existsSync(outDir)) fs.renameSync(outDir, old);
    try {
      fs.renameSync(temp, outDir);
    } catch (error) {
      // Another build swapped its own in first: theirs is as good as ours.
      if (!fs.existsSync(outDir)) throw error;
    }
    fs.rmSync(old, { recursive: true, force: true });
    return count;
  } finally {
    fs.rmSync(temp, { recursive: true, force: true });
  }
}

/** Builds dist/ when it is missing or stale; says why on stderr. Resolves once dist/ is usable. */
async function ensureBuilt(outDir = DIST) {
  const reason = staleReason(outDir);
  if (!reason) return false;
  process.stderr.write(`sotong: building dist/ (${reason})…\n`);
  await build(outDir);
  return true;
}

module.exports = { build, ensureBuilt, staleReason, sourceHash, serviceDirs, DIST, ROOT };

if (require.main === module) {
  const args = process.argv.slice(2);
  const outIndex = args.indexOf('--out-dir');
  const outDir = outIndex >= 0 ? path.resolve(args[outIndex + 1] ?? '') : DIST;
  const started = Date.now();
  const run = args.includes('--if-stale') ? ensureBuilt(outDir).then((built) => (built ? -1 : 0)) : build(outDir);
  run
    .then((count) => {
      if (count === 0) console.log(`${path.relative(ROOT, outDir) || outDir} is up to date`);
      else
        console.log(
          `built ${path.relative(ROOT, outDir) || outDir}${count > 0 ? ` (${count} modules + UI)` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
    })
    .catch((error) => {
      console.error(`build failed: ${error.message}`);
      process.exit(1);
    });
}
