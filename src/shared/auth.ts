// The `auth` area: who is at the kiosk — sign-in by name and PIN, the first admin, the screen's session.
import { z } from 'zod';
import { SIGNED_IN, EXAMPLE_ID, channel, idSchema, type UserRole } from './define';
import { personName, pinSchema, type PersonTile } from './users';

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

const example = { name: 'Maria Lopez', pin: '4821' };

export const authChannels = {
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
    example: { userId: EXAMPLE_ID, pin: '4821' },
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
};
