// The pipeline's surge port: after triage, a message that matches a surge with a live pinned
// answer is answered with it at once (action auto_answer, reason surge_pinned); a non-urgent
// handoff while the agents' queue is past its configured depth gets an honest wait estimate.
// Danger is never touched: an `urgent` decision keeps its emergency numbers and its ticket.
// The pinned surges and the queue load are read at most every `refreshMs`, not per message.
import { replyLanguage } from '../bot/reply';
import type { Decision } from '../bot/types';
import type { AfterTriageInput, SurgePort } from '../pipeline/surge-port';
import type { SurgeConfig } from './config';
import { fromArray, signature, type Signature, type StopShingles } from './minhash';
import type { SurgeRepository } from './surge-repository';
import type { PinnedAnswerJson } from '../store/schema';
import { bestSimilarity } from './topic-clusters';
import { waitNotice } from './texts';

/** How far back the queue's pace (first responses per minute) is measured for the wait estimate. */
const PACE_WINDOW_MS = 30 * 60_000;

interface PinnedSurge {
  readonly id: string;
  readonly reps: readonly Signature[];
  readonly answer: PinnedAnswerJson;
}

export interface PinnedAnswersDeps {
  readonly repository: SurgeRepository;
  readonly config: SurgeConfig;
  /** The current stop n-grams (they follow the catalog: stop-shingles.ts). */
  readonly stop: () => StopShingles;
  /** How long the pinned list and queue load are reused (ms, default 2000). */
  readonly refreshMs?: number;
}

export interface PinnedAnswers extends SurgePort {
  /** The best live pinned surge for a text, if one is above the match threshold. */
  match(text: string, now: Date): Promise<{ surgeId: string; answer: PinnedAnswerJson; similarity: number } | undefined>;
  /** Forget cached reads (after a pin, edit or withdrawal in this process). */
  invalidate(): void;
}

export function createPinnedAnswers(deps: PinnedAnswersDeps): PinnedAnswers {
  const refreshMs = deps.refreshMs ?? 2000;
  let pinned: { at: number; value: Promise<PinnedSurge[]> } | undefined;
  let load: { at: number; value: Promise<{ waiting: number; answeredRecently: number }> } | undefined;

  const pinnedSurges = (now: Date): Promise<PinnedSurge[]> => {
    if (!pinned || Date.now() - pinned.at > refreshMs) {
      const value = deps.repository.pinned(now).then((rows) => rows.map((r) => ({ id: r.id, reps: r.signatures.map(fromArray), answer: r.pinned_answer! })));
      value.catch(() => (pinned = undefined));
      pinned = { at: Date.now(), value };
    }
    return pinned.value;
  };
  const queueLoad = (now: Date) => {
    if (!load || Date.now() - load.at > refreshMs) load = { at: Date.now(), value: deps.repository.queueLoad(now, PACE_WINDOW_MS) };
    return load.value;
  };

  const match: PinnedAnswers['match'] = async (text, now) => {
    // Expiry is checked against the caller's clock on every message, not only at refresh.
    const live = (await pinnedSurges(now)).filter((p) => new Date(p.answer.expiresAt) > now);
    if (live.length === 0) return undefined;
    const sig = signature(text, deps.stop());
    let best: { surgeId: string; answer: PinnedAnswerJson; similarity: number } | undefined;
    for (const p of live) {
      const s = bestSimilarity(sig, p.reps);
      if (s >= deps.config.matchThreshold && (!best || s > best.similarity)) best = { surgeId: p.id, answer: p.answer, similarity: s };
    }
    return best;
  };

  return {
    match,
    invalidate() {
      pinned = undefined;
      load = undefined;
    },
    async afterTriage(input: AfterTriageInput): Promise<Decision> {
      const { decision } = input;
      if (decision.action === 'urgent' || decision.action === 'moderate') return decision;
      // A public post with personal data keeps its "delete it and DM us" reply.
      if (input.isPublic && decision.pii.length > 0) return decision;
      const lang = replyLanguage(decision.language, input.language);
      const hit = await match(input.text, input.now);
      if (hit) {
        return { ...decision, action: 'auto_answer', reason: 'surge_pinned', reply: { text: hit.answer.text[lang], links: hit.answer.links } };
      }
      if (decision.action !== 'handoff' || deps.config.loadQueueDepth <= 0) return decision;
      const { waiting, answeredRecently } = await queueLoad(input.now);
      if (waiting < deps.config.loadQueueDepth) return decision;
      const perMinute = answeredRecently / (PACE_WINDOW_MS / 60_000);
      const minutes = perMinute > 0 ? Math.max(1, Math.ceil(waiting / perMinute)) : null;
      const reply = decision.reply ?? { text: '', links: [] };
      return { ...decision, reply: { ...reply, text: `${reply.text} ${waitNotice(lang, waiting, minutes)}`.trim() } };
    },
  };
}
