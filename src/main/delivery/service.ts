// Delivery of a sold flight's files with no internet: copies onto a drive (with progress), download links for
// phones on the kiosk's network (served by download-server.ts), and the e-mail outbox (outbox.ts). Every call
// checks first that the caller may see the sale (crew deliver only the sales they made).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import type { Logger } from 'pino';
import { writeAuditLog } from '../../../db/audit';
import type {
  CreatedDownloadLink,
  CustomerScreenCleared,
  DeliveryCopyResult,
  DeliveryTarget,
  DownloadLinkView,
  OutboxItemView,
} from '../../shared/delivery';
import { saleVisibleTo, type Viewer } from '../access/rules';
import type { DataAccess } from '../data-access';
import { AppFailure } from '../errors';
import type { EventHub } from '../ipc/events';
import { realPathInside } from '../security/paths';
import { readKioskSettings } from '../settings/service';
import { copyIntoFolder, CopyProblem, COPY_ROOT_FOLDER, COPY_TO_DRIVE_ACTION, type CopyHooks } from './copy';
import type { DownloadServer } from './download-server';
import { createHandsFree } from './handsfree';
import { linkState, linkView, newLinkToken, tokenHash } from './links';
import { deliveryFileNames, deliveryFolderName } from './names';
import { newMessageId } from './follow-up';
import { isReceipt, outboxItemView, receiptViews, type Outbox } from './outbox';
import type { EmailLink } from './outbox-messages';
import { qrMatrix } from './qr';
import {
  deliveryOf,
  readDeliverySale,
  refuseNothingToDeliver,
  refuseUnlessCompleted,
  visibleSale,
} from './sale';
import { findTarget, freeBytesOf, listTargets, type TargetRoot } from './targets';

export interface DeliveryServiceOptions {
  dataDir: string;
  data: DataAccess;
  logger: Logger;
  events: EventHub;
  /** The kiosk's deliveries folder and the removable drives, looked up again on every call (drives come and go). */
  targetRoots(): Promise<TargetRoot[]>;
  downloads: Pick<DownloadServer, 'base'>;
  outbox: Pick<Outbox, 'kick'>;
  freeBytes?(dir: string): Promise<number | null>;
  /** Tests only: fail a copy partway. */
  copyHooks?: CopyHooks;
  /** How often to look for USB drives being plugged in (default about once a second); 0: only when asked. */
  driveWatchMs?: number;
}

