// The photos main proposes for a flight from one card: only those taken in the flight's time window, each with
// its name, time and size, and a mark when it is already in a flight. The crew untick what does not belong;
// a photo already in another flight is unticked at first and, if ticked, asked about once more before import.
import { useState } from 'react';
import type { PhotoPreview, ProposedPhoto } from '../../shared/photos';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Dialog } from '../components/Dialog';
import { formatBytes, plural } from '../format';
import type { PhotoProposal } from './store';
import './photos.css';

const clock = (iso: string) => new Date(iso).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
const photos = (n: number) => plural(n, 'photo');

function windowWords(window: PhotoPreview['window']): string {
  const span = `${clock(window.from)} and ${clock(window.to)}`;
  return window.basis === 'scenes'
    ? `Photos taken between ${span}: from 30 minutes before this flight’s first scene to 30 minutes after its last.`
    : `Photos taken between ${span}: within 2 hours of the booked time, as this flight is not filmed yet.`;
}

function earlierWords(photo: ProposedPhoto): string | null {
  const before = photo.importedBefore;
  if (!before) return null;
  if (before.thisFlight) return 'Already in this flight';
  return before.passengerNames ? `Already in ${before.passengerNames}’s flight` : 'Already in another flight';
}

const inOtherFlight = (photo: ProposedPhoto) =>
  photo.importedBefore !== null && !photo.importedBefore.thisFlight;

export function PhotoProposalDialog({
  proposal,
  onImport,
  onClose,
}: {
  proposal: PhotoProposal;
  onImport(photoIds: string[], duplicates: string[]): void;
  onClose(): void;
}) {
  const { preview, source } = proposal;
  const [chosen, setChosen] = useState(
    () => new Set(preview.photos.filter((p) => p.importedBefore === null).map((p) => p.id)),
  );
  const [asking, setAsking] = useState(false);
  const picked = preview.photos.filter((p) => chosen.has(p.id));
  const duplicates = picked.filter(inOtherFlight);
  const toggle = (id: string) =>
    setChosen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const importNow = () =>
    onImport(
      picked.map((p) => p.id),
      duplicates.map((p) => p.id),
    );

  return (
    <Dialog title={`Photos from ${source.label}`} onClose={onClose}>
      <p className="lead">{windowWords(preview.window)}</p>
      {preview.photos.length === 0 ? (
        <p className="lead" role="status">
          No photo on this card was taken during this flight. Check that this is the right card and the right
          flight, or that the camera’s clock is set.
        </p>
      ) : (
        <ul className="photo-proposal" aria-label="Proposed photos">
          {preview.photos.map((photo) => {
            const here = photo.importedBefore?.thisFlight ?? false;
            const earlier = earlierWords(photo);
            return (
              <li key={photo.id}>
                <label className={`photo-choice${inOtherFlight(photo) ? ' photo-choice-warn' : ''}`}>
                  <input
                    type="checkbox"
                    checked={chosen.has(photo.id)}
                    disabled={here}
                    onChange={() => toggle(photo.id)}
                  />
                  <span className="photo-choice-name">{photo.name}</span>
                  <span className="photo-choice-time">
                    {clock(photo.takenAt)}
                    {photo.timeFrom === 'file' ? ' (file time)' : ''}
                  </span>
                  <span className="photo-choice-size">{formatBytes(photo.bytes)}</span>
                  {earlier && <span className="photo-choice-earlier">{earlier}</span>}
                </label>
              </li>
            );
          })}
        </ul>
      )}
      <p className="photo-proposal-note">
        {[
          preview.outsideWindow > 0 &&
            (preview.outsideWindow === 1
              ? '1 photo taken at another time is not shown.'
              : `${preview.outsideWindow} photos taken at other times are not shown.`),
          preview.unreadable > 0 &&
            (preview.unreadable === 1
              ? '1 file could not be read as a photo and is left out.'
              : `${preview.unreadable} files could not be read as photos and are left out.`),
          preview.truncated &&
            'Only the first 1,000 photos of this flight are shown: import them, then look again.',
        ]
          .filter(Boolean)
          .join(' ')}
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={picked.length === 0}
          onClick={() => (duplicates.length > 0 ? setAsking(true) : importNow())}
        >
          {picked.length === 0 ? 'Choose photos to import' : `Import ${photos(picked.length)}`}
        </button>
      </div>
      {asking && (
        <ConfirmDialog
          title="Import photos that are in another flight?"
          confirmLabel={`Import ${photos(duplicates.length)} anyway`}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            importNow();
          }}
        >
          <p>
            {duplicates.length === 1 ? 'This photo is' : 'These photos are'} already in another customer’s
            flight ({duplicates.map((p) => p.name).join(', ')}). Both customers will receive{' '}
            {duplicates.length === 1 ? 'it' : 'them'}. Import only if the photo really shows this flight’s
            passengers too.
          </p>
        </ConfirmDialog>
      )}
    </Dialog>
  );
}
