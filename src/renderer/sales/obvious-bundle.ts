// Which bundle checkout starts with, so the crew tap only when the customer wants another: the only one that
// can be sold; else the first (in the catalogue's order) the flight has everything for; else, while the video
// is being made, the first whose only missing part is that video; else the first that can be sold.
import type { BundleOffer, ReadyFlight } from '../../shared/sales';

type Flight = Pick<ReadyFlight, 'videoUrl' | 'stillCount' | 'airtourPhotoCount'>;

/** The bundle lacks nothing but the video (photos and air-tour photos it includes are there). */
function onlyVideoMissing(offer: BundleOffer, flight: Flight): boolean {
  if (!offer.includesVideo || flight.videoUrl) return false;
  if (offer.includesPhotos && flight.stillCount === 0) return false;
  return !(offer.includesAirtourPhotos && flight.airtourPhotoCount === 0);
}

export function obviousBundle(
  offers: readonly BundleOffer[],
  flight: Flight,
  videoBeingMade: boolean,
): BundleOffer | null {
  const sellable = offers.filter((offer) => offer.unavailable === null);
  if (sellable.length <= 1) return sellable[0] ?? null;
  return (
    sellable.find((offer) => offer.missing === null) ??
    (videoBeingMade ? sellable.find((offer) => onlyVideoMissing(offer, flight)) : undefined) ??
    sellable[0] ??
    null
  );
}