export interface DeliveryService {
  targets(): Promise<DeliveryTarget[]>;
  copy(input: { saleId: string; targetId: string }, viewer: Viewer): Promise<DeliveryCopyResult>;
  createLink(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink>;
  /** The link the receipt shows by itself: the one shown before while it works, else a new one. */
  showLink(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink>;
  clearCustomerScreen(): CustomerScreenCleared;
  /** Looks for drives plugged in or taken out now, as the watcher does about once a second. */
  lookForDrives(): Promise<void>;
  /**
   * A link for the receipt e-mail, made by the outbox (no one signed in): null when the kiosk has no network
   * address phones can reach, or the sale is not one to hand out.
   */
  emailLink(saleId: string): Promise<EmailLink | null>;
  links(saleId: string, viewer: Viewer): Promise<DownloadLinkView[]>;
  revokeLink(linkId: string, viewer: Viewer): Promise<DownloadLinkView>;
  queueEmail(input: { saleId: string; email?: string }, viewer: Viewer): Promise<OutboxItemView>;
  outbox(input: { saleId?: string }, viewer: Viewer): Promise<OutboxItemView[]>;
  cancelEmail(id: string, viewer: Viewer): Promise<OutboxItemView>;
  /** Stops copies in progress (they clean up after themselves) and waits for them. */
  close(): Promise<void>;
}

const PROGRESS_EVERY_MS = 200;
const RECENT_OUTBOX = 50;

export function createDeliveryService(options: DeliveryServiceOptions): DeliveryService {
  const { data, logger, events } = options;
  const root = path.resolve(options.dataDir);
  /**
   * A stored path is ours, but a hand-edited row or a symlink must still not make the kiosk copy a file from
   * elsewhere. A missing file passes here: the copy then says which one could not be read.
   */
  const insideDataDir = async (relative: string): Promise<string> => {
    const real = await realPathInside(root, relative);
    if (!real) {
      throw new AppFailure(
        'CONFLICT',
        'A file of this sale is not where the kiosk keeps its files. Tell a manager.',
      );
    }
    return real.path;
  };
  const freeBytes = options.freeBytes ?? freeBytesOf;
  /** Target id → the copy running onto it: two copies onto one USB stick at once only slow each other. */
  const copying = new Map<string, Promise<unknown>>();
  const stop = new AbortController();

  async function visibleLink(linkId: string, viewer: Viewer) {
    const db = data.db();
    const link = await db
      .selectFrom('sale_downloads')
      .selectAll()
      .where('id', '=', linkId)
      .executeTakeFirst();
    if (!link)
      throw new AppFailure('NOT_FOUND', 'That download link was not found. It may have been removed.');
    await visibleSale(db, link.sale_id, viewer);
    return link;
  }

  async function runCopy(
    input: { saleId: string; targetId: string },
    viewer: Viewer,
    target: TargetRoot,
  ): Promise<DeliveryCopyResult> {
    const db = data.db();
    const sale = await visibleSale(db, input.saleId, viewer);
    refuseUnlessCompleted(sale);
    const { files, missing } = await deliveryOf(db, sale);
    refuseNothingToDeliver(files, missing);
    const names = deliveryFileNames(files, sale.passengerNames);
    const folderName = deliveryFolderName(sale.passengerNames, sale.recordingId);

    let lastEmit = 0;
    let lastStep = '';
    try {
      const done = await copyIntoFolder({
        files: await Promise.all(
          files.map(async (file, i) => ({ source: await insideDataDir(file.path), name: names[i]! })),
        ),
        targetDir: target.dir,
        folderName,
        freeBytes,
        signal: stop.signal,
        hooks: options.copyHooks,
        onProgress: (progress) => {
          const now = Date.now();
          const step = `${progress.stage}:${progress.fileName}`;
          if (now - lastEmit < PROGRESS_EVERY_MS && step === lastStep) return;
          lastEmit = now;
          lastStep = step;
          events.emit('delivery.progress', { saleId: sale.id, ...progress, done: false });
        },
      });
      events.emit('delivery.progress', {
        saleId: sale.id,
        stage: 'check',
        copiedBytes: done.bytes,
        totalBytes: done.bytes,
        fileName: names.at(-1) ?? '',
        done: true,
      });
      logger.info(
        { saleId: sale.id, target: target.kind, files: done.files, bytes: done.bytes, by: viewer.id },
        'sale copied to a drive',
      );
      // The customer has the files now; a failed entry must not turn the copy into a failure on screen.
      await writeAuditLog(db, {
        userId: viewer.id,
        action: COPY_TO_DRIVE_ACTION,
        entityType: 'sale',
        entityId: sale.id,
        after: { files: done.files, bytes: done.bytes, target: target.kind },
      }).catch((error: unknown) => logger.warn({ err: error, saleId: sale.id }, 'copy not audited'));
      return {
        folder: `${target.label} › ${COPY_ROOT_FOLDER} › ${folderName}`,
        files: done.files,
        bytes: done.bytes,
        missing,
      };
    } catch (error) {
      if (error instanceof CopyProblem) {
        logger.warn(
          { err: error.cause ?? error, saleId: sale.id, reason: error.reason },
          'copy to a drive failed',
        );
        throw new AppFailure(error.reason === 'stopped' ? 'UNAVAILABLE' : 'CONFLICT', error.message);
      }
      throw error;
    }
  }

  async function createLink(saleId: string, viewer: Viewer): Promise<CreatedDownloadLink> {
    const db = data.db();
    const sale = await visibleSale(db, saleId, viewer);
    refuseUnlessCompleted(sale);
    const { files, missing } = await deliveryOf(db, sale);
    refuseNothingToDeliver(files, missing);
    const base = options.downloads.base();
    if (!base.ok) throw new AppFailure('UNAVAILABLE', base.problem);
    const { downloadLinkHours } = await readKioskSettings(db);
    const now = data.now();
    const token = newLinkToken();
    const row = await db
      .insertInto('sale_downloads')
      .values({
        id: randomUUID(),
        sale_id: sale.id,
        token_hash: tokenHash(token),
        created_by: viewer.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + downloadLinkHours * 3_600_000).toISOString(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const url = `${base.url}/d/${token}`;
    logger.info({ saleId: sale.id, linkId: row.id, by: viewer.id }, 'download link made');
    const link = { ...linkView(row), url, qr: qrMatrix(url), fileCount: files.length };
    handsFree.remember(link);
    return link;
  }

  const handsFree = createHandsFree({
    data,
    logger,
    events,
    targetRoots: options.targetRoots,
    createLink,
    driveWatchMs: options.driveWatchMs,
    freeBytes,
  });

  return {
    async targets() {
      return listTargets(await options.targetRoots(), freeBytes);
    },

    async copy(input, viewer) {
      const target = findTarget(await options.targetRoots(), input.targetId);
      if (!target) {
        throw new AppFailure(
          'NOT_FOUND',
          'That drive or folder is no longer there. Check the USB drive is plugged in, then pick it again.',
        );
      }
      if (copying.has(input.targetId)) {
        throw new AppFailure(
          'CONFLICT',
          'A copy onto this drive is already running. Wait until it has finished, then copy again.',
        );
      }
      const running = runCopy(input, viewer, target);
      copying.set(input.targetId, running);
      try {
        return await running;
      } finally {
        copying.delete(input.targetId);
      }
    },

    createLink,
    showLink: (saleId, viewer) => handsFree.showLink(saleId, viewer),
    clearCustomerScreen: () => handsFree.clearCustomerScreen(),
    lookForDrives: () => handsFree.drives.poll(),

    async emailLink(saleId) {
      const db = data.db();
      const sale = await readDeliverySale(db, saleId);
      const base = options.downloads.base();
      if (!sale || sale.status !== 'completed' || !base.ok) return null;
      const { downloadLinkHours } = await readKioskSettings(db);
      const now = data.now();
      const token = newLinkToken();
      const expiresAt = new Date(now.getTime() + downloadLinkHours * 3_600_000).toISOString();
      const row = await db
        .insertInto('sale_downloads')
        .values({
          id: randomUUID(),
          sale_id: sale.id,
          token_hash: tokenHash(token),
          created_by: null,
          created_at: now.toISOString(),
          expires_at: expiresAt,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      logger.info({ saleId: sale.id, linkId: row.id }, 'download link made for an e-mail');
      return { url: `${base.url}/d/${token}`, expiresAt };
    },

    async links(saleId, viewer) {
      const db = data.db();
      await visibleSale(db, saleId, viewer);
      const rows = await db
        .selectFrom('sale_downloads')
        .selectAll()
        .where('sale_id', '=', saleId)
        .where('revoked_at', 'is', null)
        .where('expires_at', '>', data.now().toISOString())
        .orderBy('created_at', 'desc')
        .execute();
      return rows.map(linkView);
    },

    async revokeLink(linkId, viewer) {
      const link = await visibleLink(linkId, viewer);
      if (linkState(link, data.now()) !== 'active') return linkView(link);
      const row = await data
        .db()
        .updateTable('sale_downloads')
        .set({ revoked_at: data.now().toISOString() })
        .where('id', '=', linkId)
        .returningAll()
        .executeTakeFirstOrThrow();
      logger.info({ linkId, by: viewer.id }, 'download link switched off');
      handsFree.forgetLink(linkId, row.sale_id);
      return linkView(row);
    },

    async queueEmail(input, viewer) {
      const db = data.db();
      const sale = await visibleSale(db, input.saleId, viewer);
      refuseUnlessCompleted(sale);
      const recipient = input.email || sale.customerEmail;
      if (!recipient) {
        throw new AppFailure(
          'VALIDATION',
          'This sale has no e-mail address. Type the customer’s address, then queue the e-mail.',
        );
      }
      // Tapping twice, or queueing again before it went out, does not send it twice.
      const waiting = await db
        .selectFrom('delivery_outbox')
        .selectAll()
        .where('sale_id', '=', sale.id)
        .where('recipient', '=', recipient)
        .where('status', 'in', ['pending', 'sending'])
        .executeTakeFirst();
      if (waiting && isReceipt(waiting)) return outboxItemView(waiting);
      const now = data.now().toISOString();
      const row = await db
        .insertInto('delivery_outbox')
        .values({
          id: randomUUID(),
          kind: 'receipt',
          sale_id: sale.id,
          recording_id: sale.recordingId,
          message_id: newMessageId(),
          channel: 'email',
          recipient,
          next_attempt_at: now,
          created_by: viewer.id,
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const view = outboxItemView({ ...row, sale_id: sale.id });
      events.emit('delivery.outboxChanged', view);
      logger.info({ saleId: sale.id, outboxId: row.id, by: viewer.id }, 'e-mail queued');
      void options.outbox.kick();
      return view;
    },

    async outbox({ saleId }, viewer) {
      const db = data.db();
      if (saleId) {
        await visibleSale(db, saleId, viewer);
        const rows = await db
          .selectFrom('delivery_outbox')
          .selectAll()
          .where('sale_id', '=', saleId)
          .orderBy('created_at', 'desc')
          .execute();
        return receiptViews(rows);
      }
      const mine = db
        .selectFrom('delivery_outbox as o')
        .innerJoin('sales as s', 's.id', 'o.sale_id')
        .selectAll('o')
        .where(saleVisibleTo(viewer));
      const [open, done] = await Promise.all([
        mine
          .where('o.status', 'in', ['pending', 'sending', 'failed'])
          .orderBy('o.created_at', 'desc')
          .execute(),
        mine
          .where('o.status', 'in', ['sent', 'cancelled'])
          .orderBy('o.updated_at', 'desc')
          .limit(RECENT_OUTBOX)
          .execute(),
      ]);
      return receiptViews([...open, ...done]);
    },

    async cancelEmail(id, viewer) {
      const db = data.db();
      const item = await db.selectFrom('delivery_outbox').selectAll().where('id', '=', id).executeTakeFirst();
      if (!item || !isReceipt(item))
        throw new AppFailure('NOT_FOUND', 'That e-mail was not found in the outbox.');
      await visibleSale(db, item.sale_id, viewer);
      if (item.status === 'sending') {
        throw new AppFailure('CONFLICT', 'This e-mail is being sent right now, so it cannot be stopped.');
      }
      if (item.status === 'sent' || item.status === 'cancelled') {
        throw new AppFailure(
          'CONFLICT',
          item.status === 'sent' ? 'This e-mail has already gone out.' : 'This e-mail was already cancelled.',
        );
      }
      const row = await db
        .updateTable('delivery_outbox')
        .set({ status: 'cancelled', updated_at: data.now().toISOString() })
        .where('id', '=', id)
        .where('status', 'in', ['pending', 'failed'])
        .returningAll()
        .executeTakeFirst();
      if (!row)
        throw new AppFailure('CONFLICT', 'This e-mail is being sent right now, so it cannot be stopped.');
      const view = outboxItemView({ ...row, sale_id: item.sale_id });
      events.emit('delivery.outboxChanged', view);
      return view;
    },

    async close() {
      handsFree.close();
      stop.abort();
      await Promise.allSettled([...copying.values()]);
    },
  };
}
