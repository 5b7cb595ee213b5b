// Copying a sale onto a drive: the folder it makes, the progress it reports, and — the point of the design —
// that a copy which fails for any reason leaves nothing of itself behind.
import { readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeliveryCopyResult, DeliveryProgress, DeliveryTarget } from '../../shared/delivery';
import { codeOf, useDeliveryBench, type DeliveryBench } from './test-support';
import { targetIdOf } from './targets';
import { COPY_TO_DRIVE_ACTION } from './copy';

const open = useDeliveryBench();

/** Every file and folder under `dir`, relative, sorted: what a customer would see on the drive. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

const copyTo = (b: DeliveryBench, session = 'crew') =>
  b.call<DeliveryCopyResult>(
    'delivery.copy',
    { saleId: b.saleId, targetId: targetIdOf(b.drive.dir) },
    session,
  );

const FOLDER = (b: DeliveryBench) => `Anna-Ben-Keller-${b.recordingId.slice(0, 8)}`;

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

describe('delivery.targets', () => {
  it('offers each place by an opaque id with its label and free space, never a path', async () => {
    const b = await open();
    const targets = await b.value<DeliveryTarget[]>('delivery.targets', {});
    expect(targets).toEqual([
      { id: targetIdOf(b.drive.dir), label: 'Drive TESTSTICK', kind: 'drive', freeBytes: expect.any(Number) },
    ]);
    expect(JSON.stringify(targets)).not.toContain(b.drive.dir);
  });
});

describe('delivery.copy', () => {
  it('copies the sale’s video and photos into MagnumStream/<passenger>-<flight> with progress', async () => {
    const b = await open();
    const result = await copyTo(b);
    expect(result).toEqual({
      ok: true,
      value: {
        folder: `Drive TESTSTICK › MagnumStream › ${FOLDER(b)}`,
        files: 4,
        bytes: 2_500_000 + 40_001 + 40_002 + 40_003,
        missing: null,
      },
    });
    const folder = path.join(b.drive.dir, 'MagnumStream', FOLDER(b));
    expect(tree(folder)).toEqual([
      'Anna-Ben-Keller-photo-01.jpg',
      'Anna-Ben-Keller-photo-02.jpg',
      'Anna-Ben-Keller-photo-03.jpg',
      'Anna-Ben-Keller-video.mp4',
    ]);
    expect(
      readFileSync(path.join(folder, 'Anna-Ben-Keller-video.mp4')).equals(
        b.bytes.get(`media/${b.recordingId}/exports/job1.mp4`)!,
      ),
    ).toBe(true);
    expect(
      readFileSync(path.join(folder, 'Anna-Ben-Keller-photo-02.jpg')).equals(
        b.bytes.get(`media/${b.recordingId}/photos/job2/photo-02.jpg`)!,
      ),
    ).toBe(true);
    // Nothing but the one folder on the drive: no staging folder or part file left over.
    expect(tree(b.drive.dir)).toEqual(
      [
        'MagnumStream',
        `MagnumStream/${FOLDER(b)}`,
        ...tree(folder).map((f) => `MagnumStream/${FOLDER(b)}/${f}`),
      ].sort(),
    );

    const progress = b.emitted
      .filter((e) => e.event === 'delivery.progress')
      .map((e) => e.payload as DeliveryProgress);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(progress.at(-1)).toEqual({
      saleId: b.saleId,
      stage: 'check',
      copiedBytes: 2_620_006,
      totalBytes: 2_620_006,
      fileName: 'Anna-Ben-Keller-photo-03.jpg',
      done: true,
    });
    // First the writing, then the reading back, each counting up to the whole.
    const stages = progress.map((p) => p.stage);
    expect(stages.lastIndexOf('copy')).toBeLessThan(stages.indexOf('check'));
    expect(stages[0]).toBe('copy');
    for (const stage of ['copy', 'check'] as const) {
      const counted = progress.filter((p) => p.stage === stage).map((p) => p.copiedBytes);
      expect(counted).toEqual([...counted].sort((x, y) => x - y));
    }
    expect(progress.slice(0, -1).every((p) => !p.done && p.totalBytes === 2_620_006)).toBe(true);
  });

  it('records a finished copy in the audit log, so the storage rules know the customer has the files', async () => {
    const b = await open();
    expect(codeOf(await copyTo(b))).toBe('ok');
    const entries = b.t.sqlite
      .prepare(`SELECT user_id, entity_type, entity_id, after_summary FROM audit_logs WHERE action = ?`)
      .all(COPY_TO_DRIVE_ACTION);
    expect(entries).toEqual([
      {
        user_id: b.crew.id,
        entity_type: 'sale',
        entity_id: b.saleId,
        after_summary: JSON.stringify({ files: 4, bytes: 2_620_006, target: 'drive' }),
      },
    ]);
  });

  it('records nothing when a copy fails', async () => {
    const b = await open({ freeBytes: async () => 1_000 });
    expect(codeOf(await copyTo(b))).toBe('CONFLICT');
    expect(
      b.t.sqlite
        .prepare('SELECT count(*) FROM audit_logs WHERE action = ?')
        .pluck()
        .get(COPY_TO_DRIVE_ACTION),
    ).toBe(0);
  });

  it('replaces an earlier copy of the same sale only with a complete new one', async () => {
    const b = await open();
    expect(codeOf(await copyTo(b))).toBe('ok');
    expect(codeOf(await copyTo(b))).toBe('ok');
    expect(tree(path.join(b.drive.dir, 'MagnumStream'))).toHaveLength(5);
  });

  it('leaves no part file and none of its finished files when a write fails midway', async () => {
    let failAt = 0;
    const b = await open({
      copyHooks: {
        // The video (2.5 MB) is written in 1 MB chunks: fail once the first photo is under way, after the
        // video has been finished and renamed into the staging folder.
        afterChunk: (copiedBytes) => {
          if (copiedBytes > 2_500_000) {
            failAt = copiedBytes;
            throw enospc();
          }
        },
      },
    });
    const result = await copyTo(b);
    expect(failAt).toBeGreaterThan(2_500_000);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ code: 'CONFLICT' });
    expect(!result.ok && result.error.message).toMatch(/drive filled up.*Nothing was left half-copied/);
    expect(tree(b.drive.dir)).toEqual([]);
  });

  it('leaves nothing when a file of the flight disappears from the kiosk while copying', async () => {
    const b = await open();
    const lastPhoto = path.join(b.dataDir, `media/${b.recordingId}/photos/job2/photo-03.jpg`);
    // Removed once the copy is under way (the first progress event), so it fails at the last file, with the
    // video and two photos already complete in the copy's folder.
    b.events.subscribe((event) => {
      if (event === 'delivery.progress' && existsSync(lastPhoto)) rmSync(lastPhoto);
    });
    const result = await copyTo(b);
    expect(!result.ok && result.error.message).toMatch(/photo-03\.jpg could not be read from the kiosk/);
    expect(tree(b.drive.dir)).toEqual([]);
  });

  it('reads every file back and removes the copy when one byte on the drive differs', async () => {
    let changed = '';
    const b = await open({
      copyHooks: {
        // As a failing stick would: the video on the drive has one byte flipped after it was written.
        beforeCheck: (staging) => {
          changed = path.join(staging, 'Anna-Ben-Keller-video.mp4');
          const bytes = readFileSync(changed);
          bytes[1_234_567] = bytes[1_234_567]! ^ 0xff;
          writeFileSync(changed, bytes);
        },
      },
    });
    const result = await copyTo(b);
    expect(changed).not.toBe('');
    expect(!result.ok && result.error).toMatchObject({ code: 'CONFLICT' });
    expect(!result.ok && result.error.message).toMatch(
      /Anna-Ben-Keller-video\.mp4 read back from the drive differs.*removed from it\. Try again/,
    );
    expect(tree(b.drive.dir)).toEqual([]);
    const checks = b.emitted.filter(
      (e) => e.event === 'delivery.progress' && (e.payload as DeliveryProgress).stage === 'check',
    );
    expect(checks.length).toBeGreaterThan(0);
  });

  it('keeps an earlier complete copy when a later one fails', async () => {
    let fail = false;
    const b = await open({
      copyHooks: {
        afterChunk: () => {
          if (fail) throw enospc();
        },
      },
    });
    expect(codeOf(await copyTo(b))).toBe('ok');
    const before = tree(b.drive.dir);
    fail = true;
    expect(codeOf(await copyTo(b))).toBe('CONFLICT');
    expect(tree(b.drive.dir)).toEqual(before);
  });

  it('refuses a drive without room for the files before writing anything', async () => {
    const b = await open({ freeBytes: async () => 1_000_000 });
    const result = await copyTo(b);
    expect(!result.ok && result.error).toMatchObject({ code: 'CONFLICT' });
    expect(!result.ok && result.error.message).toMatch(
      /too full: these files need 2\.5 MB and it has 977 KB free/,
    );
    expect(tree(b.drive.dir)).toEqual([]);
  });

  it('says the drive is gone when it was pulled out after it was listed', async () => {
    const b = await open();
    rmSync(b.drive.dir, { recursive: true });
    const result = await copyTo(b);
    expect(!result.ok && result.error).toMatchObject({ code: 'CONFLICT' });
    expect(!result.ok && result.error.message).toMatch(/no longer there/);
  });

  it('refuses an unknown target id', async () => {
    const b = await open();
    const result = await b.call('delivery.copy', { saleId: b.saleId, targetId: 'not-a-target' });
    expect(codeOf(result)).toBe('NOT_FOUND');
  });

  it('refuses a voided sale', async () => {
    const b = await open();
    b.t.sqlite
      .prepare(`UPDATE sales SET status = 'voided', void_reason = 'Wrong flight' WHERE id = ?`)
      .run(b.saleId);
    const result = await copyTo(b);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/voided/),
    });
    expect(tree(b.drive.dir)).toEqual([]);
  });

  it('refuses a sale with nothing made yet, saying what is missing', async () => {
    const b = await open();
    b.t.sqlite.prepare(`DELETE FROM export_jobs WHERE recording_id = ?`).run(b.recordingId);
    const result = await copyTo(b);
    expect(!result.ok && result.error).toMatchObject({
      code: 'CONFLICT',
      message: expect.stringMatching(/nothing to hand over yet\. .*video and (the )?photos\. Make them/),
    });
  });

  it('copies what is ready and says what is still missing', async () => {
    const b = await open();
    b.t.sqlite
      .prepare(`DELETE FROM export_jobs WHERE recording_id = ? AND kind = 'photos'`)
      .run(b.recordingId);
    const result = await copyTo(b);
    expect(result.ok && result.value).toMatchObject({
      files: 1,
      missing: expect.stringMatching(/photos\.$/),
    });
    expect(result.ok && result.value.missing).not.toMatch(/video/);
  });

  it('lets crew copy only the sales they made; an admin any', async () => {
    const b = await open();
    const other = { saleId: b.otherSaleId, targetId: targetIdOf(b.drive.dir) };
    expect(codeOf(await b.call('delivery.copy', other, 'crew'))).toBe('NOT_FOUND');
    expect(tree(b.drive.dir)).toEqual([]);
    expect(codeOf(await b.call('delivery.copy', other, 'admin'))).toBe('ok');
  });
});
