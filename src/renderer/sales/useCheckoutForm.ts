// What the crew fill in at checkout, what is still missing before the sale can be taken, and the sale it makes.
// The amount is the price main quoted (catalogue price less the best price rule); only an admin can change it,
// with a reason. Main re-checks every rule, and refuses the sale if its price moved since the quote.
import { useMemo, useState } from 'react';
import type { RawInputOf } from '../../shared/contract';
import type { CheckoutView, PaymentMethodName } from '../../shared/sales';
import { amountProblem, parseAmount } from '../format';
import { navigate } from '../shell/route';
import { useCheckoutStore, useReadyStore } from './store';
import { useSessionStore } from '../auth/session';
import { currentJob, useExportsStore } from '../exports/store';
import { obviousBundle } from './obvious-bundle';

export type CheckoutForm = ReturnType<typeof useCheckoutForm>;

export function useCheckoutForm(view: CheckoutView) {
  const user = useSessionStore((state) => state.user);
  const isAdmin = user?.role === 'admin';
  const { sell, selling, saleError, clearSaleError } = useCheckoutStore();
  const { flight, bundles } = view;
  // Until the crew pick one, the bundle is the obvious one. A video being made counts as coming, and so does one
  // just finished (the checkout is read again a moment later), so the choice does not flicker meanwhile.
  const videoComing = useExportsStore((state) => {
    const status = currentJob(state.jobs, flight.recordingId, 'video')?.status;
    return status === 'pending' || status === 'processing' || status === 'completed';
  });
  const [picked, setBundleCode] = useState<string | null>(null);
  const bundleCode = picked ?? obviousBundle(bundles, flight, videoComing)?.code ?? '';
  const [payment, setPayment] = useState<PaymentMethodName | null>(null);
  const [changingAmount, setChangingAmount] = useState(false);
  const [amountText, setAmountText] = useState('');
  const [reason, setReason] = useState('');
  const [staffId, setStaffId] = useState(user?.id ?? '');
  const [email, setEmail] = useState(flight.customerEmail ?? '');
  const [phone, setPhone] = useState(flight.customerPhone ?? '');
  const [confirming, setConfirming] = useState(false);

  const bundle = bundles.find((candidate) => candidate.code === bundleCode) ?? null;
  const amountProblemText = changingAmount
    ? amountProblem(amountText, 'amount', '40.00', view.currency)
    : null;
  const amountCents = changingAmount
    ? amountProblemText
      ? null
      : parseAmount(amountText)
    : (bundle?.quote.priceCents ?? null);
  const amountChanged = bundle !== null && amountCents !== null && amountCents !== bundle.quote.priceCents;
  const staffName = view.staff.find((person) => person.id === staffId)?.name ?? user?.name ?? '';
  const problems = useMemo(() => {
    const list: string[] = [];
    if (!bundle) list.push('Pick a bundle.');
    else if (bundle.unavailable) list.push(bundle.unavailable);
    if (!payment) list.push('Pick how the customer paid.');
    if (amountProblemText) list.push(amountProblemText);
    if (amountChanged && reason.trim().length < 3) list.push('Say why the amount is different.');
    return list;
  }, [bundle, payment, amountProblemText, amountChanged, reason]);

  const submit = async () => {
    if (!bundle || !payment || amountCents === null) return;
    const input: RawInputOf<'sales.create'> = {
      recordingId: flight.recordingId,
      bundle: bundle.code,
      paymentMethod: payment,
      customerEmail: email.trim(),
      customerPhone: phone.trim(),
      quotedPriceCents: bundle.quote.priceCents,
      ...(amountChanged ? { amountCents, priceChangeReason: reason.trim() } : {}),
      ...(isAdmin && staffId && staffId !== user?.id ? { staffMemberId: staffId } : {}),
    };
    const sale = await sell(input);
    setConfirming(false);
    if (sale) {
      void useReadyStore.getState().load();
      navigate('receipt', sale.id);
    }
  };

  return {
    isAdmin,
    selling,
    saleError,
    clearSaleError,
    bundle,
    bundleCode,
    pickBundle: (code: string) => {
      setBundleCode(code);
      clearSaleError();
    },
    payment,
    setPayment,
    changingAmount,
    /** The admin types the amount, starting from the bundle's price for this flight. */
    changeAmount: (priceCents: number) => {
      setChangingAmount(true);
      setAmountText((priceCents / 100).toFixed(2));
    },
    chargeCataloguePrice: () => {
      setChangingAmount(false);
      setReason('');
    },
    amountText,
    setAmountText,
    reason,
    setReason,
    amountCents,
    amountChanged,
    staffId,
    setStaffId,
    staffName,
    email,
    setEmail,
    phone,
    setPhone,
    problems,
    confirming,
    setConfirming,
    submit,
  };
}
