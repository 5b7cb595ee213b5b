// The outbox: deliveries that need a connection (e-mail) wait as delivery_outbox rows, across restarts, until a
// sender says it can reach the outside. How a message actually leaves (SMTP, an upload service) is a pluggable
// OutboxSender; the default one has no connection configured, so items simply wait — they use up no attempts,
// because a kiosk that never sees the internet is normal, not an error (PRODUCT.md, offline-first).
import type { Logger } from 'pino';
import path from 'node:path';
import type { OutboxItem } from '../../../db/schema';
import type { OutboxItemView } from '../../shared/delivery';
import type { DataAccess } from '../data-access';
import type { EventHub } from '../ipc/events';
import { deliveryFileNames } from './names';
import { deliveryOf, readDeliverySale } from './sale';

export interface OutboxMessage {
  recipient: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** Absolute paths of the sale's files on the kiosk, with the names the customer should see. */
  files: Array<{ path: string; name: string }>;
}

export interface OutboxSender {
  /** For the log: which way messages leave. */
  name: string;
  /** Whether a message could leave now (a connection and a configured account). Must not throw. */
  ready(): Promise<boolean>;
  /** Sends one message; throws with a message the crew can read when it did not go out. */
  send(message: OutboxMessage): Promise<void>;
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

export function outboxItemView(row: OutboxItem): OutboxItemView {
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

  async function update(id: string, change: Partial<OutboxItem>): Promise<void> {
    const row = await data
      .db()
      .updateTable('delivery_outbox')
      .set({ ...change, updated_at: data.now().toISOString() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (row) events.emit('delivery.outboxChanged', outboxItemView(row));
  }

  async function messageFor(
    item: OutboxItem,
  ): Promise<OutboxMessage | { cancel: string } | { wait: string }> {
    const db = data.db();
    const sale = await readDeliverySale(db, item.sale_id);
    if (!sale || sale.status !== 'completed')
      return { cancel: 'The sale was cancelled, so nothing was sent.' };
    const { files, missing } = await deliveryOf(db, sale);
    if (missing) return { wait: missing };
    const names = deliveryFileNames(files, sale.passengerNames);
    return {
      recipient: item.recipient,
      subject: `Your flight video and photos – ${sale.passengerNames}`,
      body: [
        `Hello ${sale.passengerNames},`,
        '',
        'Thank you for flying with us. Your souvenir files are attached:',
        ...names.map((name) => `  - ${name}`),
        '',
        'Enjoy watching your flight again!',
      ].join('\n'),
      files: files.map((file, i) => ({ path: path.resolve(options.dataDir, file.path), name: names[i]! })),
    };
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
    try {
      await sender.send(message);
    } catch (error) {
      await failTry(item, reasonOf(error));
      return;
    }
    const now = data.now().toISOString();
    await update(item.id, { status: 'sent', sent_at: now, last_error: null });
    logger.info({ outboxId: item.id, sender: sender.name }, 'outbox item sent');
  }

  async function pass(): Promise<void> {
    const ready = await sender.ready().catch(() => false);
    if (!ready) return;
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
