// The access policy, generated from the contract: every channel × {no session, pilot, crew, admin}, against
// the real app in-process. A channel added to the contract is covered here without editing this file.
//
// Allowed callers must get past the access check (their call may still fail for its own reasons, e.g.
// NOT_FOUND for the example's made-up id); other roles get FORBIDDEN; no session gets UNAUTHENTICATED.
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMainApp, type MainApp } from '../src/main/app';
import { FAST_PIN_PARAMS } from '../src/main/auth/test-support';
import { channelNames, contract, type ChannelName, type UserRole } from '../src/shared/contract';
import type { Result } from '../src/shared/errors';
import type { SessionInfo } from '../src/shared/auth';
import type { UserSummary } from '../src/shared/users';
import { makeDataDir } from './support/kiosk-process';

type Caller = 'nobody' | UserRole;

const callers: Array<[Caller, string]> = [
  ['nobody', 'someone not signed in'],
  ['pilot', 'a pilot'],
  ['crew', 'a crew member'],
  ['admin', 'an admin'],
];

const PINS: Record<UserRole, string> = { admin: '482100', crew: '135700', pilot: '246800' };

let app: MainApp;
let dataDir: string;
const people = {} as Record<UserRole, string>;

async function call(channel: ChannelName, input: unknown, session?: string): Promise<Result<unknown>> {
  return app.dispatch({ channel, input, session, transport: 'websocket' });
}

function valueOf<T>(result: Result<unknown>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.value as T;
}

/** A fresh session per cell, so a cell that signs out cannot change the outcome of the next. */
async function sessionFor(caller: Caller): Promise<string | undefined> {
  if (caller === 'nobody') return undefined;
  const signedIn = await call('auth.signIn', { userId: people[caller], pin: PINS[caller] });
  return valueOf<SessionInfo>(signedIn).token;
}

beforeAll(async () => {
  dataDir = makeDataDir();
  app = await startMainApp({ dataDir, host: 'browser', data: { pinParams: FAST_PIN_PARAMS } });
  const admin = valueOf<SessionInfo>(await call('auth.setup', { name: 'Policy Admin', pin: PINS.admin }));
  people.admin = admin.user.id;
  for (const role of ['crew', 'pilot'] as const) {
    const created = await call(
      'users.create',
      { name: `Policy ${role}`, role, pin: PINS[role] },
      admin.token,
    );
    people[role] = valueOf<UserSummary>(created).id;
  }
});

afterAll(async () => {
  await app?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

function expectation(channel: ChannelName, caller: Caller): 'allowed' | 'FORBIDDEN' | 'UNAUTHENTICATED' {
  const { access } = contract[channel];
  if (access === 'public') return 'allowed';
  if (caller === 'nobody') return 'UNAUTHENTICATED';
  return (access as readonly UserRole[]).includes(caller) ? 'allowed' : 'FORBIDDEN';
}

describe.each(channelNames)('%s', (channel) => {
  it.each(
    callers.map(([caller, who]) => {
      const expected = expectation(channel, caller);
      const title = expected === 'allowed' ? `lets ${who} through` : `refuses ${who} with ${expected}`;
      return [title, caller, expected] as const;
    }),
  )('%s', async (_title, caller, expected) => {
    const result = await call(channel, contract[channel].example, await sessionFor(caller));
    const code = result.ok ? null : result.error.code;
    if (expected === 'allowed') {
      expect(['FORBIDDEN', 'UNAUTHENTICATED', 'INTERNAL']).not.toContain(code);
    } else {
      expect(code).toBe(expected);
    }
  });
});
