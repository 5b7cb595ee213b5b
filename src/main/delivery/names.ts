// What a sale's files are called once they leave the kiosk: on a USB drive and in a phone's downloads. The
// passenger's name makes them findable; the flight's id in the folder keeps two "Anna Keller"s apart
// (PRODUCT.md: duplicate names collided on disk in the system this replaces).
import path from 'node:path';
import type { Deliverable } from '../sales/files';

const MAX_NAME = 40;

/** "Anna & Ben Keller" → "Anna-Ben-Keller": letters and digits of any script, joined by dashes. */
export function safePassengerName(passengerNames: string): string {
  const clean = passengerNames
    .normalize('NFC')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_NAME)
    .replace(/-+$/, '');
  return clean || 'Flight';
}

/** The folder a sale's copy goes into: `<passenger>-<first 8 of the flight id>`. */
export function deliveryFolderName(passengerNames: string, recordingId: string): string {
  return `${safePassengerName(passengerNames)}-${recordingId.slice(0, 8)}`;
}

function extensionOf(file: string): string {
  const ext = path.posix.extname(file).toLowerCase();
  return /^\.[a-z0-9]{1,5}$/.test(ext) ? ext : '';
}

/** One name per file, in the same order: "Anna-Keller-video.mp4", "Anna-Keller-photo-01.jpg", … */
export function deliveryFileNames(files: readonly Deliverable[], passengerNames: string): string[] {
  const base = safePassengerName(passengerNames);
  const counters = { still: 0, airtour_photo: 0 };
  return files.map((file) => {
    const ext = extensionOf(file.path);
    if (file.kind === 'video') return `${base}-video${ext}`;
    counters[file.kind] += 1;
    const n = String(counters[file.kind]).padStart(2, '0');
    return `${base}-${file.kind === 'still' ? 'photo' : 'air-tour'}-${n}${ext}`;
  });
}
