// The `delivery` area: handing a sold flight's video and photos to the customer without the internet — a copy
// onto a USB drive or folder, a download link (shown as a QR code) that phones on the kiosk's network open, and
// an outbox of e-mails that go out whenever the kiosk has a connection.
import { z } from 'zod';
import { emailSchema } from './contact';
import { EXAMPLE_ID, GROUND_CREW, channel, event, idSchema } from './define';

/** A place main offers to copy a sale's files to: the kiosk's deliveries folder or a removable drive. */
export interface DeliveryTarget {
  /** Opaque: the screen sends it back, never a path. */
  id: string;
  label: string;
  kind: 'folder' | 'drive';
  /** Free space on it; null when the drive does not say. */
  freeBytes: number | null;
}

export interface DeliveryCopyResult {
  /** Where the files are, in words for the crew: "Drive KINGSTON › MagnumStream › Anna-Keller-3f2b9c1e". */
  folder: string;
  files: number;
  bytes: number;
  /** What the bundle includes that the flight does not have yet ("Not ready yet: the photos."), or null. */
  missing: string | null;
}

export interface DeliveryProgress {
  saleId: string;
  /** Writing the files, then reading them back from the drive to check them against the kiosk's. */
  stage: 'copy' | 'check';
  copiedBytes: number;
  totalBytes: number;
  /** The file being copied, as it is named on the drive. */
  fileName: string;
  done: boolean;
}

/** A square QR code: `rows[y][x]` is '1' for a dark module. The screen adds the quiet zone. */
export interface QrMatrix {
  size: number;
  rows: string[];
}

export interface DownloadLinkView {
  id: string;
  saleId: string;
  createdAt: string;
  expiresAt: string;
  downloadCount: number;
  lastDownloadAt: string | null;
}

/** A link just made: the only time its address exists outside the customer's phone (main keeps a hash). */
export interface CreatedDownloadLink extends DownloadLinkView {
  url: string;
  qr: QrMatrix;
  fileCount: number;
}

/** The USB drives plugged in now, sent when one is plugged in or taken out (main looks about once a second). */
export interface DrivesChanged {
  drives: DeliveryTarget[];
  /** The ids of the drives that were not there at the last look: an open receipt copies onto those by itself. */
  added: string[];
}

/**
 * The customer screen's address after the app's page: the renderer opens it, and Electron's main lets exactly this
 * one window open (src/main/electron/security.ts).
 */
export const CUSTOMER_SCREEN_HASH = '#/customer-screen';

/** What the customer-facing screen shows for a sale whose receipt shows its download QR. */
export interface CustomerScreenView {
  saleId: string;
  /** The first passenger's first name, to greet them ("Anna"). */
  firstName: string;
  operatorName: string;
  url: string;
  qr: QrMatrix;
  /** When the screen goes back to its welcome picture by itself. */
  showUntil: string;
}

export interface CustomerScreenCleared {
  /** The sale whose QR must go (its link was switched off), or null for whatever is shown (a new sale). */
  saleId: string | null;
}

export const OUTBOX_STATES = ['pending', 'sending', 'sent', 'failed', 'cancelled'] as const;
export type OutboxState = (typeof OUTBOX_STATES)[number];

export interface OutboxItemView {
  id: string;
  saleId: string;
  channel: 'email';
  recipient: string;
  status: OutboxState;
  attempts: number;
  /** Why the last try did not go out, in words the crew can act on. */
  lastError: string | null;
  nextAttemptAt: string;
  createdAt: string;
  sentAt: string | null;
}

const targetId = z.string().min(1).max(128);

export const deliveryChannels = {
  'delivery.targets': channel<DeliveryTarget[]>()({
    summary: 'Where a sale’s files can be copied: the kiosk’s deliveries folder and every removable drive.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'delivery.copy': channel<DeliveryCopyResult>()({
    summary:
      'Copies a sale’s video and photos into a folder of their own on a drive, with progress. A copy that fails leaves nothing behind.',
    input: z.strictObject({ saleId: idSchema, targetId }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID, targetId: 'deliveries-folder' },
  }),
  'delivery.createLink': channel<CreatedDownloadLink>()({
    summary:
      'Makes a download link for a sale’s files that phones on the kiosk’s network can open, valid for the hours the settings say.',
    input: z.strictObject({ saleId: idSchema }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID },
  }),
  'delivery.showLink': channel<CreatedDownloadLink>()({
    summary:
      'The sale’s download QR for its receipt, shown without a tap: the link this kiosk made for it while that still works, otherwise a new one. The customer screen shows it too.',
    input: z.strictObject({ saleId: idSchema }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID },
  }),
  'delivery.clearCustomerScreen': channel<CustomerScreenCleared>()({
    summary: 'Puts the customer screen back to its welcome picture, as when the next sale starts.',
    input: z.strictObject({}),
    access: GROUND_CREW,
    example: {},
  }),
  'delivery.links': channel<DownloadLinkView[]>()({
    summary: 'A sale’s download links that still work, newest first, with how often they were used.',
    input: z.strictObject({ saleId: idSchema }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID },
  }),
  'delivery.revokeLink': channel<DownloadLinkView>()({
    summary: 'Stops a download link at once.',
    input: z.strictObject({ linkId: idSchema }),
    access: GROUND_CREW,
    example: { linkId: EXAMPLE_ID },
  }),
  'delivery.queueEmail': channel<OutboxItemView>()({
    summary:
      'Puts an e-mail with a sale’s files in the outbox, to the address given or the sale’s own. It goes out when the kiosk has a connection.',
    input: z.strictObject({ saleId: idSchema, email: emailSchema.optional() }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID, email: 'anna@example.com' },
  }),
  'delivery.outbox': channel<OutboxItemView[]>()({
    summary: 'E-mails waiting, sent or given up: of one sale, or of every sale the caller may see.',
    input: z.strictObject({ saleId: idSchema.optional() }),
    access: GROUND_CREW,
    example: { saleId: EXAMPLE_ID },
  }),
  'delivery.cancelEmail': channel<OutboxItemView>()({
    summary: 'Takes an e-mail that has not gone out yet out of the outbox.',
    input: z.strictObject({ id: idSchema }),
    access: GROUND_CREW,
    example: { id: EXAMPLE_ID },
  }),
};

export const deliveryEvents = {
  'delivery.progress': event<DeliveryProgress>()({
    summary: 'Bytes copied so far to a drive for a sale, a few times a second, and once more when done.',
  }),
  'delivery.outboxChanged': event<OutboxItemView>()({
    summary: 'An outbox e-mail was queued, tried, sent, given up or cancelled.',
  }),
  'delivery.drivesChanged': event<DrivesChanged>()({
    summary: 'A USB drive was plugged in or taken out; every drive there now, and which are new.',
  }),
  'delivery.customerScreen': event<CustomerScreenView>()({
    summary: 'A receipt shows a sale’s download QR: the customer screen shows it large, with a greeting.',
  }),
  'delivery.customerScreenCleared': event<CustomerScreenCleared>()({
    summary: 'The customer screen goes back to its welcome picture.',
  }),
};
