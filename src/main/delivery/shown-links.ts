// The download link a receipt shows for a sale, kept in main's memory with its address: the database keeps only
// the token's hash (links.ts), so the address of a link made earlier exists nowhere else. Reopening a receipt
// (or a screen re-rendering it) shows the same QR instead of making a new link each time; after a restart of
// the kiosk, or once the link is near its end, the receipt makes a new one.
import type { CreatedDownloadLink } from '../../shared/delivery';

/** A link that ends sooner than this is not shown again: the customer may scan it later on. */
export const REUSE_MARGIN_MS = 30 * 60_000;
/** Sales remembered at most (the oldest shown is forgotten first): a few days of a busy kiosk. */
const MAX_REMEMBERED = 500;

export interface ShownLinks {
  get(saleId: string): CreatedDownloadLink | undefined;
  remember(link: CreatedDownloadLink): void;
  /** A link switched off is never shown again. */
  forgetLink(linkId: string): void;
}

export function createShownLinks(max = MAX_REMEMBERED): ShownLinks {
  const bySale = new Map<string, CreatedDownloadLink>();
  return {
    get: (saleId) => bySale.get(saleId),
    remember(link) {
      bySale.delete(link.saleId);
      bySale.set(link.saleId, link);
      if (bySale.size > max) bySale.delete(bySale.keys().next().value!);
    },
    forgetLink(linkId) {
      for (const [saleId, link] of bySale) if (link.id === linkId) bySale.delete(saleId);
    },
  };
}

/** "Anna & Ben Keller" → "Anna"; "  " → "" (the screen then greets nobody by name). */
export function firstNameOf(passengerNames: string): string {
  return (
    passengerNames
      .trim()
      .split(/[\s,&+/]+/)[0]
      ?.slice(0, 40) ?? ''
  );
}
