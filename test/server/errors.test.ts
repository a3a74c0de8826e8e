import { ZodError, z } from 'zod';
import { errorBody, SotongError } from '../../core/errors';
import { toSotongError } from '../../server/middleware/error-handler';

test('errors extend Error, set name, carry cause and fill their templates', () => {
  const cause = new Error('db down');
  const error = new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: 'conversation 42' }, cause });
  expect(error).toBeInstanceOf(Error);
  expect(error.name).toBe('SotongError');
  expect(error.cause).toBe(cause);
  expect(error.status).toBe(404);
  expect(error.message).toBe('Not found: conversation 42');
  expect(errorBody(error, 'ko')).toEqual({ error: { code: 'SOTONG_ERR_NOT_FOUND', message: '찾을 수 없습니다: conversation 42' } });
});

test('unknown failures become INTERNAL without leaking their message', () => {
  const mapped = toSotongError(new Error('password=hunter2 at db.internal'), '64kb');
  expect(mapped.code).toBe('SOTONG_ERR_INTERNAL');
  expect(JSON.stringify(errorBody(mapped, 'en'))).not.toContain('hunter2');
});

test('zod failures become VALIDATION with per-field details', () => {
  const result = z.object({ a: z.string() }).safeParse({ a: 1 });
  const mapped = toSotongError(result.error as ZodError, '64kb');
  expect(mapped.code).toBe('SOTONG_ERR_VALIDATION');
  expect(mapped.details).toEqual([{ path: 'a', message: expect.any(String) }]);
});
