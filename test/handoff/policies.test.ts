// Table tests for the pure handoff rules: priority mapping, SLA, routing, reopen, auto-assign.
import type { Action, HandoffReason } from '../../bot/types';
import { pickAgent } from '../../handoff/auto-assign';
import { priorityFor, priorityRank, type Priority } from '../../handoff/priority';
import { followsWithin, routeInbound } from '../../handoff/reopen-policy';
import { FALLBACK_QUEUE, routeToQueue } from '../../handoff/routing';
import { checkSla, checkSlaPolicy, DEFAULT_SLA_POLICY, isOverdue, metSla, slaDeadline } from '../../handoff/sla-policy';
import { seedCatalog } from '../support/seed-catalog';

describe('priorityFor', () => {
  const cases: Array<[Action, HandoffReason | undefined, Priority]> = [
    ['urgent', 'urgent', 'urgent'],
    ['urgent', undefined, 'urgent'],
    ['urgent', 'low_confidence', 'urgent'],
    ['handoff', 'requested_human', 'high'],
    ['handoff', 'negative_feedback', 'high'],
    ['handoff', 'low_confidence', 'normal'],
    ['handoff', 'ambiguous', 'normal'],
    ['handoff', 'policy_handoff', 'normal'],
    ['handoff', 'channel_limit', 'normal'],
    ['handoff', 'out_of_scope_repeat', 'low'],
    ['handoff', undefined, 'normal'],
  ];
  it.each(cases)('%s / %s → %s', (action, reason, expected) => {
    expect(priorityFor(action, reason)).toBe(expected);
  });

  it('ranks urgent before low', () => {
    expect(priorityRank('urgent')).toBeLessThan(priorityRank('low'));
  });
});

describe('SLA', () => {
  const opened = new Date('2027-01-01T00:00:00Z');
  it.each([
    ['urgent', 60_000],
    ['high', 300_000],
    ['normal', 600_000],
    ['low', 3_600_000],
  ] as const)('default %s target is %d ms', (priority, ms) => {
    expect(slaDeadline(priority, opened).getTime() - opened.getTime()).toBe(ms);
  });

  it('rejects a policy with a missing or non-positive target', () => {
    expect(() => checkSlaPolicy({ firstResponseMs: { ...DEFAULT_SLA_POLICY.firstResponseMs, low: 0 } })).toThrow(/low/);
    expect(checkSlaPolicy(DEFAULT_SLA_POLICY)).toBe(DEFAULT_SLA_POLICY);
  });

  const deadline = new Date('2027-01-01T00:10:00Z');
  const after = new Date('2027-01-01T00:10:01Z');
  const open = { status: 'waiting', priority: 'normal' as Priority, slaDeadline: deadline, firstResponseAt: null };
  it.each([
    ['answered', { ...open, firstResponseAt: new Date('2027-01-01T00:05:00Z') }, deadline, after, { kind: 'ok', why: 'responded' }],
    ['resolved', { ...open, status: 'resolved' }, deadline, after, { kind: 'ok', why: 'closed' }],
    ['returned', { ...open, status: 'returned_to_bot' }, deadline, after, { kind: 'ok', why: 'closed' }],
    ['stale job', open, new Date('2027-01-01T00:01:00Z'), after, { kind: 'ok', why: 'stale' }],
    ['early job', open, deadline, new Date('2027-01-01T00:09:00Z'), { kind: 'ok', why: 'not_due' }],
    ['missed normal', open, deadline, after, { kind: 'missed' }],
    ['missed urgent', { ...open, status: 'assigned', priority: 'urgent' as Priority }, deadline, after, { kind: 'missed' }],
  ])('%s', (_name, ticket, jobDeadline, now, expected) => {
    expect(checkSla(ticket, jobDeadline, now)).toEqual(expected);
  });

  it.each([
    ['waiting past its deadline', open, after, true],
    ['waiting before its deadline', open, new Date('2027-01-01T00:09:00Z'), false],
    ['marked missed by the job', { ...open, slaMissedAt: after }, new Date('2027-01-01T00:00:00Z'), true],
    ['answered late', { ...open, firstResponseAt: after, slaMissedAt: after }, after, false],
    ['resolved', { ...open, status: 'resolved', slaMissedAt: after }, after, false],
  ])('overdue: %s → %s', (_name, ticket, now, expected) => {
    expect(isOverdue(ticket, now)).toBe(expected);
  });

  it('counts a reply at the deadline as met and one after it as missed', () => {
    expect(metSla(deadline, deadline)).toBe(true);
    expect(metSla(deadline, after)).toBe(false);
  });
});

