// Logs are JSON lines, filtered by level, with child bindings, and PII never gets through.
import { redactPii } from '../../bot/pii';
import { createLogger } from '../../core/logger';

function capture(level: 'debug' | 'info' | 'warn' | 'error' | 'silent' = 'debug') {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    redact: (text) => redactPii(text).text,
    write: (line) => lines.push(line),
    now: () => new Date('2026-11-28T00:00:00Z'),
  });
  return { logger, lines, parsed: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

test('one JSON object per line with time, level, bindings and message', () => {
  const { logger, lines, parsed } = capture();
  logger.child({ component: 'web-chat' }).child({ requestId: 'r1' }).info('hello', { status: 201 });
  expect(lines[0]!.endsWith('\n')).toBe(true);
  expect(parsed()[0]).toEqual({ time: '2026-11-28T00:00:00.000Z', level: 'info', component: 'web-chat', requestId: 'r1', status: 201, msg: 'hello' });
});

test('lines below the level are dropped; silent drops everything', () => {
  const warn = capture('warn');
  warn.logger.debug('d');
  warn.logger.info('i');
  warn.logger.warn('w');
  warn.logger.error('e');
  expect(warn.parsed().map((l) => l.level)).toEqual(['warn', 'error']);
  const silent = capture('silent');
  silent.logger.error('e');
  expect(silent.lines).toEqual([]);
});

test('PII is redacted in the message, nested fields, arrays and errors', () => {
  const { logger, lines } = capture();
  const error = new Error('failed for 800101-1234567', { cause: new Error('phone 010-1234-5678') });
  logger.error('citizen 010-9876-5432 wrote', {
    message: { text: '제 주민번호는 900101-1234568 이에요', tags: ['카드 4111-1111-1111-1111'] },
    error,
  });
  const out = lines.join('');
  for (const raw of ['010-9876-5432', '900101-1234568', '4111-1111-1111-1111', '800101-1234567', '010-1234-5678']) {
    expect(out).not.toContain(raw);
  }
  expect(out).toContain('[PHONE]');
  expect(out).toContain('[RRN]');
});

test('cycles, bigints and functions do not break a line', () => {
  const { logger, parsed } = capture();
  const loop: Record<string, unknown> = { name: 'loop' };
  loop.self = loop;
  logger.info('odd values', { loop, big: 10n ** 20n, fn: () => 1 });
  expect(parsed()[0]).toMatchObject({ loop: { name: 'loop', self: '[Circular]' }, big: '100000000000000000000' });
});
