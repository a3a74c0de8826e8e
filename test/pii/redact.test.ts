import { hasPii, publicPostNeedsDm, redactForLog, redactPii } from '../../bot/pii';

describe('redactForLog', () => {
  test('redacts strings at any depth and leaves other values', () => {
    const when = new Date('2025-01-01T00:00:00Z');
    const input = {
      text: '제 번호 010-1234-5678',
      n: 3,
      ok: true,
      none: null,
      when,
      nested: { list: ['주민 900101-1234567', { mail: 'a.b@c.kr' }] },
    };
    expect(redactForLog(input)).toEqual({
      text: '제 번호 [PHONE]',
      n: 3,
      ok: true,
      none: null,
      when,
      nested: { list: ['주민 [RRN]', { mail: '[EMAIL]' }] },
    });
    // The input is not changed.
    expect(input.text).toBe('제 번호 010-1234-5678');
  });

  test('errors keep name and lose the personal data in message, stack and cause', () => {
    const err = new Error('bad input: 900101-1234567', { cause: new Error('phone 010-1234-5678') });
    const out = redactForLog({ err }) as { err: { name: string; message: string; stack: string; cause: { message: string } } };
    expect(out.err.name).toBe('Error');
    expect(out.err.message).toBe('bad input: [RRN]');
    expect(out.err.stack).not.toContain('900101-1234567');
    expect(out.err.cause.message).toBe('phone [PHONE]');
  });

  test('cycles do not loop', () => {
    const a: Record<string, unknown> = { phone: '010-1234-5678' };
    a.self = a;
    expect(redactForLog(a)).toEqual({ phone: '[PHONE]', self: '[Circular]' });
  });

  test('a shared (non-cyclic) object is redacted each time it appears', () => {
    const shared = { p: '010-1234-5678' };
    expect(redactForLog([shared, shared])).toEqual([{ p: '[PHONE]' }, { p: '[PHONE]' }]);
  });
});

describe('publicPostNeedsDm', () => {
  test.each([
    [true, '주민번호 900101-1234567 로 조회해 주세요', true],
    [true, 'my number is 010-1234-5678', true],
    [true, '제 번호는 [PHONE] 입니다', true],
    [false, '주민번호 900101-1234567', false],
    [true, '가족관계증명서 어디서 떼요', false],
    [true, '119 불러주세요', false],
  ])('public=%s %s → %s', (isPublic, text, expected) => {
    expect(publicPostNeedsDm({ text, isPublic })).toBe(expected);
  });
});

describe('robustness', () => {
  const inputs: readonly [string, string][] = [
    ['empty', ''],
    ['100 KB of Korean with PII', '가족관계증명서 010-1234-5678 '.repeat(4000).slice(0, 100_000)],
    ['100 KB of one letter then @', 'a'.repeat(100_000) + '@'],
    ['100 KB of digits', '1'.repeat(100_000)],
    ['100 KB of digits and hyphens', '12-'.repeat(34_000)],
    ['random bytes as latin1', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 256)).toString('latin1')],
    ['lone surrogates', '\uD800 010-1234-5678 \uDC00 \uDBFF'],
  ];
  test.each(inputs)('%s never throws and keeps text outside findings', (_, text) => {
    const r = redactPii(text);
    let rebuilt = '';
    let at = 0;
    for (const f of r.findings) {
      expect(f.start).toBeGreaterThanOrEqual(at);
      rebuilt += text.slice(at, f.start) + `[${f.type}]`;
      at = f.end;
    }
    expect(r.text).toBe(rebuilt + text.slice(at));
    expect(typeof hasPii(text)).toBe('boolean');
  });

  test('the 100 KB message has every phone number redacted', () => {
    const text = '가족관계증명서 010-1234-5678 '.repeat(4000);
    const r = redactPii(text);
    expect(r.findings).toHaveLength(4000);
    expect(r.text).not.toContain('010-1234-5678');
  });

  test('lone surrogates survive next to a redaction', () => {
    expect(redactPii('\uD800 010-1234-5678 \uDC00').text).toBe('\uD800 [PHONE] \uDC00');
  });

  test('non-string input is treated as text-free, not a crash', () => {
    expect(redactPii(undefined as unknown as string).findings).toEqual([]);
  });
});
