// Console roles. A user may hold several; `admin` may do everything the others may.
// `supervisor` pins answers to surges and broadcasts them (surge/routes.ts).
export const ROLES = ['agent', 'trainer', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

export function hasAnyRole(held: readonly string[], allowed: readonly Role[]): boolean {
  return held.includes('admin') || allowed.some((role) => held.includes(role));
}
