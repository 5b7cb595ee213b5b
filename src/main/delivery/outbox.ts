// The outbox: deliveries that need a connection (e-mail) wait as delivery_outbox rows, across restarts, until a
// sender says it can reach the outside. How a message actually leaves (SMTP, an upload service) is a pluggable
// OutboxSender; the default one has no connection configured, so items simply wait — they use up no attempts,
// because a kiosk that never sees the internet is normal, not an error (PRODUCT.md, offline-first).
//
// Never twice: an item is claimed by a conditional update (pending → sending), so two passes, or two kiosk
// processes on one database, cannot both send it; a sent item is never picked again. A kiosk that stopped
// mid-send leaves the item `sending`; on start it is tried again. That is safe because an SMTP server takes a
// message only with its final "250" after the whole text — a transfer cut before that is thrown away by the
// server. The one window left, between that "250" and our write of `sent` (one SQLite statement), is covered
// by the item's stable Message-ID: a copy sent again is the same message to the recipient's mail system,
// which drops it as a duplicate. The server's answer (its queue id) is kept in server_response.
import type { Logger } from 'pino';
import type { OutboxItem } from '../../../db/schema';
import type { OutboxItemView } from '../../shared/delivery';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import { queueDueFollowUps } from './follow-up';
import { followUpMessage, receiptMessage, type EmailLink, type OutboxMessage } from './outbox-messages';

export type { OutboxMessage } from './outbox-messages';

export interface OutboxSender {
  /** For the log: which way messages leave. */
  name: string;
  /** Whether a message could leave now (a connection and a configured account). Must not throw. */
  ready(): Promise<boolean>;
  /**
   * Sends one message; throws with a message the crew can read when it did not go out. May return what the
   * server answered when it took the message.
   */
  send(message: OutboxMessage): Promise<{ response?: string } | void>;
}

/** The kiosk as shipped: nothing configured to send with, so the outbox only keeps. */
export const NO_CONNECTION_SENDER: OutboxSender = {
  name: 'no connection configured',
  ready: async () => false,
  send: async () => {
    throw new Error('No way to send e-mail is configured on this kiosk.');
  },
};

/** Waits after the 1st, 2nd, 3rd, … failed try; the last one repeats. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 60 * 60_000];
export const MAX_ATTEMPTS = 10;
const BATCH = 20;

/** A sale's receipt; the other kind, a follow-up, belongs to no sale and is shown on no crew screen. */
export type ReceiptItem = OutboxItem & { sale_id: string };

export function isReceipt(row: OutboxItem): row is ReceiptItem {
  return row.kind === 'receipt' && row.sale_id !== null;
}

/** The receipts among rows, as the crew see them. */
export function receiptViews(rows: OutboxItem[]): OutboxItemView[] {
  return rows.filter(isReceipt).map(outboxItemView);
}

export function outboxItemView(row: ReceiptItem): OutboxItemView {
  return {
    id: row.id,
    saleId: row.sale_id,
    channel: row.channel,
    recipient: row.recipient,
    status: row.status,
    attempts: row.attempts,
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    createdAt: row.created_at,
    sentAt: row.sent_at,
  };
}

export interface OutboxOptions {
  data: DataAccess;
  dataDir: string;
  logger: Logger;
  events: EventHub;
  sender?: OutboxSender;
  /** How often due items are looked for; a queued item also kicks the worker at once. */
  pollMs?: number;
  /** Queue the follow-ups to non-buyers as they fall due (on unless a caller only wants receipts). */
  followUps?: boolean;
  /** Makes a download link for a receipt e-mail; without it (or when it gives none) the e-mail has no link. */
  downloadLink?: (saleId: string) => Promise<EmailLink | null>;
}

export interface Outbox {
  /** Puts back items a stopped kiosk left `sending`, then polls. */
  start(): Promise<void>;
  /** Looks for due items now; resolves when that pass (and any it made necessary) is done. */
  kick(): Promise<void>;
  close(): Promise<void>;
}

/** Why a try failed, short enough for the screen and the row. */
function reasonOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.slice(0, 300) || 'The e-mail could not be sent.';
}

