// The e-mail outbox: items wait, unspent, while there is no connection; go out when a sender is ready; back off
// and finally give up when sending keeps failing; and come back from a crash mid-send.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../db/open';
import type { OutboxItemView } from '../../shared/delivery';
import { createDataAccess } from '../data-access';
import { createEventHub } from '../ipc/events';
import { createOutbox, MAX_ATTEMPTS, type OutboxMessage, type OutboxSender } from './outbox';
import { codeOf, NOW, useDeliveryBench, silentLogger, type DeliveryBench } from './test-support';

const open = useDeliveryBench();

function recordingSender(options: { ready?: boolean; fail?: string } = {}) {
  const sent: OutboxMessage[] = [];
  const sender: OutboxSender & { sent: OutboxMessage[]; isReady: boolean } = {
    name: 'test',
    sent,
    isReady: options.ready ?? true,
    ready: async () => sender.isReady,
    send: async (message) => {
      if (options.fail) throw new Error(options.fail);
      sent.push(message);
    },
  };
  return sender;
}

const queue = (b: DeliveryBench, input: Record<string, unknown> = {}, session = 'crew') =>
  b.call<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId, ...input }, session);

const row = (b: DeliveryBench, id: string) =>
  b.t.sqlite.prepare('SELECT * FROM delivery_outbox WHERE id = ?').get(id) as Record<string, unknown>;

const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('delivery.queueEmail', () => {
  it('queues to the flight’s e-mail address when none is typed, once however often it is tapped', async () => {
    const b = await open();
    const first = await queue(b);
    expect(first.ok && first.value).toMatchObject({
      saleId: b.saleId,
      recipient: 'anna@example.com',
      status: 'pending',
      attempts: 0,
      createdAt: NOW.toISOString(),
    });
    const again = await queue(b);
    expect(again.ok && first.ok && again.value.id).toBe(first.ok && first.value.id);
    expect(b.t.sqlite.prepare('SELECT count(*) FROM delivery_outbox').pluck().get()).toBe(1);
  });

  it('takes a typed address instead, and refuses one that is not an e-mail address', async () => {
    const b = await open();
    const typed = await queue(b, { email: '  ben@example.org ' });
    expect(typed.ok && typed.value.recipient).toBe('ben@example.org');
    expect(codeOf(await queue(b, { email: 'ben at example' }))).toBe('VALIDATION');
  });

  it('asks for an address when the sale has none', async () => {
    const b = await open();
    const result = await b.call('delivery.queueEmail', { saleId: b.otherSaleId }, 'other');
    expect(!result.ok && result.error).toMatchObject({
      code: 'VALIDATION',
      message: expect.stringMatching(/no e-mail address/),
    });
  });

  it('lets crew queue and list only their own sales’ e-mails', async () => {
    const b = await open();
    expect(codeOf(await queue(b, {}, 'other'))).toBe('NOT_FOUND');
    await queue(b);
    expect(await b.value<OutboxItemView[]>('delivery.outbox', {}, 'other')).toEqual([]);
    expect(await b.value<OutboxItemView[]>('delivery.outbox', {}, 'crew')).toHaveLength(1);
    expect(await b.value<OutboxItemView[]>('delivery.outbox', {}, 'admin')).toHaveLength(1);
    expect(codeOf(await b.call('delivery.outbox', { saleId: b.saleId }, 'other'))).toBe('NOT_FOUND');
  });
});

