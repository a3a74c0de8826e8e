// Bot silence and the reopen rule: where a new citizen message goes, given the conversation's
// latest ticket. Pure.
//   open ticket (waiting / assigned)                   → join it (the pipeline decides what the
//                                                        bot may still say while it only waits)
//   resolved less than `windowMs` ago, thread kept     → reopen it; the bot stays silent
//   resolved, thread not kept; returned to bot; none   → the bot answers. If that answer needs a
//                                                        person within the window, a NEW ticket
//                                                        opens, linked to the resolved one
//                                                        (followsWithin), with a fresh SLA.
// A ticket returned to the bot is never reopened by a message: the agent chose to hand back.

import type { LatestTicket } from '../store/inbound-writes';

export type { LatestTicket };

export interface ReopenPolicy {
  /** A message this soon after a resolve reopens the ticket. Default 24 h; 0 turns reopening off. */
  readonly windowMs: number;
}

export const DEFAULT_REOPEN_POLICY: ReopenPolicy = { windowMs: 24 * 60 * 60 * 1000 };

export type InboundRoute =
  { readonly kind: 'join'; readonly ticketId: string } | { readonly kind: 'reopen'; readonly ticketId: string } | { readonly kind: 'bot' };

export function routeInbound(latest: LatestTicket | undefined, now: Date, policy: ReopenPolicy = DEFAULT_REOPEN_POLICY): InboundRoute {
  if (!latest) return { kind: 'bot' };
  if (latest.status === 'waiting' || latest.status === 'assigned') return { kind: 'join', ticketId: latest.id };
  if (latest.keepThread && followsWithin(latest, now, policy)) return { kind: 'reopen', ticketId: latest.id };
  return { kind: 'bot' };
}

/** Whether a new ticket now should be linked to `latest`: it was resolved within the reopen window. */
export function followsWithin(latest: LatestTicket | undefined, now: Date, policy: ReopenPolicy = DEFAULT_REOPEN_POLICY): boolean {
  if (!latest || latest.status !== 'resolved' || !latest.resolvedAt || policy.windowMs <= 0) return false;
  const age = now.getTime() - latest.resolvedAt.getTime();
  return age >= 0 && age < policy.windowMs;
}
