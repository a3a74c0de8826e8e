// The triage card carries Recognizers-Text entities (English dates, times, phones, URLs) found when
// the worker builds the card, not in triage().
import { randomUUID } from 'node:crypto';
import type { Decision } from '../../bot/types';
import { openTicket } from '../../handoff/open-ticket';
import { describeEachDatabaseKind } from '../support/backends';
import { STARTUP_TIMEOUT_MS } from '../support/composed-server';
import { inbound } from '../support/pipeline-fixtures';
import { composeHarness, type SystemHarness } from '../support/pipeline-harness';

const englishHandoff = (entities: Decision['entities'] = []): Decision => ({
  intent: 'chat.human',
  confidence: 0.93,
  topK: [{ intent: 'chat.human', confidence: 0.93 }],
  entities,
  pii: [],
  language: 'en',
  action: 'handoff',
  reason: 'requested_human',
  modelVersion: 'test-model-1',
});

describeEachDatabaseKind('triage card entities', (kind) => {
  let h: SystemHarness;
  beforeEach(async () => {
    h = await composeHarness({ kind, driver: 'in-process', workers: 'running' });
  }, STARTUP_TIMEOUT_MS);
  afterEach(() => h.close());

  test('an English handoff message gets its date on the card; its personal phone number is redacted first and never reaches it', async () => {
    const user = `u-${randomUUID()}`;
    const text = 'I need a person, please call me back at 415-555-0132 on January 9th';
    const stored = await h.pipeline.ingest(inbound(text, { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    const ticket = await openTicket(h.deps, { conversationId: stored.conversationId, messageId: stored.messageId, decision: englishHandoff() });
    const entities = ticket.card!.entities;
    expect(entities).toEqual([expect.objectContaining({ type: 'date', text: 'January 9th', value: expect.stringMatching(/^\d{4}-01-09$/) })]);
    expect(JSON.stringify(ticket.card)).not.toContain('555-0132');
    // Offsets are into the stored (redacted) text the card was read from.
    const redacted = 'I need a person, please call me back at [PHONE] on January 9th';
    for (const e of entities) expect(redacted.slice(e.start, e.end)).toBe(e.text);
  });

  test("a Korean message keeps the decision's own entities (the recognizers are English-only)", async () => {
    const user = `u-${randomUUID()}`;
    const stored = await h.pipeline.ingest(inbound('상담원 연결해 주세요 415-555-0132', { userId: user, threadKey: `web:${user}` }), { enqueue: false });
    const ticket = await openTicket(h.deps, {
      conversationId: stored.conversationId,
      messageId: stored.messageId,
      decision: { ...englishHandoff(), language: 'ko' },
    });
    expect(ticket.card!.entities).toEqual([]);
  });
});
