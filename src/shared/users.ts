// The `users` area: staff and pilots as data an admin edits, and the roster the check-in form picks from.
import { z } from 'zod';
import { ADMIN_ONLY, EXAMPLE_ID, GROUND_CREW, SIGNED_IN, channel, idSchema, type UserRole } from './define';

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
export const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'A name is at most 80 characters.');
export const roleSchema = z.enum(['admin', 'crew', 'pilot']);

/** A name on the sign-in screen: enough to tap, nothing more. */
export interface PersonTile {
  id: string;
  name: string;
  role: UserRole;
}

export interface UserSummary {
  id: string;
  name: string;
  role: UserRole;
  active: boolean;
  hasPin: boolean;
  /** Set while wrong PINs have locked the user out. */
  lockedUntil: string | null;
  createdAt: string;
}

export interface Roster {
  pilots: PersonTile[];
  /** Crew and admins: who can look after a flight. */
  staff: PersonTile[];
}

export const usersChannels = {
  'users.list': channel<UserSummary[]>()({
    summary: 'Staff and pilots. Admins see everyone; anyone else sees only themselves.',
    input: z.strictObject({}),
    access: SIGNED_IN,
    example: {},
  }),
  'users.create': channel<UserSummary>()({
    summary: 'Adds a staff member or pilot with their first PIN.',
    input: z.strictObject({ name: personName, role: roleSchema, pin: pinSchema }),
    access: ADMIN_ONLY,
    example: { name: 'Tom Reed', role: 'crew', pin: '1357' },
  }),
  'users.update': channel<UserSummary>()({
    summary:
      'Renames, changes the role of, deactivates or reactivates a person. The last active admin stays.',
    input: z
      .strictObject({
        id: idSchema,
        name: personName.optional(),
        role: roleSchema.optional(),
        active: z.boolean().optional(),
      })
      .refine(
        (change) => change.name !== undefined || change.role !== undefined || change.active !== undefined,
        {
          message: 'Say what to change: name, role or active.',
        },
      ),
    access: ADMIN_ONLY,
    example: { id: EXAMPLE_ID, active: false },
  }),
  'users.resetPin': channel<UserSummary>()({
    summary: 'Sets a new PIN for a person and lifts any lockout.',
    input: z.strictObject({ id: idSchema, pin: pinSchema }),
    access: ADMIN_ONLY,
    example: { id: EXAMPLE_ID, pin: '2468' },
  }),
  'users.roster': channel<Roster>()({
    summary: 'Active pilots and ground staff, for the check-in form.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
};
