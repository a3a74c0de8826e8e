import { DEFAULT_LOGIN_LIMIT, loginKey, lockoutFor } from '../../accounts/login-limiter';
import { hasAnyRole } from '../../accounts/roles';

const now = new Date('2027-01-01T12:00:00Z');
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);

describe('lockoutFor (5 failures / 15 min)', () => {
  it.each([
    ['none', [], { locked: false }],
    ['four', [14, 10, 5, 1].map(minutesAgo), { locked: false }],
    ['five in the window: wait for the oldest to age out', [14, 10, 5, 2, 1].map(minutesAgo), { locked: true, retryAfterSeconds: 60 }],
    ['six: the second oldest decides', [14, 10, 5, 2, 1, 0.5].map(minutesAgo), { locked: true, retryAfterSeconds: 300 }],
    ['five, one outside the window', [16, 10, 5, 2, 1].map(minutesAgo), { locked: false }],
  ])('%s', (_name, failures, expected) => {
    expect(lockoutFor(failures, now, DEFAULT_LOGIN_LIMIT)).toEqual(expected);
  });

  it('keys on IP and the normalised email', () => {
    expect(loginKey('10.0.0.1', ' Agent@Example.ORG ')).toBe('10.0.0.1|agent@example.org');
  });
});

describe('hasAnyRole', () => {
  it.each([
    [['agent'], ['agent'], true],
    [['agent'], ['trainer'], false],
    [['agent'], ['admin'], false],
    [['trainer', 'agent'], ['trainer'], true],
    [['admin'], ['agent'], true],
    [[], ['agent'], false],
  ] as const)('%o for %o → %s', (held, allowed, expected) => {
    expect(hasAnyRole(held, allowed)).toBe(expected);
  });
});
