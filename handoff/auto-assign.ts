// Optional auto-assignment: the least-loaded online agent with room under the capacity. Pure;
// the repository supplies the candidates and makes the assignment conditional.

export interface AgentLoad {
  readonly id: string;
  /** Open tickets assigned to this agent now. */
  readonly openTickets: number;
  /** Queues the agent serves; empty means every queue. */
  readonly queues: readonly string[];
}

export interface AutoAssignPolicy {
  /** Off by default: agents claim from the queue. */
  readonly enabled: boolean;
  /** Most open tickets one agent holds before auto-assignment passes them over. */
  readonly capacity: number;
  /** An agent seen (any authenticated request or live stream) this recently counts as online. */
  readonly onlineWindowMs: number;
}

export const DEFAULT_AUTO_ASSIGN: AutoAssignPolicy = { enabled: false, capacity: 5, onlineWindowMs: 2 * 60_000 };

/** Ties go to the lower id, so the choice is deterministic. */
export function pickAgent(queue: string, agents: readonly AgentLoad[], capacity: number): AgentLoad | undefined {
  return agents
    .filter((a) => a.openTickets < capacity && (a.queues.length === 0 || a.queues.includes(queue)))
    .sort((a, b) => a.openTickets - b.openTickets || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))[0];
}
