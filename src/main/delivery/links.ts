// Download links: an unguessable token in the URL, only its SHA-256 in the database, so a copy of the database
// (a backup, a support bundle) cannot be turned back into working links.
import { createHash, randomBytes } from 'node:crypto';
import type { SaleDownload } from '../../../db/schema';
import type { DownloadLinkView } from '../../shared/delivery';

/** 32 random bytes as base64url: always 43 characters of [A-Za-z0-9_-]. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export function newLinkToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function linkView(row: SaleDownload): DownloadLinkView {
  return {
    id: row.id,
    saleId: row.sale_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
    downloadCount: row.download_count,
    lastDownloadAt: row.last_download_at,
  };
}

export type LinkState = 'active' | 'revoked' | 'expired';

export function linkState(row: Pick<SaleDownload, 'revoked_at' | 'expires_at'>, now: Date): LinkState {
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at <= now.toISOString() ? 'expired' : 'active';
}
