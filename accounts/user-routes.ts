// Admin-only staff administration: create, list, edit (name, roles, department queues),
// disable / enable, and reset a password to a temporary one the user must change. Every change
// is audited. The last active admin cannot be disabled or lose the admin role, so nobody locks
// the whole staff out from the page.
import { Router } from 'express';
import { z } from 'zod';
import type { AuditLog } from '../store/audit-repository';
import { requireAuthOf, type AuthGuard } from './guard';
import { generatePassword, hashPassword } from './password';
import { staffEmail } from './staff-email';
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

export const newUserBody = z
  .object({
    email: staffEmail,
    // Without one, a temporary password is generated, answered once, and must be changed.
    password: z
      .string()
      .min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`)
      .max(1024)
      .optional()
      .describe('Omitted: a temporary password is generated, answered once as temporaryPassword, and must be changed at the first sign-in.'),
    // `role` (one) as in the issue, or `roles` (several).
    role: z.enum(ROLES).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    displayName: z.string().trim().min(1).max(100).optional(),
    queues: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .strict()
  .refine((b) => (b.role === undefined) !== (b.roles === undefined), { message: 'give exactly one of role or roles' });

export const changesBody = z
  .object({
    displayName: z.string().trim().min(1).max(100).optional(),
    roles: z.array(z.enum(ROLES)).min(1).optional(),
    queues: z.array(z.string().trim().min(1).max(64)).max(50).optional(),
  })
  .strict();
export const resetBody = z
  .object({ password: z.string().min(MIN_PASSWORD_LENGTH, `must be at least ${MIN_PASSWORD_LENGTH} characters`).max(1024).optional() })
  .strict();

export function publicUser(user: UserRecord) {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    roles: user.roles,
    queues: user.queues,
    disabled: user.disabledAt !== null,
    mustChangePassword: user.mustChangePassword,
    createdAt: user.createdAt.toISOString(),
  };
}

export function userRoutes(deps: UserRoutesDeps): Router {
  const router = Router();
  const admin = deps.guard.role('admin');

  router.post('/users', ...admin, async (req, res) => {
    const body = newUserBody.parse(req.body);
    const roles = body.roles ?? [body.role!];
    const password = body.password ?? generatePassword();
    const created = await deps.users.create({
      email: body.email,
      passwordHash: await (deps.hash ?? hashPassword)(password),
      roles: [...new Set(roles)],
      displayName: body.displayName ?? body.email,
      queues: body.queues,
      mustChangePassword: body.password === undefined,
    });
    if (!created) throw new SotongError('SOTONG_ERR_CONFLICT', { params: { reason: 'a user with that email exists' } });
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.create', target: created.id, details: { roles } });
    res.status(201).json({ user: publicUser(created), ...(body.password === undefined ? { temporaryPassword: password } : {}) });
  });

  router.get('/users', ...admin, async (_req, res) => {
    res.json({ users: (await deps.users.list()).map(publicUser) });
  });

  const existing = async (id: string): Promise<UserRecord> => {
    const user = await deps.users.findById(id);
    if (!user) throw new SotongError('SOTONG_ERR_NOT_FOUND', { params: { what: `user ${id}` } });
    return user;
  };
  /** Refuses a change that would leave no active admin. */
  const keepAnAdmin = async (user: UserRecord) => {
    if (user.roles.includes('admin') && !user.disabledAt && (await deps.users.countActiveAdmins()) <= 1) {
      throw new SotongError('SOTONG_ERR_CONFLICT', { params: { reason: 'this is the last active admin' } });
    }
  };

  router.patch('/users/:id', ...admin, async (req, res) => {
    const changes = changesBody.parse(req.body);
    const user = await existing(String(req.params.id));
    if (changes.roles && !changes.roles.includes('admin')) await keepAnAdmin(user);
    const updated = (await deps.users.update(user.id, { ...changes, roles: changes.roles && [...new Set(changes.roles)] }))!;
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.update', target: user.id, details: changes });
    res.json({ user: publicUser(updated) });
  });

  router.post('/users/:id/disable', ...admin, async (req, res) => {
    const user = await existing(String(req.params.id));
    await keepAnAdmin(user);
    await deps.users.disable(user.id);
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.disable', target: user.id });
    res.json({ user: publicUser(await existing(user.id)) });
  });

  router.post('/users/:id/enable', ...admin, async (req, res) => {
    const user = await existing(String(req.params.id));
    await deps.users.enable(user.id);
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.enable', target: user.id });
    res.json({ user: publicUser(await existing(user.id)) });
  });

  // A temporary password (given, or generated and answered once) the user must change at sign-in.
  router.post('/users/:id/reset-password', ...admin, async (req, res) => {
    const { password } = resetBody.parse(req.body ?? {});
    const user = await existing(String(req.params.id));
    const temporary = password ?? generatePassword();
    await deps.users.setPassword(user.id, await (deps.hash ?? hashPassword)(temporary), { temporary: true });
    await deps.audit.record({ actor: requireAuthOf(res).user.id, action: 'user.reset_password', target: user.id });
    res.json({ user: publicUser(await existing(user.id)), temporaryPassword: temporary });
  });

  return router;
}
