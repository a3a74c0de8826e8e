// `sotong <command> [args…]`: finds cli/commands/<command>.ts and runs its `command`. Modules are
// loaded only when needed: a command keeps its heavy imports inside run(), so `sotong --help`
// (which reads every command's summary) stays fast.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { formatConfigTable } from '../server/config';
import type { CliCommand, CliIO } from './command';

const COMMANDS_DIR = path.join(__dirname, 'commands');
const COMMAND_NAME = /^[a-z][a-z0-9-]*$/;

export function commandNames(dir = COMMANDS_DIR): string[] {
  return readdirSync(dir)
    .filter((file) => /\.(ts|js)$/.test(file) && !file.endsWith('.d.ts'))
    .map((file) => file.replace(/\.(ts|js)$/, ''))
    .filter((name) => COMMAND_NAME.test(name))
    .sort();
}

export function loadCommand(name: string, dir = COMMANDS_DIR): CliCommand | undefined {
  if (!COMMAND_NAME.test(name) || !commandNames(dir).includes(name)) return undefined;
  const loaded = require(path.join(dir, name)) as { command?: CliCommand };
  if (!loaded.command || typeof loaded.command.run !== 'function') {
    throw new Error(`cli/commands/${name} does not export a \`command\``);
  }
  return loaded.command;
}

export function helpText(dir = COMMANDS_DIR): string {
  const commands = commandNames(dir).map((name) => {
    let summary: string;
    try {
      summary = loadCommand(name, dir)?.summary ?? '';
    } catch (error) {
      summary = `(cannot load: ${(error as Error).message})`;
    }
    return `  ${name.padEnd(14)}${summary}`;
  });
  return [
    "Sotong (소통) — triage for a government helpline's social-media accounts",
    '',
    'Usage: sotong <command> [options]',
    '',
    'Commands:',
    ...commands,
    '',
    'Environment:',
    formatConfigTable(),
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], io: CliIO): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    io.stdout.write(helpText());
    return name === undefined ? 2 : 0;
  }
  const command = loadCommand(name);
  if (!command) {
    io.stderr.write(`sotong: unknown command "${name}". Commands: ${commandNames().join(', ')}. See sotong --help.\n`);
    return 2;
  }
  return command.run(args, io);
}

/** Runs the command line of this process: `node dist/cli/main.js …`, or bin/sotong.js after building. */
export function main(): void {
  const finish = (code: number) => {
    process.exitCode = code;
    // Normally the loop is empty by now and the process ends at once; if a forgotten handle
    // keeps it alive, this (unref'd) timer still ends it.
    setTimeout(() => process.exit(code), 3000).unref();
  };
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env }).then(finish, (error: unknown) => {
    process.stderr.write(`sotong: ${error instanceof Error ? error.message : String(error)}\n`);
    finish(1);
  });
}

if (require.main === module) main();
