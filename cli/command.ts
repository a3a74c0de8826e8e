// Every `sotong <name>` command is a module cli/commands/<name>.ts exporting `command`.
export interface CliIO {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly env: NodeJS.ProcessEnv;
}

export interface CliCommand {
  readonly name: string;
  /** One line for `sotong --help`. */
  readonly summary: string;
  /** Returns the process exit code. Long-running commands (serve) resolve when they stop. */
  run(args: readonly string[], io: CliIO): Promise<number>;
}
