// Surges: the detection job's tick (read new decisions → detector → open, refresh or close surge
// rows, announce them on the live events), the supervisor's pinned answers (set, edit, withdraw,
// all audited) and the broadcast of a pinned answer to everyone already waiting in the cluster.
import type { LiveEvents } from '../events/types';
import type { JobQueue } from '../jobs/types';
import type { LinkJson, PinnedAnswerJson } from '../store/schema';
import type { SurgeConfig } from './config';
import { SurgeDetector, type SurgeCandidate } from './detector';
import { fromArray, signature, similarity, toArray, type Signature, type StopShingles } from './minhash';
import type { PinnedAnswers } from './pinned-answers';
import type { SurgeRepository, SurgeRow, WaitingTicket } from './surge-repository';
import { bestSimilarity } from './topic-clusters';
import { HourlyTally, hourOf, sameHourBaseline, sameHourOnPreviousDays } from './hourly-baseline';
import { DomainError } from '../core/errors';

/** Decisions re-read behind the cursor, for rows committed late by a concurrent worker. */
const OVERLAP_MS = 5_000;
const READ_BATCH = 5_000;
/** Signatures kept per surge row. */
const MAX_SIGNATURES = 96;

export interface SurgeServiceDeps {
  readonly repository: SurgeRepository;
  readonly events: LiveEvents;
  readonly jobs: Pick<JobQueue, 'add'>;
  readonly config: SurgeConfig;
  /** The current stop n-grams (they follow the catalog: stop-shingles.ts). */
  readonly stop: () => StopShingles;
  readonly pinned: PinnedAnswers;
  /** Intent names for labels ('disaster.report_damage' → '재난 피해 신고'). */
  readonly intentName: (id: string) => string | undefined;
  readonly now: () => Date;
}

export interface PinnedAnswerInput {
  readonly text: { readonly ko: string; readonly en: string };
  readonly links: readonly LinkJson[];
  readonly expiresAt: Date;
}

export class SurgeService {
  private detector: SurgeDetector | undefined;
  private detectorStop: StopShingles | undefined;
  private cursor = 0;
  private readonly seen = new Map<string, number>();
  private tally = new HourlyTally();
  /** The same-hour baseline of the hour it was read for. */
  private usual: { hour: number; perMin: Map<string, number> } | undefined;

  constructor(private readonly deps: SurgeServiceDeps) {}

  /** One detection run. Returns the surges opened by this run. */
  async tick(): Promise<SurgeRow[]> {
    const { config, repository } = this.deps;
    const now = this.deps.now();
    const stop = this.deps.stop();
    if (!this.detector || this.detectorStop !== stop) {
      // A fresh worker rebuilds the window (and a little history for the baselines) from the store;
      // so does a worker whose catalog changed the stop n-grams, or old and new signatures would
      // not compare.
      this.detector = new SurgeDetector(config, stop);
      this.detectorStop = stop;
      this.seen.clear();
      this.tally = new HourlyTally(); // the replay would count its hours twice
      this.cursor = now.getTime() - 3 * config.windowMinutes * 60_000;
    }
    for (;;) {
      const rows = await repository.observationsSince(new Date(this.cursor - OVERLAP_MS), READ_BATCH);
      let fresh = 0;
      for (const row of rows) {
        if (this.seen.has(row.id)) continue;
        fresh++;
        this.seen.set(row.id, row.decidedAt.getTime());
        const keys = this.detector.observe(row);
        // Topic clusters are this process's own and a new topic has no history: only intents and regions are kept.
        if (config.baselineDays > 0) for (const key of keys) if (!key.startsWith('topic:')) this.tally.add(key, row.at);
        this.cursor = Math.max(this.cursor, row.decidedAt.getTime());
      }
      if (rows.length < READ_BATCH || fresh === 0) break;
    }
    for (const [id, at] of this.seen) if (at < this.cursor - 2 * OVERLAP_MS) this.seen.delete(id);

    const candidates = this.detector.evaluate(now, await this.sameHourBaseline(now));
    const open = await repository.list('open');
    const opened: SurgeRow[] = [];
    const matched = new Set<string>();
    for (const candidate of candidates) {
      const existing = this.findSurge(candidate, open);
      if (existing) {
        matched.add(existing.id);
        if (candidate.count < config.minCount / 2) {
          await this.closeSurge(existing, now);
        } else {
          await repository.refresh(existing.id, candidate, mergeSignatures(existing.signatures, candidate.reps), now);
          await this.publish({ ...existing, count: candidate.count });
        }
      } else if (candidate.open) {
        const row = await repository.open(candidate, this.labelOf(candidate), mergeSignatures([], candidate.reps), now);
        opened.push(row);
        open.push(row);
        matched.add(row.id);
        await this.publish(row);
      }
    }
    // Its messages have all left the window.
    for (const surge of open) if (!matched.has(surge.id)) await this.closeSurge(surge, now);
    return opened;
  }

