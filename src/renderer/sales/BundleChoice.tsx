// One bundle the customer can pick at checkout: its name, price (with the price rule that lowers it, if one
// does), what it holds and what is not made yet;
// greyed out, with the reason, when the flight cannot be sold it (no footage to make it from).
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
  const whyId = `bundle-${offer.code}-unavailable`;
  const { quote } = offer;
  return (
    <button
      type="button"
      role="radio"
      aria-checked={selected}
      aria-label={`${offer.label}, ${formatMoney(quote.priceCents, currency)}`}
      aria-describedby={offer.unavailable ? whyId : undefined}
      disabled={offer.unavailable !== null}
      className={selected ? 'tile-button bundle-choice selected' : 'tile-button bundle-choice'}
      onClick={onPick}
    >
      <span className="bundle-choice-name">{offer.label}</span>
      <span className="bundle-choice-price">
        {quote.discountCents > 0 && (
          <s className="bundle-choice-list-price">{formatMoney(quote.listPriceCents, currency)}</s>
        )}
        {formatMoney(quote.priceCents, currency)}
      </span>
      {quote.ruleLabel && <span className="bundle-choice-rule">{quote.ruleLabel}</span>}
      {!sameWords(offer.label, contents.join(' ')) && (
        <span className="bundle-choice-contents">{contents.join(' + ')}</span>
      )}
      {offer.unavailable ? (
        <span id={whyId} className="bundle-choice-missing">
          {offer.unavailable}
        </span>
      ) : (
        offer.missing && <span className="bundle-choice-missing">{offer.missing}</span>
      )}
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
