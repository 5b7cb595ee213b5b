// One way for stores to call main: no bridge → a plain error; an expired session → back to sign-in.
import type { MagnumApi } from '../../shared/contract';
import type { AppError, Result } from '../../shared/errors';
import { getMagnum } from './magnum';
import { noticeSessionError } from '../auth/session';

export const NO_BRIDGE: AppError = {
  code: 'UNAVAILABLE',
  message:
    'This screen is not connected to the kiosk service. Start MagnumStream with "npm start" or "npm run kiosk".',
};

export async function callMagnum<T>(run: (magnum: MagnumApi) => Promise<Result<T>>): Promise<Result<T>> {
  const magnum = getMagnum();
  if (!magnum) return { ok: false, error: NO_BRIDGE };
  const result = await run(magnum);
  if (!result.ok) noticeSessionError(result.error);
  return result;
}
