// The amount to charge: the bundle's price as main quoted it (the list price, less the price rule that
// applies, named), which an admin can change by typing another amount and saying why.
import { TextField } from '../components/TextField';
import { formatMoney } from '../format';
import type { CheckoutForm } from './useCheckoutForm';

export function CheckoutAmount({ form, currency }: { form: CheckoutForm; currency: string }) {
  const { isAdmin, changingAmount, bundle, amountCents } = form;
  return (
    <>
      <span className="checkout-label">Amount</span>
      <div className="checkout-amount">
        <strong className="checkout-price" aria-label="Amount to charge">
          {amountCents === null ? '—' : formatMoney(amountCents, currency)}
        </strong>
        {isAdmin && !changingAmount && bundle && (
          <button
            type="button"
            className="button"
            aria-label="Change amount"
            onClick={() => form.changeAmount(bundle.quote.priceCents)}
          >
            Change
          </button>
        )}
        {isAdmin && changingAmount && (
          <button
            type="button"
            className="button"
            aria-label="Use the catalogue price"
            onClick={form.chargeCataloguePrice}
          >
            Use price
          </button>
        )}
      </div>
      {bundle && bundle.quote.discountCents > 0 && (
        <p className="checkout-rule" aria-label="Price rule">
          List price {formatMoney(bundle.quote.listPriceCents, currency)} · {bundle.quote.ruleLabel}{' '}
          <strong>−{formatMoney(bundle.quote.discountCents, currency)}</strong>
        </p>
      )}
      {changingAmount && (
        <div className="checkout-override">
          <TextField
            label="Amount charged"
            value={form.amountText}
            onChange={form.setAmountText}
            keys="amount"
            maxLength={9}
          />
          <TextField
            label="Why it differs from the price"
            value={form.reason}
            onChange={form.setReason}
            maxLength={300}
          />
        </div>
      )}
    </>
  );
}
