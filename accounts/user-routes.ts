// Admin-only user management: POST /users, GET /users, POST /users/:id/disable.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import { requireAuthOf, type AuthGuard } from './guard';
import { hashPassword } from './password';
import { ROLES } from './roles';
import type { UserRecord, UserRepository } from './user-repository';
import { SotongError } from '../core/errors';

export interface UserRoutesDeps {
  readonly users: UserRepository;
  readonly guard: AuthGuard;
  readonly audit: AuditLog;
  /** Injected so tests can use a cheap hash; scrypt by default. */
  readonly hash?: (password: string) => Promise<string>;
}

/** Same rule as SOTONG_ADMIN_PASSWORD. */
export const MIN_PASSWORD_LENGTH = 12;

const newUserBody = z
  .object({
    email: z.email().max(254),
    password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024),
    // `role` (one) as in the issue, or `roles` (several).
    role: z.enum(ROLES).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    queues: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .strict()
  .refine((b) => (b.role === undefined) !== (b.roles === undefined), { message: 'give exactly one of role or roles' });

export function publicUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    queues: user.queues,
    disabled: user.disabledAt !== null,
    createdAt: user.createdAt.toISOString(),
  };
}

export function userRoutes(deps: UserRoutesDeps): Router {
  const router = Router();
  const admin = deps.guard.role('admin');

  router.post('/users', ...admin, async (req, res) => {
    const body = newUserBody.parse(req.body);
    const roles = body.roles ?? [body.role!];
    const created = await deps.users.create({
      email: body.email,
      passwordHash: await (deps.hash ?? hashPassword)(body.password),
      roles: [...new Set(roles)],
      displayName: body.displayName ?? body.email,
      queues: body.queues,
    });
    if (!created) throw new SotongError('SOTONG_ERR_CONFLICT', { params: { reason: 'a user with that email exists' } });
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.create', target: created.id, details: { roles } });
    res.status(201).json({ user: publicUser(created) });
  });

  router.get('/users', ...admin, async (_req, res) => {
    res.json({ users: (await deps.users.list()).map(publicUser) });
  });

  router.post('/users/:id/disable', ...admin, async (req, res) => {
    const id = String(req.params.id);
    if (!(await deps.users.disable(id))) throw new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: `user ${id}` } });
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.disable', target: id });
    res.json({ user: publicUser((await deps.users.findById(id))!) });
  });

  return router;
}
