// Handoff settings, with their defaults. Parsed from the environment at the edge by
// parseHandoffEnv (the server's config step calls it); inner modules get the typed object.
import { z } from 'zod';
import { DEFAULT_AUTO_ASSIGN, type AutoAssignPolicy } from './auto-assign';
import { DEFAULT_REOPEN_POLICY, type ReopenPolicy } from './reopen-policy';
import { FALLBACK_QUEUE } from './routing';
import { checkSlaPolicy, DEFAULT_SLA_POLICY, type SlaPolicy } from './sla-policy';
import { PRIORITIES, type Priority } from './priority';

export interface HandoffConfig {
  readonly sla: SlaPolicy;
  readonly reopen: ReopenPolicy;
  readonly autoAssign: AutoAssignPolicy;
  /** Queue for intents the catalog does not route (default 'general'). */
  readonly fallbackQueue: string;
}

export const DEFAULT_HANDOFF_CONFIG: HandoffConfig = {
  sla: DEFAULT_SLA_POLICY,
  reopen: DEFAULT_REOPEN_POLICY,
  autoAssign: DEFAULT_AUTO_ASSIGN,
  fallbackQueue: FALLBACK_QUEUE,
};

/** The variables parseHandoffEnv reads, for the server's config table and README. */
export const HANDOFF_VARIABLES = [
  { name: 'HANDOFF_SLA_SECONDS', default: 'urgent=60,high=300,normal=600,low=3600', meaning: 'First-response target per priority, in seconds.' },
  {
    name: 'HANDOFF_REOPEN_HOURS',
    default: '24',
    meaning:
      'Reopen window in hours after a resolve: a message needing a person opens a new ticket linked to the resolved one, or reopens it if the agent kept the thread (0: no linking, no reopening).',
  },
  {
    name: 'HANDOFF_AUTO_ASSIGN_CAPACITY',
    default: '0',
    meaning: 'Auto-assign new tickets to the least-loaded online agent holding fewer than this many (0: off).',
  },
] as const;

const slaSpec = z
  .string()
  .trim()
  .transform((text, ctx) => {
    const out: Partial<Record<Priority, number>> = {};
    for (const part of text.split(',')) {
      const match = /^\s*(urgent|high|normal|low)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: `"${part}" is not priority=seconds (e.g. urgent=60)` });
        return z.NEVER;
      }
      out[match[1] as Priority] = Number(match[2]) * 1000;
    }
    return out;
  });

export class HandoffConfigError extends Error {
  override name = 'HandoffConfigError';
}

/** Throws HandoffConfigError naming the variable when one is malformed. */
export function parseHandoffEnv(env: Readonly<Record<string, string | undefined>>): HandoffConfig {
  const read = <T>(name: string, schema: z.ZodType<T>, fallback: T): T => {
    const raw = env[name];
    if (raw === undefined || raw.trim() === '') return fallback;
    const parsed = schema.safeParse(raw);
    if (!parsed.success) throw new HandoffConfigError(`Invalid configuration:\n  ${name}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  };
  const sla = read('HANDOFF_SLA_SECONDS', slaSpec, {});
  const reopenHours = read(
    'HANDOFF_REOPEN_HOURS',
    z.coerce
      .number()
      .min(0)
      .max(24 * 365),
    24,
  );
  const capacity = read('HANDOFF_AUTO_ASSIGN_CAPACITY', z.coerce.number().int().min(0).max(1000), 0);
  const firstResponseMs = Object.fromEntries(PRIORITIES.map((p) => [p, sla[p] ?? DEFAULT_SLA_POLICY.firstResponseMs[p]])) as Record<Priority, number>;
  let slaPolicy: SlaPolicy;
  try {
    slaPolicy = checkSlaPolicy({ firstResponseMs });
  } catch (error) {
    throw new HandoffConfigError(`Invalid configuration:\n  HANDOFF_SLA_SECONDS: ${(error as Error).message}`);
  }
  return {
    ...DEFAULT_HANDOFF_CONFIG,
    sla: slaPolicy,
    reopen: { windowMs: reopenHours * 3_600_000 },
    autoAssign: { ...DEFAULT_AUTO_ASSIGN, enabled: capacity > 0, capacity: capacity || DEFAULT_AUTO_ASSIGN.capacity },
  };
}
