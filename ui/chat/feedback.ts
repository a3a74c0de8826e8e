// The web chat's feedback: "도움이 됐나요? / Was this helpful?" under each bot answer (a 👎 offers
// an agent), and the one-tap CSAT (1–5, then an optional comment) once an agent resolved the
// ticket. Texts carry data-i18n keys, so the language toggle re-translates them in place.
import { el } from '../shared/dom';
import type { ChatKey } from './text';

export interface ChatFeedbackDeps {
  readonly log: HTMLElement;
  readonly t: (key: ChatKey) => string;
  /** The thread and its token, once the server named them. */
  readonly thread: () => { readonly conversationId: string; readonly headers: Record<string, string> } | null;
  /** Sends a citizen message (the "talk to an agent" button). */
  readonly send: (text: string) => void;
  readonly failed: () => void;
}

export interface ChatFeedback {
  /** Adds the helpful prompt for the bot's answer to citizen message `messageId`. */
  askHelpful(messageId: string): void;
  /** Shows the rating form when the thread has a CSAT request pending (after a resolve). */
  checkRating(): Promise<void>;
}

const RATING_SCORES = [1, 2, 3, 4, 5] as const;

export function createChatFeedback(deps: ChatFeedbackDeps): ChatFeedback {
  const { log, t } = deps;
  const shownRatings = new Set<string>();
  const text = (key: ChatKey, tag: 'span' | 'p' | 'strong' = 'span') => el(tag, { 'data-i18n': key }, t(key));
  const button = (key: ChatKey, attrs: Record<string, string> = {}) => el('button', { type: 'button', 'data-i18n': key, ...attrs }, t(key));

  async function post(path: string, body: unknown): Promise<Response> {
    const thread = deps.thread();
    if (!thread) throw new Error('no conversation yet');
    const response = await fetch(`/api/v1/conversations/${encodeURIComponent(thread.conversationId)}${path}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...thread.headers },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`feedback ${response.status}`);
    return response;
  }

  function askHelpful(messageId: string): void {
    const yes = button('helpfulYes');
    const no = button('helpfulNo');
    const item = el('li', { className: 'feedback helpful', 'data-answer-to': messageId }, text('helpfulQuestion'), yes, no);
    const answer = async (helpful: boolean) => {
      yes.disabled = no.disabled = true;
      try {
        const response = await post(`/answers/${encodeURIComponent(messageId)}/feedback`, { helpful });
        const { offerAgent } = (await response.json()) as { offerAgent: boolean };
        item.replaceChildren(text('helpfulThanks'));
        if (offerAgent) {
          const agent = button('agentButton');
          agent.addEventListener('click', () => {
            agent.disabled = true;
            deps.send(t('agentRequest'));
          });
          item.append(' ', text('offerAgent'), ' ', agent);
        }
      } catch {
        yes.disabled = no.disabled = false;
        deps.failed();
      }
    };
    yes.addEventListener('click', () => void answer(true));
    no.addEventListener('click', () => void answer(false));
    log.append(item);
  }

  function ratingForm(ticketId: string): HTMLElement {
    const scores = RATING_SCORES.map((score) =>
      el('button', { type: 'button', className: 'score', 'data-score': score, 'aria-label': `${score} / 5` }, `★ ${score}`),
    );
    const item = el(
      'li',
      { className: 'feedback rating', 'data-ticket-id': ticketId },
      text('ratingQuestion', 'strong'),
      el('span', { className: 'score-scale' }, text('ratingLow'), ...scores, text('ratingHigh')),
    );
    for (const [i, node] of scores.entries()) {
      node.addEventListener('click', () => void rate(RATING_SCORES[i]!));
    }
    async function rate(score: number): Promise<void> {
      for (const node of scores) node.disabled = true;
      try {
        await post('/ratings', { ticketId, score });
      } catch {
        for (const node of scores) node.disabled = false;
        deps.failed();
        return;
      }
      // Rated in one tap; the comment is optional.
      const comment = el('textarea', { id: `rating-comment-${ticketId}`, rows: 2, maxlength: 1000 });
      const submit = button('sendComment');
      const form = el(
        'form',
        { className: 'rating-comment' },
        el('label', { for: comment.id, 'data-i18n': 'commentLabel' }, t('commentLabel')),
        comment,
        submit,
      );
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const words = comment.value.trim();
        if (!words) return;
        submit.disabled = true;
        post('/ratings', { ticketId, score, comment: words })
          .then(() => form.replaceWith(text('commentThanks', 'p')))
          .catch(() => {
            submit.disabled = false;
            deps.failed();
          });
      });
      submit.type = 'submit';
      item.replaceChildren(text('ratingThanks', 'strong'), form);
    }
    return item;
  }

  async function checkRating(): Promise<void> {
    const thread = deps.thread();
    if (!thread) return;
    const response = await fetch(`/api/v1/conversations/${encodeURIComponent(thread.conversationId)}/feedback`, { headers: thread.headers });
    if (!response.ok) return;
    const { rating } = (await response.json()) as { rating: { ticketId: string } | null };
    if (!rating || shownRatings.has(rating.ticketId)) return;
    shownRatings.add(rating.ticketId);
    const form = ratingForm(rating.ticketId);
    log.append(form);
    form.scrollIntoView({ block: 'end' });
  }

  return { askHelpful, checkRating };
}
