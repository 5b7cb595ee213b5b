// The `auth`, `users` and `settings` areas: who is at the kiosk, sign-in by name and PIN, staff as data.
import { z } from 'zod';
import { channel, type UserRole } from './define';

const SIGNED_IN: readonly UserRole[] = ['admin', 'crew', 'pilot'];
const ADMIN: readonly UserRole[] = ['admin'];

export const pinSchema = z.string().regex(/^\d{4,8}$/, 'A PIN is 4 to 8 digits.');
export const personName = z
  .string()
  .trim()
  .min(1, 'Enter a name.')
  .max(80, 'A name is at most 80 characters.');
export const roleSchema = z.enum(['admin', 'crew', 'pilot']);
export const idSchema = z.uuid('That is not a valid id.');

/** A name on the sign-in screen: enough to tap, nothing more. */
export interface PersonTile {
  id: string;
  name: string;
  role: UserRole;
}

export interface SignedInUser {
  id: string;
  name: string;
  role: UserRole;
}

export interface AuthStatus {
  /** True while no active admin exists: the kiosk shows the first-start setup screen. */
  needsSetup: boolean;
  /** Active people with a PIN, in name order. */
  people: PersonTile[];
  idleLockMinutes: number;
}

export interface SessionInfo {
  /** Sent with every later call by the transport; never shown. */
  token: string;
  user: SignedInUser;
  expiresAt: string;
  idleLockMinutes: number;
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

export interface KioskSettings {
  /** How long a sign-in lasts. */
  sessionHours: number;
  /** Minutes without a touch before the screen locks (work is kept). */
  idleLockMinutes: number;
  /** A scene's stop button is refused before this many seconds. */
  minSceneSeconds: number;
  /** Recording is refused with less free disk than this (and stopped well before the disk fills). */
  minFreeDiskGb: number;
  /** Export jobs ffmpeg runs at the same time (each uses every core it can get). */
  exportConcurrency: number;
  /** Still photos a photo export takes from a flight. */
  photoCount: number;
  /** How long a sale's download link (its QR code) works. */
  downloadLinkHours: number;
  /** The operator's name, on the title card under the passengers' names; empty for none. */
  operatorName: string;
}

const example = { name: 'Maria Lopez', pin: '4821' };
const someId = '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f';

export const peopleChannels = {
  'auth.status': channel<AuthStatus>()({
    summary: 'What the sign-in screen shows: names to tap, or that the first admin must be created.',
    input: z.strictObject({}),
    access: 'public',
    example: {},
  }),
  'auth.setup': channel<SessionInfo>()({
    summary: 'First start only: creates the first admin and signs them in. Refused once an admin exists.',
    input: z.strictObject({ name: personName, pin: pinSchema }),
    access: 'public',
    example,
  }),
  'auth.signIn': channel<SessionInfo>()({
    summary: 'Signs a person in with their PIN. Five wrong PINs lock them out for a growing time.',
    input: z.strictObject({ userId: idSchema, pin: pinSchema }),
    access: 'public',
    example: { userId: someId, pin: '4821' },
  }),
  'auth.signOut': channel<{ signedOut: true }>()({
    summary: 'Ends this screen’s session.',
    input: z.strictObject({}),
    access: SIGNED_IN,
    example: {},
  }),
  'auth.session': channel<Omit<SessionInfo, 'token'>>()({
    summary: 'Who is signed in on this screen, and until when.',
    input: z.strictObject({}),
    access: SIGNED_IN,
    example: {},
  }),
  'users.list': channel<UserSummary[]>()({
    summary: 'Staff and pilots. Admins see everyone; anyone else sees only themselves.',
    input: z.strictObject({}),
    access: SIGNED_IN,
    example: {},
  }),
  'users.create': channel<UserSummary>()({
    summary: 'Adds a staff member or pilot with their first PIN.',
    input: z.strictObject({ name: personName, role: roleSchema, pin: pinSchema }),
    access: ADMIN,
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
    access: ADMIN,
    example: { id: someId, active: false },
  }),
  'users.resetPin': channel<UserSummary>()({
    summary: 'Sets a new PIN for a person and lifts any lockout.',
    input: z.strictObject({ id: idSchema, pin: pinSchema }),
    access: ADMIN,
    example: { id: someId, pin: '2468' },
  }),
  'settings.get': channel<KioskSettings>()({
    summary:
      'Session length, idle lock, minimum scene length, the free disk recording needs, exports at once, photos per flight, how long download links work and the operator name.',
    input: z.strictObject({}),
    access: ADMIN,
    example: {},
  }),
  'settings.update': channel<KioskSettings>()({
    summary: 'Changes kiosk settings.',
    input: z
      .strictObject({
        sessionHours: z.number().int().min(1).max(72).optional(),
        idleLockMinutes: z.number().int().min(1).max(120).optional(),
        minSceneSeconds: z.number().int().min(1).max(600).optional(),
        minFreeDiskGb: z.number().int().min(1).max(500).optional(),
        exportConcurrency: z.number().int().min(1).max(4).optional(),
        photoCount: z.number().int().min(1).max(30).optional(),
        downloadLinkHours: z.number().int().min(1).max(168).optional(),
        operatorName: z
          .string()
          .max(60, 'The operator name can be at most 60 characters.')
          .regex(/^[^\p{Cc}]*$/u, 'The operator name cannot hold control characters.')
          .optional(),
      })
      .refine((change) => Object.values(change).some((value) => value !== undefined), {
        message:
          'Say what to change: sessionHours, idleLockMinutes, minSceneSeconds, minFreeDiskGb, exportConcurrency, photoCount, downloadLinkHours or operatorName.',
      }),
    access: ADMIN,
    example: { idleLockMinutes: 15 },
  }),
};
