// Ticket priority, and how a handoff reason maps onto it. Pure.
//
// The mapping (why each level):
//   urgent                      → urgent  (danger now: emergency numbers already sent, a person must follow up)
//   requested_human             → high    (the citizen asked for a person and is waiting for one)
//   negative_feedback           → high    (an unhappy citizen leaves if ignored)
//   low_confidence / ambiguous  → normal  (a routine question the bot was not sure about)
//   policy_handoff / channel_limit → normal
//   media_only                  → normal  (a photo or file only a person can look at)
//   out_of_scope_repeat         → low     (probably not ours; a person checks when there is time)
import type { Action, DecisionReason, HandoffReason } from '../bot/types';

export const PRIORITIES = ['urgent', 'high', 'normal', 'low'] as const;
export type Priority = (typeof PRIORITIES)[number];

const BY_REASON: Readonly<Record<HandoffReason, Priority>> = {
  urgent: 'urgent',
  requested_human: 'high',
  negative_feedback: 'high',
  low_confidence: 'normal',
  ambiguous: 'normal',
  policy_handoff: 'normal',
  channel_limit: 'normal',
  media_only: 'normal',
  out_of_scope_repeat: 'low',
};

/** The priority a new ticket gets. An `urgent` action is urgent whatever the reason says. */
export function priorityFor(action: Action, reason: DecisionReason | undefined): Priority {
  if (action === 'urgent') return 'urgent';
  return reason && reason !== 'surge_pinned' ? BY_REASON[reason] : 'normal';
}

/** 0 for urgent … 3 for low: sorts the most pressing first. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}

export function isPriority(value: unknown): value is Priority {
  return typeof value === 'string' && (PRIORITIES as readonly string[]).includes(value);
}