  /** Records this hour's counts, and reads the same-hour baseline once per hour. */
  private async sameHourBaseline(now: Date): Promise<Map<string, number>> {
    const { config, repository } = this.deps;
    if (config.baselineDays === 0) return new Map();
    const hour = hourOf(now);
    await repository.recordHourlyCounts(this.tally.rows(hour - 1));
    if (this.usual?.hour !== hour) {
      const counts = await repository.hourlyCounts(sameHourOnPreviousDays(hour, config.baselineDays));
      this.usual = { hour, perMin: sameHourBaseline(counts, hour, config.baselineDays, config.baselineDayAlpha) };
      await repository.pruneHourlyCounts(hour - 24 * config.baselineDays - 1);
    }
    return this.usual.perMin;
  }

  list(status?: 'open' | 'closed'): Promise<SurgeRow[]> {
    return this.deps.repository.list(status);
  }

  async setPinnedAnswer(id: string, actor: string, input: PinnedAnswerInput): Promise<SurgeRow> {
    const now = this.deps.now();
    if (input.expiresAt <= now) throw new DomainError('invalid', 'expiresAt must be in the future');
    const before = await this.get(id);
    const pinned: PinnedAnswerJson = { text: input.text, links: input.links, expiresAt: input.expiresAt.toISOString(), setBy: actor, setAt: now.toISOString() };
    const row = (await this.deps.repository.setPinned(id, pinned, now))!;
    await this.deps.repository.audit({
      actor,
      action: before.pinned_answer ? 'surge.pinned_answer.edit' : 'surge.pinned_answer.set',
      target: id,
      details: { text: input.text, links: input.links, expiresAt: pinned.expiresAt, previous: before.pinned_answer },
    });
    this.deps.pinned.invalidate();
    await this.publish(row);
    return row;
  }

  async withdrawPinnedAnswer(id: string, actor: string): Promise<SurgeRow> {
    const before = await this.get(id);
    if (!before.pinned_answer) throw new DomainError('conflict', 'the surge has no pinned answer');
    const row = (await this.deps.repository.setPinned(id, null, this.deps.now()))!;
    await this.deps.repository.audit({ actor, action: 'surge.pinned_answer.withdraw', target: id, details: { previous: before.pinned_answer } });
    this.deps.pinned.invalidate();
    await this.publish(row);
    return row;
  }

  /** Waiting (non-urgent) tickets whose opening message belongs to the surge: its group in the console. */
  async waitingGroup(id: string): Promise<WaitingTicket[]> {
    const surge = await this.get(id);
    const reps = surge.signatures.map(fromArray);
    const tickets = await this.deps.repository.waitingTickets();
    return tickets.filter((t) => t.priority !== 'urgent' && bestSimilarity(signature(t.text, this.deps.stop()), reps) >= this.deps.config.matchThreshold);
  }

