// What counts as a staff email: something@somewhere, with no spaces. Deliberately looser than
// a public-mail check, because the default admin is `admin@localhost` and intranet addresses
// such as `agent2@localhost` or `kim@helpline` have no dot in the domain.
import { z } from 'zod';

const STAFF_EMAIL = /^[^\s@]{1,64}@[^\s@.]([^\s@]*[^\s@.])?$/;

export function isStaffEmail(value: string): boolean {
  return value.length <= 254 && STAFF_EMAIL.test(value);
}

export const staffEmail = z.string().trim().max(254).refine(isStaffEmail, { message: 'must be an email address like name@example.go.kr or name@localhost' });
