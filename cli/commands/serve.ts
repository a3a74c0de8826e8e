// `sotong serve [--role all|api|worker]`: runs Sotong until SIGTERM or SIGINT.
//   all     API and job workers in one process (the default; PGlite + in-process jobs work)
//   api     HTTP only; needs DATABASE_URL and REDIS_URL so workers elsewhere pick up the jobs
//   worker  job workers only; needs DATABASE_URL and REDIS_URL
// Heavy modules are imported inside run() so `sotong --help` does not load them.
import type { CliCommand, CliIO } from '../command';

export function parseServeArgs(args: readonly string[]): { role: 'all' | 'api' | 'worker' } | { error: string } {
  let role = 'all';
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--role') role = args[++i] ?? '';
    else if (arg.startsWith('--role=')) role = arg.slice('--role='.length);
    else return { error: `unknown option "${arg}"` };
  }
  if (role !== 'all' && role !== 'api' && role !== 'worker') return { error: `--role must be all, api or worker (got "${role}")` };
  return { role };
}

export const command: CliCommand = {
  name: 'serve',
  summary: 'Run the server: --role all (default) | api | worker',
  async run(args: readonly string[], io: CliIO): Promise<number> {
    const parsed = parseServeArgs(args);
    if ('error' in parsed) {
      io.stderr.write(`sotong serve: ${parsed.error}\nUsage: sotong serve [--role all|api|worker]\n`);
      return 2;
    }
    const { ConfigError, loadConfig } = require('../../server/config') as typeof import('../../server/config');
    const { createLogger } = require('../../core/logger') as typeof import('../../core/logger');
    const { redactPii } = require('../../bot/pii') as typeof import('../../bot/pii');
    const { startServer } = require('../../server/main') as typeof import('../../server/main');

    let config;
    try {
      config = loadConfig(io.env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      io.stderr.write(`sotong serve: ${error.message}\n`);
      return 2;
    }
    const logger = createLogger({ level: config.logLevel, redact: (text) => redactPii(text).text, write: (line) => io.stdout.write(line) });

    // Set once running: a dead embedded database stops the server and exits non-zero.
    let onDatabaseLost = () => {};
    let running;
    try {
      running = await startServer(config, {
        role: parsed.role,
        logger,
        print: (text) => io.stderr.write(`${text}\n`),
        onDatabaseLost: () => onDatabaseLost(),
      });
    } catch (error) {
      if (error instanceof ConfigError) {
        io.stderr.write(`sotong serve: ${error.message}\n`);
        return 2;
      }
      logger.error('failed to start', { error });
      io.stderr.write(`sotong serve: failed to start: ${(error as Error).message}\n`);
      return 1;
    }
    if (running.url) io.stderr.write(`Sotong is running: chat ${running.url}/chat.html · staff ${running.url}/staff\n`);
    // A server outlives a stray rejection (a query on a connection the database just dropped):
    // logged loudly, never a crash that takes every in-flight request with it.
    process.on('unhandledRejection', (reason) => logger.error('unhandled rejection', { error: reason }));

    const stopped = new Promise<number>((resolve) => {
      const onSignal = (signal: NodeJS.Signals) => {
        // A second signal while draining means "now".
        process.once(signal, () => process.exit(130));
        running.stop(signal).then(
          () => resolve(0),
          (error: unknown) => {
            logger.error('shutdown failed', { error });
            resolve(1);
          },
        );
      };
      process.once('SIGTERM', onSignal);
      process.once('SIGINT', onSignal);
      onDatabaseLost = () => {
        io.stderr.write('sotong serve: the embedded database stopped; shutting down\n');
        running.stop('database lost').finally(() => resolve(1));
      };
    });
    return stopped;
  },
};
