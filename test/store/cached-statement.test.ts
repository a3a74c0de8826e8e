// A hot-path statement is built once per shape and then only bound: the same answers as building
// it each time, a builder that misuses a slot is refused at once, and a row's keys are part of
// the statement it makes.
import { sql } from 'kysely';
import { cachedStatement } from '../../store/cached-statement';
import { newId } from '../../store/ids';
import { describeEachDatabase } from '../support/backends';

describeEachDatabase('cachedStatement', (current) => {
  test('builds once per shape and binds each call its own values', async () => {
    let builds = 0;
    const find = cachedStatement((db, p: { key: string; limit: number }, order: 'asc' | 'desc') => {
      builds++;
      return db.selectFrom('audit_log').select(['target', 'action']).where('target', 'like', p.key).orderBy('target', order).limit(p.limit);
    });
    const { db } = current();
    const stem = newId();
    for (const n of [1, 2, 3]) {
      await db
        .insertInto('audit_log')
        .values({ id: newId(), actor: 'system', action: 'test.cached', target: `${stem}-${n}`, details: JSON.stringify({}) })
        .execute();
    }
    expect(await find(db, { key: `${stem}-%`, limit: 2 }, 'asc')).toEqual([
      { target: `${stem}-1`, action: 'test.cached' },
      { target: `${stem}-2`, action: 'test.cached' },
    ]);
    expect(await find(db, { key: `${stem}-%`, limit: 1 }, 'asc')).toEqual([{ target: `${stem}-1`, action: 'test.cached' }]);
    expect(builds).toBe(1);
    expect(await find(db, { key: `${stem}-%`, limit: 1 }, 'desc')).toEqual([{ target: `${stem}-3`, action: 'test.cached' }]);
    expect(builds).toBe(2);
    expect(await find(db, { key: 'no-such-%', limit: 5 }, 'desc')).toEqual([]);
    expect(builds).toBe(2);
  });

  test('a row parameter binds each column, and other columns make another statement', async () => {
    let builds = 0;
    const insert = cachedStatement((db, p: { row: { id: string; actor: string; action: string; details: string; target?: string } }) => {
      builds++;
      return db.insertInto('audit_log').values(p.row).returning(['action', 'target']);
    });
    const { db } = current();
    const row = { id: newId(), actor: 'system', action: 'test.row', details: '{}' };
    expect(await insert(db, { row })).toEqual([{ action: 'test.row', target: null }]);
    expect(await insert(db, { row: { ...row, id: newId(), action: 'second' } })).toEqual([{ action: 'second', target: null }]);
    expect(builds).toBe(1);
    expect(await insert(db, { row: { ...row, id: newId(), target: 'third' } })).toEqual([{ action: 'test.row', target: 'third' }]);
    expect(builds).toBe(2);
  });

  test('a builder that puts a slot into text, or reads one it never binds, is refused', async () => {
    const { db } = current();
    const inText = cachedStatement((db, p: { minutes: number }) => db.selectNoFrom(sql<Date>`now() + ${sql.raw(`interval '${p.minutes} minutes'`)}`.as('at')));
    await expect(inText(db, { minutes: 5 })).rejects.toThrow(/slot "minutes" used as text/);
    const unbound = cachedStatement((db, p: { id: string; unused: string }) => {
      void p.unused;
      return db.selectFrom('audit_log').select('id').where('id', '=', p.id);
    });
    await expect(unbound(db, { id: 'x', unused: 'y' })).rejects.toThrow(/unused read by the builder but not bound/);
  });
});
