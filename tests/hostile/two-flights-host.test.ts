// One customer's files never reach another, on a real kiosk host process: two filmed flights an hour apart,
// the photographer's photos of both dropped into the kiosk's own import folder, imported by each flight's crew
// member over /ipc, sold, then copied to the kiosk's deliveries folder and downloaded from the download server a
// phone would open. Every delivered file is hashed: each sale's set is exactly its own flight's, never the other's.
import Sqlite from 'better-sqlite3';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COPY_ROOT_FOLDER } from '../../src/main/delivery/copy';
import { DELIVERIES_FOLDER } from '../../src/main/delivery/targets';
import { IMPORT_FOLDER } from '../../src/main/photos/photo-card';
import type { CreatedDownloadLink, DeliveryCopyResult, DeliveryTarget } from '../../src/shared/delivery';
import type { PhotoImportResult, PhotoPreview, PhotoSource } from '../../src/shared/photos';
import type { SaleView } from '../../src/shared/sales';
import { addPeople, type Person } from '../support/file-session';
import { makeDataDir, startKiosk, type KioskProcess } from '../support/kiosk-process';
import { ScreenClient } from '../support/screen-client';
import { filmedFlight, flightTimes, photographersCard, sha256, type FilmedFlight } from './flights';
import { expectServing } from './support';

let kiosk: KioskProcess;
let dataDir: string;
/** Tom checked in and sells Anna's flight; Ana checked in and sells Priya's. */
let tom: ScreenClient;
let ana: ScreenClient;
let admin: ScreenClient;
let anna: FilmedFlight;
let priya: FilmedFlight;
let card: Map<string, Buffer>;
let sourceId: string;
/** The ids Tom's preview gave Anna's photos. */
let annaPhotoIds: string[];
const sales = { anna: '', priya: '' };

