// Delivery without taps: the receipt's QR shown by itself (one link per sale, reused while it works), the same QR
// on the customer-facing screen, and the drive watcher whose news makes an open receipt copy onto a new drive.
import type { Logger } from 'pino';
import type { CreatedDownloadLink, CustomerScreenCleared } from '../../shared/delivery';
import type { Viewer } from '../access/rules';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import { readKioskSettings } from '../settings/service';
import { DRIVE_POLL_MS, watchDrives, type DriveWatcher } from './drive-watcher';
import { linkState, linkView } from './links';
import { refuseUnlessCompleted, visibleSale } from './sale';
import { createShownLinks, firstNameOf, REUSE_MARGIN_MS } from './shown-links';
import type { TargetRoot } from './targets';

/** How long the customer screen shows a QR before going back to its welcome picture. */
export const CUSTOMER_SCREEN_MS = 3 * 60_000;

export interface HandsFreeOptions {
  data: DataAccess;
  logger: Logger;
  events: EventHub;
  targetRoots(): Promise<TargetRoot[]>;
  /** Makes a new link (service.createLink), which calls `remember` with it. */
  createLink(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink>;
  /** How often the drives are looked at; 0 looks only when asked (tests). */
  driveWatchMs?: number;
  freeBytes?(dir: string): Promise<number | null>;
}

export interface HandsFree {
  showLink(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink>;
  clearCustomerScreen(): CustomerScreenCleared;
  /** Every link made is the one the sale's receipt shows from then on. */
  remember(link: CreatedDownloadLink): void;
  forgetLink(linkId: string, saleId: string): void;
  drives: DriveWatcher;
  close(): void;
}

export function createHandsFree(options: HandsFreeOptions): HandsFree {
  const { data, events, logger } = options;
  const shown = createShownLinks();
  /** Sale id → the showLink under way: two calls at once (a screen mounting twice) make one link. */
  const making = new Map<string, Promise<CreatedDownloadLink>>();

  async function linkToShow(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink> {
    const kept = shown.get(saleId);
    if (kept) {
      const row = await data
        .db()
        .selectFrom('sale_downloads')
        .selectAll()
        .where('id', '=', kept.id)
        .executeTakeFirst();
      const now = data.now();
      if (
        row &&
        linkState(row, now) === 'active' &&
        Date.parse(row.expires_at) - now.getTime() > REUSE_MARGIN_MS
      ) {
        return { ...kept, ...linkView(row) };
      }
    }
    return options.createLink(saleId, viewer);
  }

  const drives = watchDrives({
    roots: options.targetRoots,
    intervalMs: options.driveWatchMs ?? DRIVE_POLL_MS,
    freeBytes: options.freeBytes,
    onChange: (change) => {
      logger.info({ drives: change.drives.length, added: change.added.length }, 'USB drives changed');
      events.emit('delivery.drivesChanged', change);
    },
    onError: (error) => logger.warn({ err: error }, 'looking for USB drives failed'),
  });

  return {
    async showLink(saleId, viewer) {
      const db = data.db();
      // Checked on every call, before anything kept is handed out.
      const sale = await visibleSale(db, saleId, viewer);
      refuseUnlessCompleted(sale);
      let pending = making.get(saleId);
      if (!pending) {
        pending = linkToShow(saleId, viewer).finally(() => making.delete(saleId));
        making.set(saleId, pending);
      }
      const link = await pending;
      const { operatorName } = await readKioskSettings(db);
      events.emit('delivery.customerScreen', {
        saleId,
        firstName: firstNameOf(sale.passengerNames),
        operatorName,
        url: link.url,
        qr: link.qr,
        showUntil: new Date(data.now().getTime() + CUSTOMER_SCREEN_MS).toISOString(),
      });
      return link;
    },

    clearCustomerScreen() {
      const cleared = { saleId: null };
      events.emit('delivery.customerScreenCleared', cleared);
      return cleared;
    },

    remember: (link) => shown.remember(link),

    forgetLink(linkId, saleId) {
      shown.forgetLink(linkId);
      events.emit('delivery.customerScreenCleared', { saleId });
    },

    drives,
    close: () => drives.close(),
  };
}
