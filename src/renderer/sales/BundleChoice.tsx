// One bundle the customer can pick at checkout: its name, price, what it holds and what is not made yet.
import type { BundleOffer } from '../../shared/sales';
import { formatMoney } from '../format';

export function BundleChoice({
  offer,
  currency,
  selected,
  onPick,
}: {
  offer: BundleOffer;
  currency: string;
  selected: boolean;
  onPick(): void;
}) {
  const contents = [
    offer.includesVideo ? 'Video' : null,
    offer.includesPhotos ? 'Photos' : null,
    offer.includesAirtourPhotos ? 'Air-tour photos' : null,
  ].filter(Boolean);
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={`${offer.label}, ${formatMoney(offer.priceCents, currency)}`}
      className={selected ? 'tile-button bundle-choice selected' : 'tile-button bundle-choice'}
      onClick={onPick}
    >
      <span className="bundle-choice-name">{offer.label}</span>
      <span className="bundle-choice-price">{formatMoney(offer.priceCents, currency)}</span>
      {!sameWords(offer.label, contents.join(' ')) && (
        <span className="bundle-choice-contents">{contents.join(' + ')}</span>
      )}
      {offer.missing && <span className="bundle-choice-missing">{offer.missing}</span>}
    </button>
  );
}

/** "Video + Photos" and "Video Photos" say the same: the contents line would only repeat the name. */
function sameWords(a: string, b: string): boolean {
  const words = (text: string) =>
    text
      .toLowerCase()
      .replace(/\bonly\b/g, '')
      .replace(/[^a-z]+/g, ' ')
      .trim();
  return words(a) === words(b);
}