describe('routeToQueue', () => {
  const catalog = seedCatalog();
  it.each([
    ['cert.family_relation', 'documents'],
    ['toll.holiday_exemption', 'transport'],
    ['emergency.urgent', 'emergency'],
    ['intent.the_catalog_lost', FALLBACK_QUEUE],
  ])('%s → %s', (intent, queue) => {
    expect(routeToQueue(intent, catalog)).toBe(queue);
  });
});

describe('routeInbound (bot silence and reopen)', () => {
  const now = new Date('2027-01-02T00:00:00Z');
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
  it.each([
    ['no ticket', undefined, { kind: 'bot' }],
    ['waiting', { id: 't', status: 'waiting', resolvedAt: null }, { kind: 'join', ticketId: 't' }],
    ['assigned', { id: 't', status: 'assigned', resolvedAt: null }, { kind: 'join', ticketId: 't' }],
    ['resolved 1 h ago (the bot answers; a handoff opens a linked ticket)', { id: 't', status: 'resolved', resolvedAt: hoursAgo(1) }, { kind: 'bot' }],
    ['resolved 1 h ago, thread kept', { id: 't', status: 'resolved', resolvedAt: hoursAgo(1), keepThread: true }, { kind: 'reopen', ticketId: 't' }],
    ['resolved 25 h ago, thread kept', { id: 't', status: 'resolved', resolvedAt: hoursAgo(25), keepThread: true }, { kind: 'bot' }],
    ['resolved 25 h ago', { id: 't', status: 'resolved', resolvedAt: hoursAgo(25) }, { kind: 'bot' }],
    ['returned to bot 1 h ago', { id: 't', status: 'returned_to_bot', resolvedAt: hoursAgo(1) }, { kind: 'bot' }],
  ])('%s', (_name, latest, expected) => {
    expect(routeInbound(latest, now)).toEqual(expected);
  });

  it('never reopens when the window is 0', () => {
    expect(routeInbound({ id: 't', status: 'resolved', resolvedAt: hoursAgo(0.01), keepThread: true }, now, { windowMs: 0 })).toEqual({ kind: 'bot' });
    expect(followsWithin({ id: 't', status: 'resolved', resolvedAt: hoursAgo(0.01) }, now, { windowMs: 0 })).toBe(false);
    expect(followsWithin({ id: 't', status: 'resolved', resolvedAt: hoursAgo(1) }, now)).toBe(true);
    expect(followsWithin({ id: 't', status: 'returned_to_bot', resolvedAt: hoursAgo(1) }, now)).toBe(false);
  });
});

describe('pickAgent', () => {
  const agents = [
    { id: 'b', openTickets: 1, queues: [] },
    { id: 'a', openTickets: 1, queues: [] },
    { id: 'c', openTickets: 0, queues: ['documents'] },
    { id: 'd', openTickets: 3, queues: [] },
  ];
  it.each([
    ['documents', 3, 'c'],
    ['transport', 3, 'a'],
    ['transport', 1, undefined],
  ])('queue %s, capacity %d → %s', (queue, capacity, expected) => {
    expect(pickAgent(queue, agents, capacity)?.id).toBe(expected);
  });
});
