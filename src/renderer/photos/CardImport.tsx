// Photos from a photographer's card into this flight: pick the card, confirm the photos main proposes (those
// taken during the flight), and follow the reading and copying with a progress bar.
import { useState } from 'react';
import { Dialog } from '../components/Dialog';
import { ProgressBar } from '../components/ProgressBar';
import { PhotoProposalDialog } from './PhotoProposal';
import { usePhotoImportStore } from './store';
import { plural } from '../format';

const photos = (n: number) => plural(n, 'photo');

export function CardImport({ recordingId }: { recordingId: string }) {
  const { sources, loading, working, proposal, result, error } = usePhotoImportStore();
  const { loadSources, propose, importChosen, closeProposal, reset } = usePhotoImportStore();
  const [choosing, setChoosing] = useState(false);
  const mine = working?.recordingId === recordingId ? working : null;
  const myProposal = proposal?.recordingId === recordingId ? proposal : null;
  return (
    <section className="export-section" aria-label="Photos from a card">
      <h2>Photos from a card</h2>
      {mine ? (
        <div role="status" aria-label="Import progress">
          <ProgressBar
            label={mine.stage === 'reading' ? 'Reading the card' : 'Import'}
            value={mine.total > 0 ? mine.done / mine.total : 0}
          />
          <p className="export-eta">
            {mine.total === 0
              ? 'Looking at the card…'
              : mine.stage === 'reading'
                ? `${mine.done} of ${photos(mine.total)} taken during this flight read`
                : `${mine.done} of ${photos(mine.total)} copied`}
          </p>
        </div>
      ) : (
        <button
          type="button"
          className="button"
          onClick={() => {
            reset();
            setChoosing(true);
            void loadSources();
          }}
        >
          Import photos from a card
        </button>
      )}
      {result && !mine && (
        <p className="inline-ok" role="status">
          ✓ {photos(result.imported)} imported
          {result.skipped > 0
            ? `; ${result.skipped} not copied (already in this flight, or changed or gone from the card)`
            : ''}
          .
        </p>
      )}
      {error && !mine && (
        <p className="inline-error" role="alert">
          {error.message}
        </p>
      )}
      {choosing && (
        <Dialog title="Import photos from" onClose={() => setChoosing(false)}>
          {loading && <p className="lead">Looking for cards and drives…</p>}
          <div className="people-grid">
            {sources?.map((source) => (
              <button
                key={source.id}
                type="button"
                className="person-tile"
                disabled={source.photoCount === 0}
                onClick={() => {
                  setChoosing(false);
                  void propose(recordingId, source);
                }}
              >
                <span className="person-name">{source.label}</span>
                <span className="person-role">{photos(source.photoCount)}</span>
              </button>
            ))}
          </div>
          {sources && sources.every((source) => source.photoCount === 0) && (
            <p className="lead">
              No photos found. Put the card in the reader (or copy the photos into the import folder), then
              close this and tap Import again.
            </p>
          )}
        </Dialog>
      )}
      {myProposal && (
        <PhotoProposalDialog
          proposal={myProposal}
          onClose={closeProposal}
          onImport={(photoIds, duplicates) => void importChosen(photoIds, duplicates)}
        />
      )}
    </section>
  );
}
