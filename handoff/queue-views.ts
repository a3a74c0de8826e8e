// The console's queue views, by name. Pure (no database) so the console bundles it too.
export const QUEUE_VIEWS = ['mine', 'unassigned', 'open', 'overdue', 'snoozed', 'resolved'] as const;
export type QueueView = (typeof QUEUE_VIEWS)[number];
