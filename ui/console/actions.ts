// What an agent can do to a ticket, as calls to the agent API. Each returns the updated ticket
// (or nothing) and lets the caller refresh; errors propagate as ApiError for the status line.
import type { Api } from '../shared/api';
import type { TicketDetail, TicketJson } from './types';

const path = (id: string, action = '') => `/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

type TicketAnswer = { readonly ticket: TicketJson };

export function ticketActions(api: Api) {
  return {
    load: (id: string) => api.get<TicketDetail>(path(id)),
    claim: (id: string) => api.post<TicketAnswer>(path(id, 'claim')),
    reply: (id: string, text: string) => api.post<TicketAnswer & { readonly outboxId: string }>(path(id, 'messages'), { text }),
    note: (id: string, text: string) => api.post(path(id, 'notes'), { text }),
    resolve: (id: string) => api.post<TicketAnswer>(path(id, 'resolve')),
    returnToBot: (id: string) => api.post<TicketAnswer>(path(id, 'return-to-bot')),
    transfer: (id: string, queue: string) => api.post<TicketAnswer>(path(id, 'transfer'), { queue }),
    relabel: (id: string, intent: string, messageId?: string) => api.post(path(id, 'relabel'), messageId ? { intent, messageId } : { intent }),
  };
}

export type TicketActions = ReturnType<typeof ticketActions>;
