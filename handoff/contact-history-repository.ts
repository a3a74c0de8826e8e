// The rows behind a contact's history (handoff/contact-history.ts): the channel identities linked
// to a contact on evidence (contact_links), their conversations with message counts, the intents
// the bot read in them, and their tickets with the opening intent and the CSAT.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { ContactLinksTable, Schema } from '../store/schema';

/** How many identities one history follows: a bound, so a long chain of links stays cheap. */
export const MAX_IDENTITIES = 20;
/** The newest conversations a history lists. */
export const MAX_CONVERSATIONS = 50;

export type LinkEvidence = ContactLinksTable['evidence'];

/** A pair is stored once, smaller id first (the table checks it). */
const ordered = (a: string, b: string): [string, string] => (a < b ? [a, b] : [b, a]);

export class ContactHistoryRepository {
  constructor(private readonly db: Kysely<Schema>) {}

  async contact(id: string) {
    return this.db.selectFrom('contacts').selectAll().where('id', '=', id).executeTakeFirst();
  }

  async contactOfTicket(ticketId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('tickets')
      .innerJoin('conversations', 'conversations.id', 'tickets.conversation_id')
      .select('conversations.contact_id')
      .where('tickets.id', '=', ticketId)
      .executeTakeFirst();
    return row?.contact_id;
  }

  /** The contact and every identity linked to it through any chain of links, breadth first. */
  async linkedIdentities(contactId: string): Promise<{ id: string; via: { evidence: LinkEvidence; createdBy: string | null; at: Date } | null }[]> {
    const found = new Map<string, { evidence: LinkEvidence; createdBy: string | null; at: Date } | null>([[contactId, null]]);
    let frontier = [contactId];
    while (frontier.length > 0 && found.size < MAX_IDENTITIES) {
      const links = await this.db
        .selectFrom('contact_links')
        .selectAll()
        .where((eb) => eb.or([eb('contact_id', 'in', frontier), eb('linked_contact_id', 'in', frontier)]))
        .orderBy('created_at')
        .execute();
      const next: string[] = [];
      for (const link of links) {
        for (const other of [link.contact_id, link.linked_contact_id]) {
          if (found.has(other) || found.size >= MAX_IDENTITIES) continue;
          found.set(other, { evidence: link.evidence, createdBy: link.created_by, at: new Date(link.created_at) });
          next.push(other);
        }
      }
      frontier = next;
    }
    return [...found].map(([id, via]) => ({ id, via }));
  }

  async contacts(ids: readonly string[]) {
    return this.db.selectFrom('contacts').selectAll().where('id', 'in', ids).execute();
  }

  /** The newest conversations of these contacts, with their message count and last message time. */
  async conversations(contactIds: readonly string[]) {
    return this.db
      .selectFrom('conversations')
      .leftJoin('messages', 'messages.conversation_id', 'conversations.id')
      .select([
        'conversations.id',
        'conversations.channel',
        'conversations.contact_id',
        'conversations.is_public',
        'conversations.language',
        'conversations.created_at',
        sql<number>`count(messages.id)`.as('message_count'),
        sql<Date | null>`max(messages.created_at)`.as('last_message_at'),
      ])
      .where('conversations.contact_id', 'in', contactIds)
      .groupBy('conversations.id')
      .orderBy('conversations.created_at', 'desc')
      .limit(MAX_CONVERSATIONS)
      .execute();
  }

  /** Each distinct (conversation, intent, action) the bot decided on a citizen message, oldest first. */
  async decisions(conversationIds: readonly string[]) {
    return this.db
      .selectFrom('decisions')
      .innerJoin('messages', 'messages.id', 'decisions.message_id')
      .select(['messages.conversation_id', 'decisions.intent', 'decisions.action', sql<Date>`min(decisions.created_at)`.as('first_at')])
      .where('messages.conversation_id', 'in', conversationIds)
      .groupBy(['messages.conversation_id', 'decisions.intent', 'decisions.action'])
      .orderBy('first_at')
      .execute();
  }

  /** The tickets of these conversations with the intent of the message that opened each and its rating. */
  async tickets(conversationIds: readonly string[]) {
    return this.db
      .selectFrom('tickets')
      .leftJoin('decisions', 'decisions.message_id', 'tickets.opened_by_message_id')
      .leftJoin('ticket_ratings', 'ticket_ratings.ticket_id', 'tickets.id')
      .select([
        'tickets.id',
        'tickets.conversation_id',
        'tickets.status',
        'tickets.priority',
        'tickets.queue',
        'tickets.reason',
        'tickets.assignee',
        'tickets.created_at',
        'tickets.resolved_at',
        'tickets.follows_ticket_id',
        'decisions.intent',
        'ticket_ratings.score',
      ])
      .where('tickets.conversation_id', 'in', conversationIds)
      .orderBy('tickets.created_at')
      .execute();
  }

  /** Links two identities; false when they were linked already. */
  async link(a: string, b: string, evidence: LinkEvidence, createdBy: string | null): Promise<boolean> {
    const [contactId, linkedContactId] = ordered(a, b);
    const inserted = await this.db
      .insertInto('contact_links')
      .values({ contact_id: contactId, linked_contact_id: linkedContactId, evidence, created_by: createdBy })
      .onConflict((oc) => oc.columns(['contact_id', 'linked_contact_id']).doNothing())
      .returning('contact_id')
      .executeTakeFirst();
    return inserted !== undefined;
  }

  /** Removes the direct link of two identities; false when there was none. */
  async unlink(a: string, b: string): Promise<boolean> {
    const [contactId, linkedContactId] = ordered(a, b);
    const removed = await this.db
      .deleteFrom('contact_links')
      .where('contact_id', '=', contactId)
      .where('linked_contact_id', '=', linkedContactId)
      .returning('contact_id')
      .executeTakeFirst();
    return removed !== undefined;
  }
}
