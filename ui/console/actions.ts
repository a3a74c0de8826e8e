// What an agent can do to a ticket, as calls to the agent API. Each returns the updated ticket
// (or nothing) and lets the caller refresh; errors propagate as ApiError for the toasts.
import type { Api } from '../shared/api';
import type { CannedResponse, QueueTicket, TicketDetail, TicketJson } from './types';

const path = (id: string, action = '') => `/handoffs/${encodeURIComponent(id)}${action ? `/${action}` : ''}`;

type TicketAnswer = { readonly ticket: TicketJson };

export interface TransferTargets {
  readonly queues: readonly string[];
  readonly agents: readonly { readonly id: string; readonly email: string; readonly displayName: string | null }[];
}

export type Transfer = { readonly queue: string } | { readonly agentId: string };

export function ticketActions(api: Api) {
  return {
    load: (id: string) => api.get<TicketDetail>(path(id)),
    openTickets: async () => (await api.get<{ tickets: QueueTicket[] }>('/handoffs?status=waiting,assigned&limit=500')).tickets,
    canned: async () => (await api.get<{ cannedResponses: CannedResponse[] }>('/canned-responses')).cannedResponses,
    snooze: (id: string, until: Date | null) => api.post<TicketAnswer>(path(id, 'snooze'), { until: until ? until.toISOString() : null }),
    targets: () => api.get<TransferTargets>('/handoffs/targets'),
    claim: (id: string) => api.post<TicketAnswer>(path(id, 'claim')),
    reply: (id: string, text: string) => api.post<TicketAnswer & { readonly outboxId: string }>(path(id, 'messages'), { text }),
    note: (id: string, text: string) => api.post(path(id, 'notes'), { text }),
    resolve: (id: string, keepThread = false) => api.post<TicketAnswer>(path(id, 'resolve'), { keepThread }),
    returnToBot: (id: string) => api.post<TicketAnswer>(path(id, 'return-to-bot')),
    transfer: (id: string, to: Transfer) => api.post<TicketAnswer>(path(id, 'transfer'), to),
    setPriority: (id: string, priority: string) => api.post<TicketAnswer>(path(id, 'priority'), { priority }),
    relabel: (id: string, intent: string, messageId?: string) => api.post(path(id, 'relabel'), messageId ? { intent, messageId } : { intent }),
  };
}

export type TicketActions = ReturnType<typeof ticketActions>;
