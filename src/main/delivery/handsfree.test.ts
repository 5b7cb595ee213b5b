// Delivery without taps, through the real dispatcher and database: the receipt's QR made once per sale and
// shown again, the customer screen told what to show and when to go back to its welcome picture, and drives
// plugged in (real folders under a removable root) reported so an open receipt can copy by itself.
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeTempDir } from '../../../db/test-support';
import type {
  CreatedDownloadLink,
  CustomerScreenView,
  DeliveryCopyResult,
  DrivesChanged,
} from '../../shared/delivery';
import { removableRoots } from '../photos/photo-card';
import { CUSTOMER_SCREEN_MS } from './handsfree';
import { firstNameOf } from './shown-links';
import { codeOf, NOW, useDeliveryBench, type DeliveryBench } from './test-support';
import { targetIdOf } from './targets';

const open = useDeliveryBench();

const show = (b: DeliveryBench, session = 'crew', saleId = b.saleId) =>
  b.call<CreatedDownloadLink>('delivery.showLink', { saleId }, session);

const linkRows = (b: DeliveryBench) =>
  b.t.sqlite.prepare('SELECT COUNT(*) AS n FROM sale_downloads WHERE sale_id = ?').get(b.saleId) as {
    n: number;
  };

const emittedOf = <T>(b: DeliveryBench, event: string) =>
  b.emitted.filter((e) => e.event === event).map((e) => e.payload as T);

describe('delivery.showLink', () => {
  it('makes the sale’s link once and shows the same QR every time the receipt opens', async () => {
    const b = await open();
    const first = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    const again = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    expect(first.url).toMatch(/^http:\/\/192\.168\.1\.20:8787\/d\/[A-Za-z0-9_-]{43}$/);
    expect(again.url).toBe(first.url);
    expect(again.id).toBe(first.id);
    expect(linkRows(b).n).toBe(1);
  });

  it('makes one link when the receipt asks twice at once', async () => {
    const b = await open();
    const [one, two] = await Promise.all([show(b), show(b)]);
    expect(one.ok && two.ok && one.value.url === two.value.url).toBe(true);
    expect(linkRows(b).n).toBe(1);
  });

  it('shows the code made last with "New code" from then on', async () => {
    const b = await open();
    const shown = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    const fresh = await b.value<CreatedDownloadLink>('delivery.createLink', { saleId: b.saleId });
    expect(fresh.url).not.toBe(shown.url);
    expect((await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId })).url).toBe(
      fresh.url,
    );
  });

  it('makes a new link once the shown one is switched off, and clears it from the customer screen', async () => {
    const b = await open();
    const shown = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    await b.value('delivery.revokeLink', { linkId: shown.id });
    expect(emittedOf(b, 'delivery.customerScreenCleared')).toEqual([{ saleId: b.saleId }]);
    const next = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    expect(next.url).not.toBe(shown.url);
    expect(linkRows(b).n).toBe(2);
  });

  it('makes a new link when the shown one ends within half an hour', async () => {
    const b = await open();
    const shown = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    b.clock.now = new Date(Date.parse(shown.expiresAt) - 20 * 60_000);
    const next = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    expect(next.url).not.toBe(shown.url);
  });

  it('tells the customer screen the first name, the QR and until when to show it', async () => {
    const b = await open();
    const shown = await b.value<CreatedDownloadLink>('delivery.showLink', { saleId: b.saleId });
    expect(emittedOf<CustomerScreenView>(b, 'delivery.customerScreen')).toEqual([
      {
        saleId: b.saleId,
        firstName: 'Anna',
        operatorName: expect.any(String),
        url: shown.url,
        qr: shown.qr,
        showUntil: new Date(NOW.getTime() + CUSTOMER_SCREEN_MS).toISOString(),
      },
    ]);
  });

  it('shows crew only the sales they made, and tells the customer screen nothing then', async () => {
    const b = await open();
    expect(codeOf(await show(b, 'other'))).toBe('NOT_FOUND');
    expect(codeOf(await show(b, 'admin'))).toBe('ok');
    expect(emittedOf(b, 'delivery.customerScreen')).toHaveLength(1);
  });

  it('refuses a voided sale, even one whose QR was shown before', async () => {
    const b = await open();
    expect(codeOf(await show(b))).toBe('ok');
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'voided', void_reason = 'Twice' WHERE id = ?`)
      .run(b.saleId);
    expect(codeOf(await show(b))).toBe('CONFLICT');
  });
});

describe('delivery.clearCustomerScreen', () => {
  it('sends the customer screen back to its welcome picture', async () => {
    const b = await open();
    expect(await b.value('delivery.clearCustomerScreen', {})).toEqual({ saleId: null });
    expect(emittedOf(b, 'delivery.customerScreenCleared')).toEqual([{ saleId: null }]);
  });
});

describe('firstNameOf', () => {
  it('greets the first passenger by the first word of their name', () => {
    expect(firstNameOf('Anna & Ben Keller')).toBe('Anna');
    expect(firstNameOf(' Priya Natarajan, Ravi')).toBe('Priya');
    expect(firstNameOf('   ')).toBe('');
  });
});

describe('drives plugged in', () => {
  let drives = '';
  afterEach(() => rmSync(drives, { recursive: true, force: true }));

  it('reports a new drive, which then takes a checked copy of the sale', async () => {
    drives = makeTempDir('magnum-usb-');
    const b = await open({
      targetRoots: async () =>
        (await removableRoots('linux', [drives])).map((root) => ({ ...root, kind: 'drive' as const })),
    });
    await b.service.lookForDrives();
    expect(emittedOf(b, 'delivery.drivesChanged')).toEqual([]);

    const stick = path.join(drives, 'KINGSTON');
    mkdirSync(stick);
    await b.service.lookForDrives();
    const [change] = emittedOf<DrivesChanged>(b, 'delivery.drivesChanged');
    expect(change?.added).toEqual([targetIdOf(stick)]);

    const copy = await b.value<DeliveryCopyResult>('delivery.copy', {
      saleId: b.saleId,
      targetId: change!.added[0],
    });
    expect(copy.files).toBe(4);
    const [folder] = readdirSync(path.join(stick, 'MagnumStream'));
    const video = readFileSync(path.join(stick, 'MagnumStream', folder!, 'Anna-Ben-Keller-video.mp4'));
    expect(video.equals(b.bytes.get(`media/${b.recordingId}/exports/job1.mp4`)!)).toBe(true);
  });
});
