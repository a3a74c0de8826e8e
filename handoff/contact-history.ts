// A contact's history across channels, for the console's contact panel. A contact is one channel
// identity (a Kakao user, a PSID, an X account, a web thread). Identities are the same citizen
// only on evidence: an agent who confirmed it links them (audited), never a guess from names or
// redacted personal data. The history lists the conversations of every linked identity with the
// intents the bot read, each ticket's outcome and CSAT, and the dates.
import { DomainError } from '../core/errors';
import type { AuditLog } from '../store/audit-repository';
import type { TicketStatus } from '../store/schema';
import type { ContactHistoryRepository, LinkEvidence } from './contact-history-repository';

export interface ContactIdentity {
  readonly id: string;
  readonly channel: string;
  /** Redacted at ingest, like every citizen-chosen text. */
  readonly handle: string | null;
  readonly displayName: string | null;
  readonly since: string;
  /** How this identity joined the history; null for the contact asked about. */
  readonly link: { readonly evidence: LinkEvidence; readonly linkedBy: string | null; readonly linkedAt: string } | null;
}

export interface HistoryTicket {
  readonly id: string;
  readonly status: TicketStatus;
  readonly priority: string;
  readonly queue: string;
  readonly reason: string | null;
  /** The intent of the message that opened the ticket. */
  readonly intent: string | null;
  readonly createdAt: string;
  readonly resolvedAt: string | null;
  /** The citizen's CSAT score (1–5), once given. */
  readonly rating: number | null;
  readonly followsTicketId: string | null;
}

/** A ticket's last status, or what the bot did when no person was involved. */
export type ConversationOutcome = TicketStatus | 'bot_answered' | 'bot_only';

export interface HistoryConversation {
  readonly id: string;
  readonly channel: string;
  readonly contactId: string;
  readonly isPublic: boolean;
  readonly startedAt: string;
  readonly lastMessageAt: string | null;
  readonly messageCount: number;
  /** Distinct intents the bot read in the citizen's messages, in the order they first came. */
  readonly intents: readonly string[];
  readonly outcome: ConversationOutcome;
  readonly tickets: readonly HistoryTicket[];
}

export interface ContactHistory {
  readonly contact: ContactIdentity;
  /** The contact first, then the identities linked to it. */
  readonly identities: readonly ContactIdentity[];
  /** Newest first, over every identity. */
  readonly conversations: readonly HistoryConversation[];
}

export interface LinkTarget {
  readonly contactId?: string;
  readonly ticketId?: string;
}

const iso = (value: Date | string) => new Date(value).toISOString();

export class ContactHistoryService {
  constructor(
    private readonly repository: ContactHistoryRepository,
    private readonly audit: AuditLog,
  ) {}

  async forTicket(ticketId: string): Promise<ContactHistory> {
    const contactId = await this.repository.contactOfTicket(ticketId);
    if (!contactId) throw new DomainError('not_found', `ticket ${ticketId}`);
    return this.history(contactId);
  }

  async history(contactId: string): Promise<ContactHistory> {
    const found = await this.repository.linkedIdentities(contactId);
    const rows = await this.repository.contacts(found.map((f) => f.id));
    if (!rows.some((r) => r.id === contactId)) throw new DomainError('not_found', `contact ${contactId}`);
    const byId = new Map(rows.map((r) => [r.id, r]));
    const identities = found.flatMap(({ id, via }): ContactIdentity[] => {
      const row = byId.get(id);
      if (!row) return [];
      return [
        {
          id,
          channel: row.channel,
          handle: row.handle,
          displayName: row.display_name,
          since: iso(row.created_at),
          link: via && { evidence: via.evidence, linkedBy: via.createdBy, linkedAt: via.at.toISOString() },
        },
      ];
    });
    const conversations = await this.repository.conversations(identities.map((i) => i.id));
    const ids = conversations.map((c) => c.id);
    const [decisions, tickets] = ids.length === 0 ? [[], []] : await Promise.all([this.repository.decisions(ids), this.repository.tickets(ids)]);
    return {
      contact: identities[0]!,
      identities,
      conversations: conversations.map((c) => {
        const own = decisions.filter((d) => d.conversation_id === c.id);
        const ownTickets: HistoryTicket[] = tickets
          .filter((t) => t.conversation_id === c.id)
          .map((t) => ({
            id: t.id,
            status: t.status,
            priority: t.priority,
            queue: t.queue,
            reason: t.reason,
            intent: t.intent,
            createdAt: iso(t.created_at),
            resolvedAt: t.resolved_at ? iso(t.resolved_at) : null,
            rating: t.score,
            followsTicketId: t.follows_ticket_id,
          }));
        const outcome: ConversationOutcome = ownTickets.at(-1)?.status ?? (own.some((d) => d.action === 'auto_answer') ? 'bot_answered' : 'bot_only');
        return {
          id: c.id,
          channel: c.channel,
          contactId: c.contact_id,
          isPublic: c.is_public,
          startedAt: iso(c.created_at),
          lastMessageAt: c.last_message_at ? iso(c.last_message_at) : null,
          messageCount: Number(c.message_count),
          intents: [...new Set(own.map((d) => d.intent))],
          outcome,
          tickets: ownTickets,
        };
      }),
    };
  }

  /** An agent confirms two identities are one citizen (e.g. the citizen said so on both). Audited. */
  async link(contactId: string, target: LinkTarget, actorId: string): Promise<ContactHistory> {
    const other = await this.resolveTarget(target);
    if (other === contactId) throw new DomainError('invalid', 'a contact cannot be linked to itself');
    for (const id of [contactId, other]) {
      if (!(await this.repository.contact(id))) throw new DomainError('not_found', `contact ${id}`);
    }
    if (await this.repository.link(contactId, other, 'agent_confirmed', actorId)) {
      await this.audit.record({ actor: actorId, action: 'contact.link', target: contactId, details: { with: other, evidence: 'agent_confirmed' } });
    }
    return this.history(contactId);
  }

  /** Undoes a direct link (a mistaken confirmation). Audited. */
  async unlink(contactId: string, otherId: string, actorId: string): Promise<ContactHistory> {
    if (!(await this.repository.unlink(contactId, otherId))) throw new DomainError('not_found', `link between contacts ${contactId} and ${otherId}`);
    await this.audit.record({ actor: actorId, action: 'contact.unlink', target: contactId, details: { with: otherId } });
    return this.history(contactId);
  }

  private async resolveTarget(target: LinkTarget): Promise<string> {
    if (target.contactId) return target.contactId;
    const contactId = target.ticketId ? await this.repository.contactOfTicket(target.ticketId) : undefined;
    if (!contactId) throw new DomainError('not_found', `ticket ${target.ticketId ?? ''}`);
    return contactId;
  }
}
