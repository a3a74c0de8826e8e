#!/usr/bin/env node
// The `sotong` command. TypeScript sources run through tsx's require hook, so `npx sotong …`
// works straight after `npm ci` with no build step.
require('tsx/cjs');
require('../cli/main.ts');