describe('the outbox worker', () => {
  it('keeps items waiting without using attempts while no connection is configured', async () => {
    const b = await open();
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    await b.outbox.kick();
    b.clock.now = minutes(60 * 24 * 30);
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({
      status: 'pending',
      attempts: 0,
      last_error: null,
      sent_at: null,
    });
  });

  it('sends due items through a ready sender with the sale’s files attached', async () => {
    const sender = recordingSender();
    const b = await open({ sender });
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ status: 'sent', sent_at: NOW.toISOString(), attempts: 0 });
    expect(sender.sent).toHaveLength(1);
    const [message] = sender.sent;
    expect(message).toMatchObject({
      recipient: 'anna@example.com',
      subject: expect.stringContaining('Anna & Ben Keller'),
    });
    expect(message!.files.map((file) => file.name)).toEqual([
      'Anna-Ben-Keller-video.mp4',
      'Anna-Ben-Keller-photo-01.jpg',
      'Anna-Ben-Keller-photo-02.jpg',
      'Anna-Ben-Keller-photo-03.jpg',
    ]);
    expect(message!.files.every((file) => path.isAbsolute(file.path) && existsSync(file.path))).toBe(true);
    const changed = b.emitted
      .filter((e) => e.event === 'delivery.outboxChanged')
      .map((e) => (e.payload as OutboxItemView).status);
    expect(changed).toEqual(['pending', 'sent']);
  });

  it('backs off after a failed try and gives up after the last attempt', async () => {
    const sender = recordingSender({ fail: 'The mail server refused the login.' });
    const b = await open({ sender });
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({
      status: 'pending',
      attempts: 1,
      last_error: 'The mail server refused the login.',
      next_attempt_at: minutes(1).toISOString(),
    });
    // Not due yet: nothing is tried.
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ attempts: 1 });
    b.clock.now = minutes(1);
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ attempts: 2, next_attempt_at: minutes(1 + 5).toISOString() });
    for (let attempt = 3; attempt <= MAX_ATTEMPTS; attempt += 1) {
      b.clock.now = new Date(String(row(b, item.id).next_attempt_at));
      await b.outbox.kick();
    }
    expect(row(b, item.id)).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, sent_at: null });
  });

  it('waits without using an attempt while the sender is not ready, then sends', async () => {
    const sender = recordingSender({ ready: false });
    const b = await open({ sender });
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ status: 'pending', attempts: 0 });
    sender.isReady = true;
    await b.outbox.kick();
    expect(row(b, item.id)).toMatchObject({ status: 'sent' });
  });

  it('does not send a cancelled e-mail, and cancels one whose sale was voided', async () => {
    const sender = recordingSender({ ready: false });
    const b = await open({ sender });
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    expect(codeOf(await b.call('delivery.cancelEmail', { id: item.id }, 'other'))).toBe('NOT_FOUND');
    expect(await b.value<OutboxItemView>('delivery.cancelEmail', { id: item.id })).toMatchObject({
      status: 'cancelled',
    });
    expect(codeOf(await b.call('delivery.cancelEmail', { id: item.id }))).toBe('CONFLICT');
    const second = await b.value<OutboxItemView>('delivery.queueEmail', {
      saleId: b.saleId,
      email: 'ben@example.org',
    });
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'voided', void_reason = 'Wrong flight' WHERE id = ?`)
      .run(b.saleId);
    sender.isReady = true;
    await b.outbox.kick();
    expect(sender.sent).toEqual([]);
    expect(row(b, second.id)).toMatchObject({ status: 'cancelled' });
  });

  it('puts an item a crash left sending back to pending when the kiosk starts again', async () => {
    const b = await open();
    const item = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    b.t.sqlite.prepare(`UPDATE delivery_outbox SET status = 'sending' WHERE id = ?`).run(item.id);
    await b.outbox.close();
    await b.t.close();

    const reopened = await openDatabase(path.join(b.dataDir, 'magnum.db'));
    try {
      const sender = recordingSender({ ready: false });
      const outbox = createOutbox({
        data: createDataAccess({ handle: reopened }, { now: () => NOW }),
        dataDir: b.dataDir,
        logger: silentLogger,
        events: createEventHub(),
        sender,
        pollMs: 3_600_000,
      });
      await outbox.start();
      expect(
        reopened.sqlite.prepare('SELECT status, attempts FROM delivery_outbox WHERE id = ?').get(item.id),
      ).toEqual({
        status: 'pending',
        attempts: 0,
      });
      sender.isReady = true;
      await outbox.kick();
      expect(
        reopened.sqlite.prepare('SELECT status FROM delivery_outbox WHERE id = ?').pluck().get(item.id),
      ).toBe('sent');
      await outbox.close();
    } finally {
      await reopened.close();
    }
  });
});
