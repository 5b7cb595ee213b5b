// Adding or changing one price rule: its kind, when it applies, to which bundles, what it takes off, and on
// which days. Main checks everything again (src/shared/pricing.ts); this form only says what is missing.
import { useEffect, useState } from 'react';
import {
  MAX_PERCENT_OFF,
  type PriceEffectName,
  type PriceRuleKindName,
  type PriceRuleList,
  type PriceRuleView,
  PRICE_RULE_KIND_LABELS,
} from '../../shared/pricing';
import type { RawInputOf } from '../../shared/contract';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { amountProblem, parseAmount } from '../format';
import { readClockTime } from './describe-rule';
import { usePricingStore } from './store';
import { ActionButton } from '../components/ActionButton';

const EFFECT_LABELS: Record<PriceEffectName, string> = {
  percent_off: 'Percent off',
  amount_off: 'Amount off',
  fixed_price: 'Fixed price',
};
const DAY = /^\d{4}-\d{2}-\d{2}$/;

export function PriceRuleDialog({
  rule,
  list,
  onClose,
}: {
  rule: PriceRuleView | null;
  list: PriceRuleList;
  onClose(): void;
}) {
  const { save, saving, saveError, clearSaveError } = usePricingStore();
  const condition = rule?.condition;
  const [name, setName] = useState(rule?.name ?? '');
  const [kind, setKind] = useState<PriceRuleKindName>(condition?.kind ?? 'nth_sale');
  const [nth, setNth] = useState(String(condition?.kind === 'nth_sale' ? condition.nth : 2));
  const [from, setFrom] = useState(condition?.kind === 'flight_time' ? condition.from : '');
  const [to, setTo] = useState(condition?.kind === 'flight_time' ? condition.to : '');
  const [bundles, setBundles] = useState<string[]>(rule?.bundles ?? []);
  const [effect, setEffect] = useState<PriceEffectName>(rule?.effect.type ?? 'percent_off');
  const [value, setValue] = useState(
    rule
      ? rule.effect.type === 'percent_off'
        ? String(rule.effect.value)
        : (rule.effect.value / 100).toFixed(2)
      : '',
  );
  const [validFrom, setValidFrom] = useState(rule?.validFrom ?? '');
  const [validUntil, setValidUntil] = useState(rule?.validUntil ?? '');
  const [active, setActive] = useState(rule?.active ?? true);
  useEffect(() => clearSaveError, [clearSaveError]);

  const fromTime = readClockTime(from);
  const toTime = readClockTime(to);
  const percent = /^\d{1,2}$/.test(value.trim()) ? Number(value.trim()) : null;
  const effectValue = effect === 'percent_off' ? percent : parseAmount(value);
  const needsBundles = kind === 'bundle' || effect === 'fixed_price';
  const valueProblem =
    effect !== 'percent_off'
      ? amountProblem(value, 'amount', '5.00', list.currency)
      : percent === null || percent < 1
        ? `Type the percent off, 1 to ${MAX_PERCENT_OFF}.`
        : null;
  const problem = !name.trim()
    ? 'Give the rule a name.'
    : kind === 'flight_time' && (fromTime === null || toTime === null)
      ? 'Type both times, for example 18.00 and 20.30.'
      : kind === 'flight_time' && fromTime === toTime
        ? 'The two times must differ.'
        : needsBundles && bundles.length === 0
          ? 'Pick the bundle(s) it is for.'
          : valueProblem
            ? valueProblem
            : (validFrom && !DAY.test(validFrom)) || (validUntil && !DAY.test(validUntil))
              ? 'Type days as year-month-day, e.g. 2026-07-01, or leave them empty.'
              : null;

  const input = (): RawInputOf<'pricing.save'> => ({
    ...(rule ? { id: rule.id } : {}),
    name: name.trim(),
    condition:
      kind === 'nth_sale'
        ? { kind, nth: Number(nth) }
        : kind === 'flight_time'
          ? { kind, from: fromTime ?? '', to: toTime ?? '' }
          : { kind },
    bundles,
    effect: { type: effect, value: effectValue ?? 0 },
    validFrom: validFrom || null,
    validUntil: validUntil || null,
    active,
  });
  const toggleBundle = (code: string) =>
    setBundles((current) =>
      current.includes(code) ? current.filter((c) => c !== code) : [...current, code],
    );

  return (
    <Dialog title={rule ? `Edit ${rule.name}` : 'Add a price rule'} onClose={onClose}>
      <div className="form price-rule-form">
        <TextField label="Name (printed on the receipt)" value={name} onChange={setName} maxLength={40} />
        <Segmented
          label="Kind of rule"
          options={(Object.keys(PRICE_RULE_KIND_LABELS) as PriceRuleKindName[]).map((k) => ({
            value: k,
            label: PRICE_RULE_KIND_LABELS[k],
          }))}
          value={kind}
          onChange={(k) => setKind(k)}
        />
        {kind === 'nth_sale' && (
          <Segmented
            label="From which sale of the same flight"
            options={['2', '3', '4', '5'].map((n) => ({
              value: n,
              label: n === '2' ? '2nd on' : `${n}th on`,
            }))}
            value={nth}
            onChange={setNth}
          />
        )}
        {kind === 'flight_time' && (
          <div className="price-rule-pair">
            <TextField
              label="Flights from (time)"
              value={from}
              onChange={setFrom}
              keys="amount"
              maxLength={5}
            />
            <TextField label="Until (not included)" value={to} onChange={setTo} keys="amount" maxLength={5} />
          </div>
        )}
        <span className="checkout-label">
          {needsBundles ? 'For these bundles' : 'For these bundles (none picked: every bundle)'}
        </span>
        <div className="segmented" role="group" aria-label="Bundles">
          {list.bundles.map((bundle) => (
            <button
              key={bundle.code}
              type="button"
              role="switch"
              aria-checked={bundles.includes(bundle.code)}
              className={bundles.includes(bundle.code) ? 'segment selected' : 'segment'}
              onClick={() => toggleBundle(bundle.code)}
            >
              {bundles.includes(bundle.code) ? '✓ ' : ''}
              {bundle.label}
            </button>
          ))}
        </div>
        <Segmented
          label="What it does"
          options={(Object.keys(EFFECT_LABELS) as PriceEffectName[]).map((e) => ({
            value: e,
            label: EFFECT_LABELS[e],
          }))}
          value={effect}
          onChange={(e) => setEffect(e)}
        />
        <TextField
          label={effect === 'percent_off' ? 'Percent off' : `${EFFECT_LABELS[effect]} (${list.currency})`}
          value={value}
          onChange={setValue}
          keys="amount"
          maxLength={9}
        />
        <div className="price-rule-pair">
          <TextField
            label="First day (optional)"
            value={validFrom}
            onChange={setValidFrom}
            keys="phone"
            maxLength={10}
            placeholder="2026-07-01"
          />
          <TextField
            label="Last day (optional)"
            value={validUntil}
            onChange={setValidUntil}
            keys="phone"
            maxLength={10}
            placeholder="2026-08-31"
          />
        </div>
        <Segmented
          label="Applies"
          options={[
            { value: 'on', label: 'On' },
            { value: 'off', label: 'Off' },
          ]}
          value={active ? 'on' : 'off'}
          onChange={(choice) => setActive(choice === 'on')}
        />
        {saveError && (
          <ErrorPanel
            title="The rule was not saved"
            error={saveError}
            actionLabel="OK"
            onAction={clearSaveError}
          />
        )}
        <div className="dialog-actions sticky-actions">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <ActionButton
            label="Save"
            missing={problem}
            busy={saving}
            busyLabel="Saving…"
            onClick={() => void save(input()).then((ok) => ok && onClose())}
          />
        </div>
      </div>
    </Dialog>
  );
}
