// For the check-in tests: a real database file in a data folder, an admin, a crew member and a pilot signed in
// with real sessions, the check-in channels behind the real dispatcher (input checks, roles, sessions apply),
// and finger signatures drawn as real PNG files.
import { deflateSync, crc32 } from 'node:zlib';
import { pino } from 'pino';
import { openTempDatabase, type TempDatabase } from '../../../db/test-support';
import type { Result } from '../../shared/errors';
import { addTestPerson, FAST_PIN_PARAMS, testClock, type TestClock } from '../auth/test-support';
import { createAuthService } from '../auth/service';
import { createDataAccess, type DataAccess } from '../data-access';
import { createDispatcher, type Dispatch } from '../ipc/dispatch';
import { handlersWith, valueOf } from '../ipc/test-support';
import { checkinHandlers } from './handlers';
import { createCheckinService, type CheckinService } from './service';

export const NOW = '2026-12-05T09:10:00.000Z';

export interface CheckinBench {
  t: TempDatabase;
  dataDir: string;
  data: DataAccess;
  clock: TestClock;
  service: CheckinService;
  /** Session tokens of people signed in for real. */
  sessions: { admin: string; crew: string; pilot: string };
  ids: { admin: string; crew: string; pilot: string };
  call<T>(channel: string, input: unknown, session?: string): Promise<Result<T>>;
  value<T>(channel: string, input: unknown, session?: string): Promise<T>;
  /** Locks a new screen as the admin (whose session then ends) and returns its device token. */
  lockScreen(): Promise<string>;
  dispose(): Promise<void>;
}

export const codeOf = (result: Result<unknown>) => (result.ok ? 'ok' : result.error.code);

export async function openCheckinBench(): Promise<CheckinBench> {
  const t = await openTempDatabase();
  const clock = testClock(NOW);
  const people = [
    ['admin', 'Maria Lopez', '482100'],
    ['crew', 'Tom Reed', '135700'],
    ['pilot', 'Capt. Jo Whitaker', '246800'],
  ] as const;
  const auth = createAuthService(t.db, { now: clock.now, pinParams: FAST_PIN_PARAMS });
  const ids = { admin: '', crew: '', pilot: '' };
  for (const [role, name, pin] of people) ids[role] = await addTestPerson(t.db, clock, { name, role, pin });
  const signIn = async (role: keyof typeof ids) =>
    (await auth.signIn({ userId: ids[role], pin: people.find(([r]) => r === role)?.[2] ?? '' }, null)).token;
  const data = createDataAccess({ handle: t }, { now: clock.now, utcOffsetMinutes: () => 0 });
  const service = createCheckinService({ data, dataDir: t.dir, logger: pino({ level: 'silent' }) });
  const dispatch: Dispatch = createDispatcher({
    handlers: handlersWith(checkinHandlers(service)),
    logger: pino({ level: 'silent' }),
    resolveUser: (token) => auth.resolveUser(token),
  });
  const call = async <T>(channel: string, input: unknown, session?: string) =>
    (await dispatch({ channel, input, session, transport: 'websocket' })) as Result<T>;
  const sessions = { admin: await signIn('admin'), crew: await signIn('crew'), pilot: await signIn('pilot') };
  return {
    t,
    dataDir: t.dir,
    data,
    clock,
    service,
    sessions,
    ids,
    call,
    value: async <T>(channel: string, input: unknown, session?: string) =>
      valueOf(await call<T>(channel, input, session)),
    async lockScreen() {
      const session = await signIn('admin');
      return valueOf(await call<{ deviceToken: string }>('checkin.lockScreen', {}, session)).deviceToken;
    },
    dispose: () => t.dispose(),
  };
}

/**
 * A PNG as a canvas exports it (RGBA, 8 bits, no interlace), transparent, with a dark scribble across the
 * middle unless `blank`. `filter` picks the PNG row filter so the decoder's unfiltering is exercised.
 */
export function signaturePng({
  width = 480,
  height = 160,
  blank = false,
  filter = 1,
}: { width?: number; height?: number; blank?: boolean; filter?: 0 | 1 | 2 | 3 | 4 } = {}): Uint8Array {
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  const pixels: Buffer[] = [];
  for (let y = 0; y < height; y += 1) {
    const row = Buffer.alloc(stride);
    if (!blank) {
      for (let x = 20; x < width - 20; x += 1) {
        const wave = Math.round(height / 2 + (height / 4) * Math.sin(x / 15));
        if (Math.abs(y - wave) <= 2) row.writeUInt32BE(0x1a1a1aff, x * 4);
      }
    }
    pixels.push(row);
  }
  pixels.forEach((row, y) => {
    const previous = pixels[y - 1] ?? Buffer.alloc(stride);
    raw[y * (stride + 1)] = filter;
    for (let x = 0; x < stride; x += 1) {
      const left = x >= 4 ? (row[x - 4] ?? 0) : 0;
      const up = previous[x] ?? 0;
      const upLeft = x >= 4 ? (previous[x - 4] ?? 0) : 0;
      const value = row[x] ?? 0;
      const predicted =
        filter === 0
          ? 0
          : filter === 1
            ? left
            : filter === 2
              ? up
              : filter === 3
                ? (left + up) >> 1
                : paeth(left, up, upLeft);
      raw[y * (stride + 1) + 1 + x] = (value - predicted) & 0xff;
    }
  });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

/**
 * A full passenger check-in as the tablet sends it: two passengers, each signed (row filters 1 and `filter`),
 * every intake question answered; `overrides` change or add fields.
 */
export const checkinForm = (
  deviceToken: string,
  waiverVersionId: string,
  overrides: Record<string, unknown> = {},
  filter: 0 | 1 | 2 | 3 | 4 = 4,
) => ({
  deviceToken,
  passengers: [
    { name: 'Ana Silva', signature: signaturePng() },
    { name: 'Ben Silva', signature: signaturePng({ filter }) },
  ],
  customerEmail: 'ana@example.com',
  customerPhone: '+351 912 345 678',
  origin: 'Lisbon',
  referralSource: 'Hotel reception',
  tripPurpose: 'birthday',
  language: 'English',
  contactConsent: true,
  waiverVersionId,
  waiverAgreed: true,
  ...overrides,
});
