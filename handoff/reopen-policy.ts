// Bot silence and the reopen rule: where a new citizen message goes, given the conversation's
// latest ticket. Pure.
//   open ticket (waiting / assigned)            → join it; the bot stays silent
//   resolved less than `windowMs` ago            → reopen it; the bot stays silent
//   returned to the bot, resolved long ago, none → the bot answers
// A ticket returned to the bot is never reopened by a message: the agent chose to hand back.

export interface ReopenPolicy {
  /** A message this soon after a resolve reopens the ticket. Default 24 h; 0 turns reopening off. */
  readonly windowMs: number;
}

export const DEFAULT_REOPEN_POLICY: ReopenPolicy = { windowMs: 24 * 60 * 60 * 1000 };

export interface LatestTicket {
  readonly id: string;
  readonly status: string;
  readonly resolvedAt: Date | null;
}

export type InboundRoute =
  | { readonly kind: 'join'; readonly ticketId: string }
  | { readonly kind: 'reopen'; readonly ticketId: string }
  | { readonly kind: 'bot' };

export function routeInbound(latest: LatestTicket | undefined, now: Date, policy: ReopenPolicy = DEFAULT_REOPEN_POLICY): InboundRoute {
  if (!latest) return { kind: 'bot' };
  if (latest.status === 'waiting' || latest.status === 'assigned') return { kind: 'join', ticketId: latest.id };
  if (latest.status === 'resolved' && latest.resolvedAt && policy.windowMs > 0) {
    const age = now.getTime() - latest.resolvedAt.getTime();
    if (age >= 0 && age < policy.windowMs) return { kind: 'reopen', ticketId: latest.id };
  }
  return { kind: 'bot' };
}
