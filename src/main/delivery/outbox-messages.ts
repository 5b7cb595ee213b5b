// What each kind of outbox item says: the receipt (a sale's files attached, within what mail servers take)
// and the follow-up to a passenger who flew but bought nothing (one preview still, an invitation back).
// Either can turn out not to be sent any more: a cancelled sale, or a follow-up whose passenger bought since.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Database, OutboxItem } from '../../../db/schema';
import { THUMBS_FOLDER } from '../thumbnails/service';
import { deliveryFileNames } from './names';
import { deliveryOf, readDeliverySale } from './sale';

export interface OutboxMessage {
  recipient: string;
  subject: string;
  /** Plain text. */
  body: string;
  /** Absolute paths of the files to attach, with the names the customer should see. */
  files: Array<{ path: string; name: string }>;
  /** `<…@…>`, the same on every try of one outbox item. */
  messageId: string;
}

export type MessageOutcome = OutboxMessage | { cancel: string } | { wait: string };

/**
 * What one e-mail may carry. Most providers refuse messages over 20–25 MB, and attachments grow by a third in
 * base64, so 15 MB of files stays under the common limit. A file over what is left is not attached; the message
 * names it and says where to get it instead.
 */
export const ATTACHMENT_BUDGET_BYTES = 15 * 1024 * 1024;

const megabytes = (bytes: number) => `${Math.max(1, Math.round(bytes / (1024 * 1024)))} MB`;

/** A download link for an e-mail: works on the airfield's network until it expires. */
export interface EmailLink {
  url: string;
  expiresAt: string;
}

export async function receiptMessage(
  db: Kysely<Database>,
  dataDir: string,
  item: OutboxItem,
  options: { budget?: number; link?: (saleId: string) => Promise<EmailLink | null> } = {},
): Promise<MessageOutcome> {
  const budget = options.budget ?? ATTACHMENT_BUDGET_BYTES;
  const sale = item.sale_id ? await readDeliverySale(db, item.sale_id) : null;
  if (!sale || sale.status !== 'completed') return { cancel: 'The sale was cancelled, so nothing was sent.' };
  const { files, missing } = await deliveryOf(db, sale);
  if (missing) return { wait: missing };
  const names = deliveryFileNames(files, sale.passengerNames);
  const link = options.link ? await options.link(sale.id).catch(() => null) : null;
  const attached: OutboxMessage['files'] = [];
  const tooLarge: string[] = [];
  let left = budget;
  files.forEach((file, i) => {
    if (file.bytes <= left) {
      attached.push({ path: path.resolve(dataDir, file.path), name: names[i]! });
      left -= file.bytes;
    } else {
      tooLarge.push(`  - ${names[i]!} (${megabytes(file.bytes)})`);
    }
  });
  return {
    recipient: item.recipient,
    messageId: item.message_id,
    subject: `Your flight video and photos – ${sale.passengerNames}`,
    body: [
      `Hello ${sale.passengerNames},`,
      '',
      'Thank you for flying with us. Your souvenir files are attached:',
      ...attached.map((file) => `  - ${file.name}`),
      ...(tooLarge.length > 0
        ? [
            '',
            'These are too large to send by e-mail, so they are not attached:',
            ...tooLarge,
            link
              ? 'Download them with the link below while you are at the airfield, or ask us for a copy on a USB stick.'
              : 'Download them with the QR code on your receipt while you are at the airfield, or ask us for a copy on a USB stick.',
          ]
        : []),
      ...(link
        ? [
            '',
            'Download everything on your phone (on the airfield’s Wi-Fi, until ' +
              `${link.expiresAt.slice(0, 16).replace('T', ' ')} UTC):`,
            link.url,
          ]
        : []),
      '',
      'Enjoy watching your flight again!',
    ].join('\n'),
    files: attached,
  };
}

/** A poster the kiosk already made of one of the flight's scenes (`thumbs/<scene>/camera<N>-poster-….jpg`). */
async function previewStill(db: Kysely<Database>, dataDir: string, recordingId: string) {
  const scenes = await db
    .selectFrom('scene_recordings')
    .select('id')
    .where('recording_id', '=', recordingId)
    .orderBy('scene_index')
    .execute();
  for (const scene of scenes) {
    const dir = path.join(dataDir, THUMBS_FOLDER, scene.id);
    const names = await readdir(dir).catch(() => [] as string[]);
    const poster = names.filter((name) => /^camera[12]-poster(-[^/]*)?\.jpg$/.test(name)).sort()[0];
    if (!poster) continue;
    const info = await stat(path.join(dir, poster)).catch(() => null);
    if (info?.isFile()) return path.join(dir, poster);
  }
  return null;
}

export async function followUpMessage(
  db: Kysely<Database>,
  dataDir: string,
  item: OutboxItem,
): Promise<MessageOutcome> {
  const flight = item.recording_id
    ? await db
        .selectFrom('flight_recordings')
        .select(['id', 'passenger_names', 'contact_consent'])
        .where('id', '=', item.recording_id)
        .executeTakeFirst()
    : undefined;
  if (!flight) return { cancel: 'The flight was removed, so no follow-up was sent.' };
  if (flight.contact_consent !== 1)
    return { cancel: 'The passenger no longer agrees to be contacted, so no follow-up was sent.' };
  const sold = await db
    .selectFrom('sales')
    .select('id')
    .where('recording_id', '=', flight.id)
    .where('status', '=', 'completed')
    .executeTakeFirst();
  if (sold)
    return { cancel: 'The passenger bought their flight’s video or photos, so no follow-up was sent.' };
  const still = await previewStill(db, dataDir, flight.id);
  return {
    recipient: item.recipient,
    messageId: item.message_id,
    subject: `Your flight with us – ${flight.passenger_names}`,
    body: [
      `Hello ${flight.passenger_names},`,
      '',
      'Thank you for flying with us! We filmed your flight, and the video and photos are still waiting for you.',
      ...(still ? ['A still from your flight is attached.'] : []),
      '',
      'Reply to this e-mail or come by the desk to get them.',
    ].join('\n'),
    files: still ? [{ path: still, name: 'your-flight.jpg' }] : [],
  };
}
