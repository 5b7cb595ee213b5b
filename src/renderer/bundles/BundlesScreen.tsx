// Admin: the bundle catalogue. What can be sold, what it includes and at what price. A bundle that has been
// sold can be taken off sale but never deleted, and a new price applies only to sales from now on.
import { useEffect, useState } from 'react';
import type { BundleView } from '../../shared/bundles';
import { Dialog } from '../components/Dialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { Segmented } from '../components/Segmented';
import { TextField } from '../components/TextField';
import { amountProblem, formatMoney, parseAmount } from '../format';
import { navigate } from '../shell/route';
import { useBundlesStore } from '../sales/store';
import '../sales/sales.css';
import { ActionButton } from '../components/ActionButton';

export function BundlesScreen() {
  const { bundles, currency, error, load } = useBundlesStore();
  const [editing, setEditing] = useState<BundleView | 'new' | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <div className="admin-screen bundles-screen">
      <div className="screen-heading">
        <h1>Bundles and prices</h1>
        <div className="heading-actions">
          <button type="button" className="button" onClick={() => navigate('settings')}>
            ← Settings
          </button>
          <button type="button" className="button" onClick={() => navigate('pricing')}>
            Price rules
          </button>
          <button type="button" className="button button-primary" onClick={() => setEditing('new')}>
            Add a bundle
          </button>
        </div>
      </div>
      <p className="lead">Changing a price changes only sales from now on: past sales keep what was paid.</p>
      {error && (
        <ErrorPanel title="The bundles could not be read" error={error} onAction={() => void load()} />
      )}
      <ul className="list" aria-label="Bundles">
        {bundles.map((bundle) => (
          <li key={bundle.code} className={bundle.active ? 'list-row' : 'list-row inactive'}>
            <div className="list-main">
              <span className="list-title">
                {bundle.label} · {formatMoney(bundle.priceCents, currency ?? '')}
              </span>
              <span className="list-detail">
                {contentsOf(bundle)} · {bundle.soldCount} sold · code {bundle.code}{' '}
                <span className={bundle.active ? 'chip chip-good' : 'chip chip-muted'}>
                  {bundle.active ? 'For sale' : 'Not for sale'}
                </span>
              </span>
            </div>
            <button
              type="button"
              className="button"
              aria-label={`Edit ${bundle.label}`}
              onClick={() => setEditing(bundle)}
            >
              Edit
            </button>
          </li>
        ))}
      </ul>
      {editing && currency && (
        <BundleDialog
          bundle={editing === 'new' ? null : editing}
          currency={currency}
          onClose={() => setEditing(null)}
        />
      )}
    </div>
  );
}

function contentsOf(bundle: Pick<BundleView, 'includesVideo' | 'includesPhotos' | 'includesAirtourPhotos'>) {
  return (
    [
      bundle.includesVideo ? 'Video' : null,
      bundle.includesPhotos ? 'Photos' : null,
      bundle.includesAirtourPhotos ? 'Air-tour photos' : null,
    ]
      .filter(Boolean)
      .join(' + ') || 'Nothing'
  );
}

/** A code from a new bundle's name: "Video + USB" → "video_usb". */
function codeFrom(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^[^a-z]+|_+$/g, '')
    .slice(0, 40);
}

function BundleDialog({
  bundle,
  currency,
  onClose,
}: {
  bundle: BundleView | null;
  currency: string;
  onClose(): void;
}) {
  const { bundles, save, saving, saveError, clearSaveError } = useBundlesStore();
  const [label, setLabel] = useState(bundle?.label ?? '');
  const [price, setPrice] = useState(bundle ? (bundle.priceCents / 100).toFixed(2) : '');
  const [includes, setIncludes] = useState({
    includesVideo: bundle?.includesVideo ?? true,
    includesPhotos: bundle?.includesPhotos ?? false,
    includesAirtourPhotos: bundle?.includesAirtourPhotos ?? false,
  });
  const [active, setActive] = useState(bundle?.active ?? true);
  useEffect(() => clearSaveError, [clearSaveError]);
  const priceProblem = amountProblem(price, 'price', '45.00', currency);
  const priceCents = priceProblem ? null : parseAmount(price);
  const code = bundle?.code ?? codeFrom(label);
  // Saving a bundle's code changes that bundle: a new one named like another would silently take over its
  // name, price and contents. Two bundles of one name would also confuse the crew at checkout.
  const sameName = (other: BundleView) =>
    other.code !== bundle?.code &&
    (other.label.trim().toLowerCase() === label.trim().toLowerCase() || (!bundle && other.code === code));
  const namesake = bundles.find(sameName);
  const problem = !label.trim()
    ? 'Give the bundle a name.'
    : namesake
      ? `There is already a bundle called “${namesake.label}”: pick another name.`
      : priceProblem
        ? priceProblem
        : !includes.includesVideo && !includes.includesPhotos && !includes.includesAirtourPhotos
          ? 'A bundle includes the video, photos or both.'
          : code.length < 2
            ? 'Start the name with a letter.'
            : null;
  const toggle = (key: keyof typeof includes, text: string) => (
    <button
      type="button"
      role="switch"
      aria-checked={includes[key]}
      className={includes[key] ? 'segment selected' : 'segment'}
      onClick={() => setIncludes((current) => ({ ...current, [key]: !current[key] }))}
    >
      {includes[key] ? '✓ ' : ''}
      {text}
    </button>
  );
  return (
    <Dialog title={bundle ? `Edit ${bundle.label}` : 'Add a bundle'} onClose={onClose}>
      <div className="form bundle-form">
        <TextField label="Name" value={label} onChange={setLabel} maxLength={60} />
        <p className="bundle-code">
          Code <strong>{code || '—'}</strong>
          {bundle ? '' : ': made from the name, and fixed once saved (sales refer to it).'}
        </p>
        <TextField
          label={`Price (${currency})`}
          value={price}
          onChange={setPrice}
          keys="amount"
          maxLength={9}
        />
        {bundle && priceCents !== null && priceCents !== bundle.priceCents && (
          <p className="inline-ok">
            Past sales keep what was paid; {formatMoney(priceCents, currency)} applies from the next sale.
          </p>
        )}
        <div className="segmented" role="group" aria-label="Includes">
          {toggle('includesVideo', 'Video')}
          {toggle('includesPhotos', 'Photos')}
          {toggle('includesAirtourPhotos', 'Air-tour photos')}
        </div>
        <Segmented
          label="Availability"
          options={[
            { value: 'on', label: 'For sale' },
            { value: 'off', label: 'Not for sale' },
          ]}
          value={active ? 'on' : 'off'}
          onChange={(choice) => setActive(choice === 'on')}
        />
        {saveError && (
          <ErrorPanel
            title="The bundle was not saved"
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
            onClick={() =>
              priceCents !== null &&
              void save({ code, label: label.trim(), priceCents, active, adding: !bundle, ...includes }).then(
                (ok) => ok && onClose(),
              )
            }
          />
        </div>
      </div>
    </Dialog>
  );
}
