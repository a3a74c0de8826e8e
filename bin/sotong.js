#!/usr/bin/env node
// The `sotong` command: runs the built JavaScript in dist/, building it first when dist/ is
// missing or older than the sources (a fresh checkout, or an edit), so `npm ci && npx sotong …`
// works with no separate step. Nothing is transpiled at run time.
'use strict';

const path = require('node:path');
const { ensureBuilt, DIST } = require('../scripts/build.js');

process.setSourceMapsEnabled(true);
ensureBuilt().then(
  () => require(path.join(DIST, 'cli', 'main.js')).main(),
  (error) => {
    process.stderr.write(`sotong: cannot build dist/: ${error.message}\n`);
    process.exit(1);
  },
);
