// One call that builds the handoff side for the composition root: the pipeline's port, the
// agent-action service, and the `sla` worker.
import type { JobQueue, WorkerOptions } from '../jobs/types';
import type { HandoffPort } from '../pipeline/handoff-port';
import { createHandoffDeps, type HandoffDeps, type HandoffDepsInput } from './deps';
import { createFeedback, type Feedback } from './feedback';
import { createHandoffPort } from './pipeline-handoff';
import { scheduleSla } from './open-ticket';
import { handleSlaJob } from './sla-job';
import { TicketService } from './ticket-service';

export interface Handoff {
  readonly deps: HandoffDeps;
  readonly port: HandoffPort;
  readonly service: TicketService;
  /** Citizen feedback: CSAT and "Was this helpful?" (the pipeline's and the web chat's port). */
  readonly feedback: Feedback;
  /** Consumes `sla` jobs in this process (worker processes call it; see jobs/types.ts). */
  registerSlaWorker(jobs: Pick<JobQueue, 'process'>, options?: WorkerOptions): void;
  /**
   * Schedules again the SLA check of every open ticket without a first response, at once when
   * its deadline passed while no process was running. The in-process driver keeps delayed jobs
   * in timers that die with the process; with BullMQ the jobIds make this a no-op. Call at start.
   */
  recoverSla(): Promise<number>;
}

export const DEFAULT_SLA_WORKER: WorkerOptions = { concurrency: 2, attempts: 5, backoffMs: 1000 };

export function createHandoff(input: HandoffDepsInput): Handoff {
  const deps = createHandoffDeps(input);
  return {
    deps,
    port: createHandoffPort(deps),
    service: new TicketService(deps),
    feedback: createFeedback(deps),
    registerSlaWorker(jobs, options = DEFAULT_SLA_WORKER) {
      jobs.process('sla', async (data) => void (await handleSlaJob(deps, data)), options);
    },
    async recoverSla() {
      const due = await deps.tickets.awaitingFirstResponse();
      for (const ticket of due) await scheduleSla(deps, ticket.id, ticket.slaDeadline);
      return due.length;
    },
  };
}
