// Admin: the price rules — discounts and combos checkout applies by itself. The single best rule for the
// customer applies to a sale (never two together); the receipt says which. Rules can be switched off for a
// while, or deleted (past sales keep their discount and the rule's name).
import { useEffect, useState } from 'react';
import type { PriceRuleView } from '../../shared/pricing';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { navigate } from '../shell/route';
import { describeRule } from './describe-rule';
import { PriceRuleDialog } from './PriceRuleDialog';
import { usePricingStore } from './store';
import './pricing.css';

export function PriceRulesScreen() {
  const { list, error, load, save, remove, saving, saveError, clearSaveError } = usePricingStore();
  const [editing, setEditing] = useState<PriceRuleView | 'new' | null>(null);
  const [deleting, setDeleting] = useState<PriceRuleView | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const currency = list?.currency ?? '';
  const labelOf = (code: string) => list?.bundles.find((b) => b.code === code)?.label ?? code;
  const switchRule = (rule: PriceRuleView) =>
    void save({
      id: rule.id,
      name: rule.name,
      condition: rule.condition,
      bundles: rule.bundles,
      effect: rule.effect,
      validFrom: rule.validFrom,
      validUntil: rule.validUntil,
      active: !rule.active,
    });
  return (
    <div className="admin-screen price-rules-screen">
      <div className="screen-heading">
        <h1>Price rules</h1>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => navigate('bundles')}>
            ← Bundles
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Add a rule
          </button>
        </div>
      </div>
      <p className="lead">
        Checkout applies the one rule that saves the customer most (never two together) and the receipt names
        it. An admin can still change the amount by hand.
      </p>
      {error && (
        <ErrorPanel title="The price rules could not be read" error={error} onAction={() => void load()} />
      )}
      {saveError && !editing && (
        <ErrorPanel
          title="The rule was not changed"
          error={saveError}
          actionLabel="OK"
          onAction={clearSaveError}
        />
      )}
      {list && list.rules.length === 0 && (
        <p className="lead">No price rules yet: every bundle sells at its catalogue price.</p>
      )}
      <ul className="list" aria-label="Price rules">
        {list?.rules.map((rule) => (
          <li key={rule.id} className={rule.active ? 'list-row' : 'list-row inactive'}>
            <div className="list-main">
              <span className="list-title">
                {rule.name}{' '}
                <span className={rule.active ? 'chip chip-good' : 'chip chip-muted'}>
                  {rule.active ? 'On' : 'Off'}
                </span>
              </span>
              <span className="list-detail">
                {describeRule(rule, currency, labelOf)} · {rule.usedCount} sold
              </span>
            </div>
            <div className="list-actions">
              <button
                type="button"
                className="button"
                aria-label={`Edit ${rule.name}`}
                onClick={() => setEditing(rule)}
              >
                Edit
              </button>
              <button
                type="button"
                className="button"
                aria-label={`${rule.active ? 'Switch off' : 'Switch on'} ${rule.name}`}
                disabled={saving}
                onClick={() => switchRule(rule)}
              >
                {rule.active ? 'Switch off' : 'Switch on'}
              </button>
              <button
                type="button"
                className="button button-danger"
                aria-label={`Delete ${rule.name}`}
                onClick={() => setDeleting(rule)}
              >
                Delete
              </button>
            </div>
          </li>
        ))}
      </ul>
      {editing && list && (
        <PriceRuleDialog
          rule={editing === 'new' ? null : editing}
          list={list}
          onClose={() => setEditing(null)}
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete “${deleting.name}”?`}
          confirmLabel="Delete the rule"
          cancelLabel="Keep it"
          busy={saving}
          onCancel={() => setDeleting(null)}
          onConfirm={() => void remove(deleting.id).then(() => setDeleting(null))}
        >
          <p>
            Checkout stops applying it. The {deleting.usedCount} sale(s) it priced keep their discount and its
            name on their receipts. To stop it for a while only, switch it off instead.
          </p>
        </ConfirmDialog>
      )}
    </div>
  );
}