export function createOutbox(options: OutboxOptions): Outbox {
  const { data, logger, events } = options;
  const sender = options.sender ?? NO_CONNECTION_SENDER;
  const pollMs = options.pollMs ?? 60_000;
  let timer: NodeJS.Timeout | null = null;
  let closing = false;
  let running: Promise<void> | null = null;
  let again = false;

  /**
   * Ends a try. Only an item still `sending` changes: a late answer to a worker that another start already
   * replaced (the kiosk restarted mid-send) must not undo what the newer one recorded.
   */
  async function update(id: string, change: Partial<OutboxItem>): Promise<void> {
    const row = await data
      .db()
      .updateTable('delivery_outbox')
      .set({ ...change, updated_at: data.now().toISOString() })
      .where('id', '=', id)
      .where('status', '=', 'sending')
      .returningAll()
      .executeTakeFirst();
    if (row && isReceipt(row)) events.emit('delivery.outboxChanged', outboxItemView(row));
  }

  function messageFor(item: OutboxItem) {
    return item.kind === 'follow_up'
      ? followUpMessage(data.db(), options.dataDir, item)
      : receiptMessage(data.db(), options.dataDir, item, { link: options.downloadLink });
  }

  async function failTry(item: OutboxItem, reason: string): Promise<void> {
    const attempts = item.attempts + 1;
    if (attempts >= MAX_ATTEMPTS) {
      await update(item.id, { status: 'failed', attempts, last_error: reason });
      logger.warn({ outboxId: item.id, attempts, reason }, 'outbox item given up');
      return;
    }
    const delay = RETRY_DELAYS_MS[Math.min(attempts, RETRY_DELAYS_MS.length) - 1]!;
    await update(item.id, {
      status: 'pending',
      attempts,
      last_error: reason,
      next_attempt_at: new Date(data.now().getTime() + delay).toISOString(),
    });
    logger.info({ outboxId: item.id, attempts, reason }, 'outbox item will be tried again');
  }

  async function deliver(item: OutboxItem): Promise<void> {
    // Claimed by a conditional update, so a cancel that came in meanwhile wins.
    const claimed = await data
      .db()
      .updateTable('delivery_outbox')
      .set({ status: 'sending', updated_at: data.now().toISOString() })
      .where('id', '=', item.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return;
    const message = await messageFor(item);
    if ('cancel' in message) {
      await update(item.id, { status: 'cancelled', last_error: message.cancel });
      return;
    }
    if ('wait' in message) {
      await failTry(item, `${message.wait} It is sent once they are made.`);
      return;
    }
    let answer: { response?: string } | void;
    try {
      answer = await sender.send(message);
    } catch (error) {
      await failTry(item, reasonOf(error));
      return;
    }
    const now = data.now().toISOString();
    await update(item.id, {
      status: 'sent',
      sent_at: now,
      last_error: null,
      server_response: answer?.response?.slice(0, 500) ?? null,
    });
    logger.info({ outboxId: item.id, kind: item.kind, sender: sender.name }, 'outbox item sent');
  }

  async function pass(): Promise<void> {
    const ready = await sender.ready().catch(() => false);
    if (!ready) return;
    // Only once e-mail can leave: a kiosk without a connection does not pile follow-ups up.
    if (options.followUps !== false) {
      const added = await queueDueFollowUps(data.db(), data.now());
      if (added > 0) logger.info({ count: added }, 'follow-up e-mails queued');
    }
    const due = await data
      .db()
      .selectFrom('delivery_outbox')
      .selectAll()
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', data.now().toISOString())
      .orderBy('next_attempt_at')
      .limit(BATCH)
      .execute();
    for (const item of due) {
      if (closing) return;
      await deliver(item);
    }
    if (due.length === BATCH) again = true;
  }

  function kick(): Promise<void> {
    if (closing) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (error) {
          logger.error({ err: error }, 'outbox pass failed');
        }
      } while (again && !closing);
    })().finally(() => {
      running = null;
    });
    return running;
  }

  return {
    async start() {
      const recovered = await data
        .db()
        .updateTable('delivery_outbox')
        .set({ status: 'pending', updated_at: data.now().toISOString() })
        .where('status', '=', 'sending')
        .executeTakeFirst();
      const count = Number(recovered.numUpdatedRows);
      if (count > 0) logger.info({ count }, 'outbox items left sending by a stopped kiosk are pending again');
      timer = setInterval(() => void kick(), pollMs);
      timer.unref();
      await kick();
    },
    kick,
    async close() {
      closing = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
