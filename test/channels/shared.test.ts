import { safeEqual } from '../../channels/shared/hmac';
import { delayFromRetryAfter, delayUntilEpochSeconds } from '../../channels/shared/retry-after';
import { splitText, truncate } from '../../channels/shared/text';

describe('channel helpers', () => {
  it('compares secrets of any length without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
  });

  it('splits at sentence and word boundaries, never inside a syllable or emoji', () => {
    const text = '첫 번째 문장입니다. 두 번째 문장입니다. 세 번째 😀😀 문장입니다.';
    const chunks = splitText(text, 16);
    for (const c of chunks) expect(Array.from(c).length).toBeLessThanOrEqual(16);
    expect(chunks[0]).toBe('첫 번째 문장입니다.');
    expect(chunks.join(' ')).toBe(text);
    expect(splitText('가'.repeat(25), 10)).toEqual(['가'.repeat(10), '가'.repeat(10), '가'.repeat(5)]);
    expect(truncate('😀😀😀😀', 3)).toBe('😀😀…');
  });

  it('computes retry delays from reset times and Retry-After', () => {
    const now = 1_000_000_000_000;
    expect(delayUntilEpochSeconds(now / 1000 + 60, now, { random: () => 0 })).toBe(61_000);
    expect(delayUntilEpochSeconds(now / 1000 + 60, now, { random: () => 0.5, jitterMs: 1000 })).toBe(61_500);
    expect(delayFromRetryAfter('30', now, { marginMs: 0, jitterMs: 0 })).toBe(30_000);
    expect(delayFromRetryAfter(new Date(now + 5000).toUTCString(), now, { marginMs: 0, jitterMs: 0 })).toBe(5000);
    expect(delayFromRetryAfter('soon', now)).toBeUndefined();
  });
});
