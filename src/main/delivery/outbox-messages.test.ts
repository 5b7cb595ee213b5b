// What a receipt e-mail carries when the video is larger than a mail server takes: the stills are attached,
// the video is named with its size and where to get it instead.
import { describe, expect, it } from 'vitest';
import type { OutboxItemView } from '../../shared/delivery';
import { receiptMessage, type OutboxMessage } from './outbox-messages';
import { useDeliveryBench } from './test-support';

const open = useDeliveryBench();

describe('the receipt e-mail', () => {
  it('leaves out a file over the size budget and says where to get it instead', async () => {
    const b = await open();
    const queued = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    const item = await b.data
      .db()
      .selectFrom('delivery_outbox')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    // The bench's video is 2.5 MB and its three stills about 40 kB each.
    const message = (await receiptMessage(b.data.db(), b.dataDir, item, {
      budget: 1_000_000,
      link: async () => ({ url: 'http://192.168.1.20:8787/d/token', expiresAt: '2026-12-03T10:00:00.000Z' }),
    })) as OutboxMessage;
    expect(message.files.map((file) => file.name)).toEqual([
      'Anna-Ben-Keller-photo-01.jpg',
      'Anna-Ben-Keller-photo-02.jpg',
      'Anna-Ben-Keller-photo-03.jpg',
    ]);
    expect(message.body).toContain('too large to send by e-mail');
    expect(message.body).toContain('Anna-Ben-Keller-video.mp4 (2 MB)');
    expect(message.body).toContain('http://192.168.1.20:8787/d/token');
    expect(message.body).toContain('until 2026-12-03 10:00 UTC');
    expect(message.messageId).toBe(item.message_id);
  });

  it('attaches everything within the budget, and has no link section without a link', async () => {
    const b = await open();
    const queued = await b.value<OutboxItemView>('delivery.queueEmail', { saleId: b.saleId });
    const item = await b.data
      .db()
      .selectFrom('delivery_outbox')
      .selectAll()
      .where('id', '=', queued.id)
      .executeTakeFirstOrThrow();
    const message = (await receiptMessage(b.data.db(), b.dataDir, item)) as OutboxMessage;
    expect(message.files).toHaveLength(4);
    expect(message.body).not.toContain('too large');
    expect(message.body).not.toContain('http');
  });
});