async function value<T>(screen: ScreenClient, channel: string, input: unknown): Promise<T> {
  const result = await screen.call(channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

async function signedIn(person: Person): Promise<ScreenClient> {
  const screen = await ScreenClient.open(kiosk.url);
  await screen.signIn(person.id, person.pin);
  return screen;
}

beforeAll(async () => {
  dataDir = makeDataDir();
  // Links name 127.0.0.1, so this machine can open them as a phone on the kiosk's network would.
  kiosk = await startKiosk(dataDir, ['--download-port', '0', '--download-host', '127.0.0.1']);
  const added = await addPeople(kiosk.url, [
    { name: 'Crew Tom', role: 'crew' },
    { name: 'Crew Ana', role: 'crew' },
  ]);
  admin = added.screen;
  const [tomPerson, anaPerson] = added.people as [Person, Person];

  // Yesterday's flights, filmed and with their souvenir videos made, written under the running host (WAL).
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  const times = flightTimes(day);
  const sqlite = new Sqlite(path.join(dataDir, 'magnum.db'));
  try {
    sqlite.pragma('busy_timeout = 5000');
    anna = filmedFlight(sqlite, dataDir, { passengers: 'Anna Keller', crewId: tomPerson.id, ...times.anna });
    priya = filmedFlight(sqlite, dataDir, {
      passengers: 'Priya Natarajan',
      crewId: anaPerson.id,
      ...times.priya,
    });
  } finally {
    sqlite.close();
  }
  card = photographersCard(path.join(dataDir, IMPORT_FOLDER, 'DCIM', '100CANON'), day);

  tom = await signedIn(tomPerson);
  ana = await signedIn(anaPerson);
  const sources = await value<PhotoSource[]>(tom, 'photos.sources', {});
  const importFolder = sources.find((source) => source.label.includes(path.join(dataDir, IMPORT_FOLDER)));
  expect(importFolder?.photoCount).toBe(card.size);
  sourceId = importFolder!.id;
}, 60_000);

afterAll(async () => {
  for (const screen of [tom, ana, admin]) screen?.close();
  await kiosk?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const namesOf = (preview: PhotoPreview) => preview.photos.map((photo) => photo.name);
const hashesOf = (...names: string[]) => names.map((name) => sha256(card.get(name)!));

/** Every file a sale hands out: its folder in the kiosk's deliveries folder, and each file of a download link. */
async function delivered(
  screen: ScreenClient,
  saleId: string,
): Promise<{ copied: string[]; downloaded: string[] }> {
  const targets = await value<DeliveryTarget[]>(screen, 'delivery.targets', {});
  const deliveries = targets.find((target) => target.kind === 'folder')!;
  const copy = await value<DeliveryCopyResult>(screen, 'delivery.copy', { saleId, targetId: deliveries.id });
  const folder = path.join(dataDir, DELIVERIES_FOLDER, COPY_ROOT_FOLDER, copy.folder.split(' › ').at(-1)!);
  const copied = readdirSync(folder).map((name) => sha256(readFileSync(path.join(folder, name))));
  expect(copied).toHaveLength(copy.files);

  const link = await value<CreatedDownloadLink>(screen, 'delivery.createLink', { saleId });
  expect(new URL(link.url).hostname).toBe('127.0.0.1');
  const downloaded: string[] = [];
  for (let n = 1; n <= link.fileCount; n += 1) {
    const response = await fetch(`${link.url}/${n}`);
    expect(response.status).toBe(200);
    downloaded.push(sha256(Buffer.from(await response.arrayBuffer())));
  }
  // Nothing past the sale's own files either.
  expect((await fetch(`${link.url}/${link.fileCount + 1}`)).status).toBe(404);
  return { copied, downloaded };
}

// In order: each step is the crew's next step on the same kiosk.
describe('two flights through photo import, sale and delivery on the kiosk host', () => {
  it('imports into the first flight only the photos taken in its window', async () => {
    const preview = await value<PhotoPreview>(tom, 'photos.preview', { recordingId: anna.id, sourceId });
    expect(namesOf(preview)).toEqual(['IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG']);
    expect(preview).toMatchObject({ window: { basis: 'scenes' }, outsideWindow: 3, unreadable: 0 });
    annaPhotoIds = preview.photos.map((photo) => photo.id);
    const imported = await value<PhotoImportResult>(tom, 'photos.import', {
      recordingId: anna.id,
      sourceId,
      photoIds: annaPhotoIds,
    });
    expect(imported).toMatchObject({ imported: 3, skipped: 0 });
  });

  it('refuses the shared photo for the second flight without the crew’s confirmation, and no photo of the first by id', async () => {
    const preview = await value<PhotoPreview>(ana, 'photos.preview', { recordingId: priya.id, sourceId });
    expect(namesOf(preview)).toEqual(['IMG_0003.JPG', 'IMG_0004.JPG', 'IMG_0005.JPG']);
    // Ana may not see Anna's flight: the photo is marked as in another flight, without naming it.
    expect(preview.photos.map((photo) => photo.importedBefore)).toEqual([
      { thisFlight: false, passengerNames: null },
      null,
      null,
    ]);
    expect(preview.photos[2]!.timeFrom).toBe('file');

    const ids = preview.photos.map((photo) => photo.id);
    const refused = await ana.call('photos.import', { recordingId: priya.id, sourceId, photoIds: ids });
    expect(refused.ok ? 'imported' : refused.error.code).toBe('CONFLICT');
    // The crew leave the shared photo with Anna; Anna's own photos sent by id (outside this window) are skipped.
    const imported = await value<PhotoImportResult>(ana, 'photos.import', {
      recordingId: priya.id,
      sourceId,
      photoIds: [...ids.slice(1), annaPhotoIds[0]!, annaPhotoIds[1]!],
    });
    expect(imported).toMatchObject({ imported: 2, skipped: 2 });
  });

  it('sells each flight the video with its air-tour photos', async () => {
    const sell = (screen: ScreenClient, recordingId: string) =>
      value<SaleView>(screen, 'sales.create', {
        recordingId,
        bundle: 'video_airtour_photos',
        paymentMethod: 'card',
      });
    sales.anna = (await sell(tom, anna.id)).id;
    sales.priya = (await sell(ana, priya.id)).id;
  });

  it('delivers each sale exactly its own flight’s files, by USB copy and by download link, never the other’s', async () => {
    const annaSet = [...hashesOf('IMG_0001.JPG', 'IMG_0002.JPG', 'IMG_0003.JPG'), sha256(anna.video)].sort();
    const priyaSet = [...hashesOf('IMG_0004.JPG', 'IMG_0005.JPG'), sha256(priya.video)].sort();
    const toAnna = await delivered(tom, sales.anna);
    const toPriya = await delivered(ana, sales.priya);
    for (const hashes of [toAnna.copied, toAnna.downloaded]) expect([...hashes].sort()).toEqual(annaSet);
    for (const hashes of [toPriya.copied, toPriya.downloaded]) expect([...hashes].sort()).toEqual(priyaSet);
    const all = (files: { copied: string[]; downloaded: string[] }) => [...files.copied, ...files.downloaded];
    expect(all(toAnna).filter((hash) => priyaSet.includes(hash))).toEqual([]);
    expect(all(toPriya).filter((hash) => annaSet.includes(hash))).toEqual([]);
  });

  it('gives a crew member no photos, copy or link of a flight and sale that are not theirs', async () => {
    const targets = await value<DeliveryTarget[]>(ana, 'delivery.targets', {});
    const targetId = targets.find((target) => target.kind === 'folder')!.id;
    for (const [channel, input] of [
      ['photos.preview', { recordingId: anna.id, sourceId }],
      ['photos.import', { recordingId: anna.id, sourceId, photoIds: [annaPhotoIds[0]!] }],
      ['delivery.copy', { saleId: sales.anna, targetId }],
      ['delivery.createLink', { saleId: sales.anna }],
    ] as const) {
      const result = await ana.call(channel, input);
      expect(result.ok ? 'ok' : result.error.code, channel).toBe('NOT_FOUND');
    }
    await expectServing(kiosk);
  });
});
