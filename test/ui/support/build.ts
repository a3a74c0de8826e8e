// Builds the UI bundles once per test process (the same script `npm start` / `npm test` run).
import path from 'node:path';

let built: Promise<unknown> | undefined;

export function buildUiOnce(): Promise<unknown> {
  // scripts/build-ui.js is plain CommonJS so it runs before any TypeScript tooling.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { buildUi } = require(path.join(__dirname, '../../../scripts/build-ui.js')) as { buildUi: (o?: { quiet?: boolean }) => Promise<unknown> };
  return (built ??= buildUi({ quiet: true }));
}
