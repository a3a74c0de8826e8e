import { checkAction, type AgentAction, type TicketOwnership } from '../../handoff/ticket-rules';

const me = { id: 'me', roles: ['agent'] };
const admin = { id: 'boss', roles: ['admin'] };
const waiting: TicketOwnership = { status: 'waiting', assignee: null };
const mine: TicketOwnership = { status: 'assigned', assignee: 'me' };
const theirs: TicketOwnership = { status: 'assigned', assignee: 'other' };
const resolved: TicketOwnership = { status: 'resolved', assignee: 'me' };
const returned: TicketOwnership = { status: 'returned_to_bot', assignee: null };

describe('checkAction', () => {
  it.each<[AgentAction, TicketOwnership, typeof me, true | 'conflict' | 'forbidden']>([
    ['claim', waiting, me, true],
    ['claim', mine, me, true],
    ['claim', theirs, me, 'conflict'],
    ['claim', theirs, admin, 'conflict'],
    ['claim', resolved, me, 'conflict'],
    ['reply', waiting, me, true],
    ['reply', mine, me, true],
    ['reply', theirs, me, 'forbidden'],
    ['reply', theirs, admin, true],
    ['reply', resolved, me, 'conflict'],
    ['resolve', theirs, me, 'forbidden'],
    ['resolve', mine, me, true],
    ['return_to_bot', waiting, me, true],
    ['return_to_bot', returned, me, 'conflict'],
    ['transfer', theirs, me, 'forbidden'],
    ['transfer', mine, me, true],
    ['note', theirs, me, true],
    ['note', resolved, me, true],
    ['relabel', returned, me, true],
  ])('%s on %o by %o → %s', (action, ticket, actor, expected) => {
    const result = checkAction(action, ticket, actor);
    if (expected === true) expect(result).toEqual({ ok: true });
    else expect(result).toMatchObject({ ok: false, code: expected });
  });
});
