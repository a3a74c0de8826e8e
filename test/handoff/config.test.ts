import { DEFAULT_HANDOFF_CONFIG, HandoffConfigError, parseHandoffEnv } from '../../handoff/config';

describe('parseHandoffEnv', () => {
  it('uses the defaults when nothing is set', () => {
    expect(parseHandoffEnv({})).toEqual(DEFAULT_HANDOFF_CONFIG);
  });

  it('reads SLA seconds per priority, the reopen window and the auto-assign capacity', () => {
    const config = parseHandoffEnv({ HANDOFF_SLA_SECONDS: 'urgent=0.5, normal=120', HANDOFF_REOPEN_HOURS: '0', HANDOFF_AUTO_ASSIGN_CAPACITY: '3' });
    expect(config.sla.firstResponseMs).toEqual({ urgent: 500, high: 300_000, normal: 120_000, low: 3_600_000 });
    expect(config.reopen.windowMs).toBe(0);
    expect(config.autoAssign).toMatchObject({ enabled: true, capacity: 3 });
  });

  it.each([
    [{ HANDOFF_SLA_SECONDS: 'urgent:60' }, /HANDOFF_SLA_SECONDS.*priority=seconds/s],
    [{ HANDOFF_SLA_SECONDS: 'urgent=0' }, /HANDOFF_SLA_SECONDS.*urgent/s],
    [{ HANDOFF_REOPEN_HOURS: 'soon' }, /HANDOFF_REOPEN_HOURS/],
    [{ HANDOFF_AUTO_ASSIGN_CAPACITY: '-1' }, /HANDOFF_AUTO_ASSIGN_CAPACITY/],
  ])('names the bad variable: %o', (env, message) => {
    expect(() => parseHandoffEnv(env)).toThrow(HandoffConfigError);
    expect(() => parseHandoffEnv(env)).toThrow(message);
  });
});
