// The real Sotong server for the browser tests, built through compose (test/support/composed-server)
// on PGlite in a temp folder, serving the built UI bundles. The model is the trainer tests' smaller
// one (cut-down catalog, few-epoch recipe) with the default policy, so the first-start model and
// each studio training take seconds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_POLICY, type PolicyConfig } from '../../../bot/policy';
import type { Handoff } from '../../../handoff/create-handoff';
import type { Pipeline } from '../../../pipeline/create-pipeline';
import type { Database } from '../../../store/database';
import type { ModelRegistry } from '../../../training/model-registry';
import { startTrainerApp, type TrainerApp } from '../../training/trainer-app';
import { buildUiOnce } from './build';
import { launchBrowser, type Browser } from './browser';

export const UI_PASSWORD = 'ui test password 1234';

export interface UiServer {
  readonly url: string;
  readonly database: Database;
  readonly registry: ModelRegistry;
  readonly handoff: Handoff;
  readonly pipeline: Pipeline;
  user(roles: string[], name: string): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

/** The trainer app (default policy unless given) in a PGlite folder of its own; `env` adds configuration. */
export async function startUiApp(options: { policy?: PolicyConfig; env?: Record<string, string> } = {}): Promise<{ app: TrainerApp; close(): Promise<void> }> {
  await buildUiOnce();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sotong-ui-db-'));
  const app = await startTrainerApp('pglite', { policy: options.policy ?? DEFAULT_POLICY, env: { SOTONG_DATA_DIR: dataDir, ...options.env } });
  return {
    app,
    async close() {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function startUiServer(): Promise<UiServer> {
  const { app, close } = await startUiApp();
  return {
    url: app.url,
    database: app.database,
    registry: app.registry,
    handoff: app.handoff,
    pipeline: app.pipeline,
    user: (roles, name) => app.createUser(`${name}-${process.pid}-${Date.now()}@ui.test`, roles, UI_PASSWORD, name),
    close,
  };
}

/**
 * The UI server and a headless browser for the enclosing describe block: started before its
 * tests, closed after them. Read them from the returned object inside tests.
 */
export function useServerAndBrowser(): { server: UiServer; browser: Browser } {
  const session = {} as { server: UiServer; browser: Browser };
  beforeAll(async () => {
    session.server = await startUiServer();
    session.browser = await launchBrowser();
  });
  afterAll(async () => {
    await session.browser?.close();
    await session.server?.close();
  });
  return session;
}