  /** Sends the pinned answer to everyone waiting in the group and closes their tickets. */
  async broadcast(id: string, actor: string): Promise<number> {
    const surge = await this.get(id);
    const pinned = surge.pinned_answer;
    if (!pinned || new Date(pinned.expiresAt) <= this.deps.now()) throw new DomainError('conflict', 'pin an answer to the surge first');
    const sent = await this.answerGroup(id, actor, (lang) => ({ text: pinned.text[lang], links: pinned.links }));
    await this.deps.repository.audit({ actor, action: 'surge.broadcast', target: id, details: { answered: sent } });
    return sent;
  }

  /** An agent's own reply to the whole group (already PII-redacted by the caller). */
  async replyToGroup(id: string, actor: string, text: string): Promise<number> {
    const sent = await this.answerGroup(id, actor, () => ({ text, links: [] }));
    await this.deps.repository.audit({ actor, action: 'surge.group_reply', target: id, details: { answered: sent } });
    return sent;
  }

  async get(id: string): Promise<SurgeRow> {
    const row = await this.deps.repository.get(id);
    if (!row) throw new DomainError('not_found', `surge ${id}`);
    return row;
  }

  private async answerGroup(id: string, actor: string, reply: (lang: 'ko' | 'en') => { text: string; links: readonly LinkJson[] }): Promise<number> {
    let sent = 0;
    for (const ticket of await this.waitingGroup(id)) {
      const outboxId = await this.deps.repository.answerWaiting(ticket, reply(ticket.language === 'en' ? 'en' : 'ko'), actor, id, this.deps.now());
      if (!outboxId) continue; // claimed by an agent meanwhile
      sent++;
      await this.deps.jobs.add('outbound', { outboxId }, { jobId: outboxId });
      await this.deps.events.publish({
        type: 'ticket.changed',
        ticketId: ticket.ticketId,
        conversationId: ticket.conversationId,
        status: 'resolved',
        priority: ticket.priority,
      });
    }
    return sent;
  }

  /** The open surge a candidate continues: same key, or (a topic rebuilt after a restart) similar messages. */
  private findSurge(candidate: SurgeCandidate, open: readonly SurgeRow[]): SurgeRow | undefined {
    const byKey = open.find((s) => s.key === candidate.key);
    if (byKey || candidate.kind !== 'topic' || candidate.count < this.deps.config.minCount / 2) return byKey;
    return open.find((s) => s.kind === 'topic' && overlaps(candidate.reps, s.signatures.map(fromArray), this.deps.config.clusterThreshold));
  }

  private async closeSurge(surge: SurgeRow, now: Date): Promise<void> {
    const closed = await this.deps.repository.close(surge.id, now);
    if (closed) await this.publish(closed);
  }

  private labelOf(c: SurgeCandidate): string {
    if (c.kind === 'intent') return this.deps.intentName(c.intent!) ?? c.intent!;
    if (c.kind === 'region') return c.region!;
    return c.topTerms.slice(0, 3).join(' ');
  }

  private publish(row: Pick<SurgeRow, 'id' | 'status' | 'label' | 'count' | 'pinned_answer'>): Promise<void> {
    return this.deps.events.publish({
      type: 'surge.changed',
      surgeId: row.id,
      status: row.status,
      label: row.label,
      count: row.count,
      pinned: row.pinned_answer !== null,
    });
  }
}

function overlaps(a: readonly Signature[], b: readonly Signature[], threshold: number): boolean {
  return a.some((sig) => bestSimilarity(sig, b) >= threshold);
}

/** Stored signatures plus new representatives not already (nearly) among them. */
function mergeSignatures(stored: readonly number[][], reps: readonly Signature[]): number[][] {
  const out = stored.map(fromArray);
  for (const rep of reps) {
    if (out.length >= MAX_SIGNATURES) break;
    if (!out.some((s) => similarity(s, rep) >= 0.9)) out.push(rep);
  }
  return out.map(toArray);
}
