// The CLI's streams for a test: what `sotong <command>` prints is kept, to read back as text.
import { Writable } from 'node:stream';
import type { CliIO } from '../../cli/command';

export function capturedIo(env: NodeJS.ProcessEnv = {}): { io: CliIO; out(): string; err(): string } {
  let out = '';
  let err = '';
  const sink = (append: (s: string) => void) =>
    new Writable({
      write(chunk, _encoding, done) {
        append(chunk.toString());
        done();
      },
    });
  return {
    io: { stdout: sink((s) => (out += s)), stderr: sink((s) => (err += s)), env },
    out: () => out,
    err: () => err,
  };
}
