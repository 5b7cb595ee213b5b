// Admin: the templates flights are cut with. Pick one, change its eight slots, output, title and assets, save
// it, make it the active one. A flight keeps the slots it was checked in with, whatever happens here later.
import { useEffect, useState } from 'react';
import type { TemplateView } from '../../shared/templates';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { ErrorPanel } from '../components/ErrorPanel';
import { TextField } from '../components/TextField';
import { navigate } from '../shell/route';
import { draftProblem, useTemplatesStore, type TemplateDraft } from './store';
import { AssetChoices, OutputChoices, SlotRows, TitleCard } from './TemplateSections';
import './templates.css';
import { plural } from '../format';

type Asking = { kind: 'switch'; id: string } | { kind: 'activate' } | null;

export function TemplatesScreen() {
  const { templates, draft, dirty, loaded, error, load, edit, clearError } = useTemplatesStore();
  const [asking, setAsking] = useState<Asking>(null);
  useEffect(() => {
    void load();
  }, [load]);

  const pick = (id: string) => {
    if (id === draft?.id && !dirty) return;
    if (dirty) setAsking({ kind: 'switch', id });
    else edit(id);
  };

  return (
    <div className="admin-screen templates-screen">
      <div className="screen-heading">
        <h1>Templates</h1>
        <button type="button" className="button" onClick={() => navigate('settings')}>
          ← Settings
        </button>
      </div>
      <p className="lead">
        A flight takes its eight slots from the active template when it is checked in. Changing a template
        never changes flights already checked in: they keep their slots.
      </p>
      {error && <ErrorPanel title="That did not work" error={error} actionLabel="OK" onAction={clearError} />}
      {!loaded && <p className="lead">Loading templates…</p>}
      <TemplatePicker templates={templates} draft={draft} dirty={dirty} onPick={pick} />
      {draft && <TemplateEditor draft={draft} onActivate={() => setAsking({ kind: 'activate' })} />}
      {asking?.kind === 'switch' && (
        <ConfirmDialog
          title="Discard your changes?"
          confirmLabel="Discard changes"
          onCancel={() => setAsking(null)}
          onConfirm={() => {
            edit(asking.id);
            setAsking(null);
          }}
        >
          <p>
            Your changes to “{draft?.name}” are not saved. Opening another template throws them away. Tap
            Cancel, then “Save template” to keep them.
          </p>
        </ConfirmDialog>
      )}
      {asking?.kind === 'activate' && draft && (
        <ActivateDialog draft={draft} onClose={() => setAsking(null)} />
      )}
    </div>
  );
}

function TemplatePicker(props: {
  templates: TemplateView[];
  draft: TemplateDraft | null;
  dirty: boolean;
  onPick(id: string): void;
}) {
  const { templates, draft, dirty, onPick } = props;
  return (
    <section aria-label="Templates" className="template-picker">
      {templates.map((template) => {
        const open = template.id === draft?.id;
        return (
          <button
            key={template.id}
            type="button"
            className={open ? 'template-card selected' : 'template-card'}
            aria-pressed={open}
            onClick={() => onPick(template.id)}
          >
            <span className="template-card-name">{template.name}</span>
            <span className="chips">
              {template.active && <span className="chip chip-good">Active</span>}
              {open && dirty && <span className="chip chip-warn">Not saved</span>}
            </span>
            <span className="template-card-detail">
              {template.outputWidth} × {template.outputHeight} · {template.frameRate} fps ·{' '}
              {plural(template.flightCount, 'flight')}
            </span>
          </button>
        );
      })}
      {draft && !draft.id && (
        <button type="button" className="template-card selected" aria-pressed="true">
          <span className="template-card-name">{draft.name || 'New template'}</span>
          <span className="chips">
            <span className="chip chip-warn">New, not saved</span>
          </span>
        </button>
      )}
    </section>
  );
}

function TemplateEditor({ draft, onActivate }: { draft: TemplateDraft; onActivate(): void }) {
  const { change } = useTemplatesStore();
  return (
    <section className="template-editor" aria-label="Template editor">
      <div className="template-name">
        <TextField
          label="Template name"
          value={draft.name}
          maxLength={80}
          onChange={(name) => change({ name })}
          problem={draft.name.trim() === '' ? 'Give the template a name.' : null}
        />
      </div>
      <SlotRows slots={draft.slots} />
      <OutputChoices draft={draft} />
      <TitleCard pattern={draft.titlePattern} />
      <AssetChoices draft={draft} />
      <ActionBar draft={draft} onActivate={onActivate} />
    </section>
  );
}

function ActionBar({ draft, onActivate }: { draft: TemplateDraft; onActivate(): void }) {
  const { templates, dirty, busy, done, save, copyAsNew } = useTemplatesStore();
  const saved = templates.find((t) => t.id === draft.id);
  const problem = draftProblem(draft);
  const status = problem ? (
    <span className="inline-error">{problem}</span>
  ) : done === 'activated' ? (
    <span className="inline-ok">✓ Active. Flights checked in from now on use this template.</span>
  ) : done === 'saved' ? (
    <span className="inline-ok">
      ✓ Saved.{' '}
      {saved?.active
        ? 'Flights checked in from now on use it; flights already checked in keep their slots.'
        : 'Tap “Make active” to use it for new flights.'}
    </span>
  ) : dirty ? (
    <span className="template-unsaved">Not saved yet: tap “Save template” to keep these changes.</span>
  ) : saved?.active ? (
    <span>This is the active template: new check-ins take their slots from it.</span>
  ) : (
    <span>Not active: new check-ins do not use this template.</span>
  );
  const activateBlocked = !saved || dirty ? 'Save first, then make it active.' : null;
  return (
    <div className="template-actions" role="region" aria-label="Template actions">
      <p className="template-status" role="status">
        {status}
      </p>
      <div className="template-action-buttons">
        <button type="button" className="button" onClick={copyAsNew} disabled={busy !== null}>
          New from this one
        </button>
        <button
          type="button"
          className="button"
          onClick={onActivate}
          disabled={busy !== null || !!activateBlocked || saved?.active}
        >
          {saved?.active && !dirty ? 'Active' : 'Make active'}
        </button>
        <button
          type="button"
          className="button button-primary"
          disabled={busy !== null || !dirty || !!problem}
          onClick={() => void save()}
        >
          {busy === 'saving' ? 'Saving…' : 'Save template'}
        </button>
      </div>
    </div>
  );
}

function ActivateDialog({ draft, onClose }: { draft: TemplateDraft; onClose(): void }) {
  const { templates, busy, activate } = useTemplatesStore();
  const current = templates.find((t) => t.active);
  return (
    <ConfirmDialog
      title={`Make “${draft.name}” the active template?`}
      confirmLabel={busy === 'activating' ? 'Making it active…' : 'Make active'}
      busy={busy !== null}
      onCancel={onClose}
      onConfirm={() => void activate().then(onClose)}
    >
      <p>
        Flights checked in from now on get its eight slots, video size and title
        {current ? ` instead of “${current.name}”` : ''}. Flights already checked in keep their slots.
      </p>
    </ConfirmDialog>
  );
}
