// The template editor's sections: the eight slots, the output size and frame rate, the title card and the
// shipped intro, outro and music. Each edits the draft in the templates store.
import { SCENE_ORDER } from '../../shared/capture';
import {
  EXAMPLE_TITLE_VALUES,
  fillTitlePattern,
  seamlessProblem,
  TEMPLATE_ASSET_KINDS,
  TEMPLATE_FRAME_RATES,
  TEMPLATE_OUTPUT_SIZES,
  TEMPLATE_SLOT_SECONDS,
  TITLE_PATTERN_MAX,
  TITLE_PLACEHOLDERS,
  titlePatternProblems,
  type TemplateAssetKind,
  type TemplateSlot,
} from '../../shared/templates';
import { TextField } from '../components/TextField';
import { SCENE_LABELS } from '../capture/store';
import { useTemplatesStore, type TemplateDraft } from './store';

const ASSET_LABELS: Record<TemplateAssetKind, string> = { intro: 'Intro', outro: 'Outro', music: 'Music' };

export function SlotRows({ slots }: { slots: TemplateSlot[] }) {
  const { changeSlot, stepDuration, toggleSeamless } = useTemplatesStore();
  return (
    <section className="template-section" aria-label="Slots">
      <h2>Slots, in the order of the final video</h2>
      <p className="template-hint">
        Cam 1 is the front camera, Cam 2 the rear one. “Seamless” carries on from the slot before, at the same
        moment of the same scene, seen from the other camera.
      </p>
      <ol className="template-slots">
        {slots.map((slot, index) => {
          const n = slot.slotNumber;
          const reason = seamlessProblem(slots, index);
          return (
            <li key={n} className={`template-slot scene-${slot.sceneType}`} aria-label={`Slot ${n}`}>
              <span className="template-slot-number">Slot {n}</span>
              <div className="segmented" role="group" aria-label={`Slot ${n} scene`}>
                {SCENE_ORDER.map((scene) => (
                  <button
                    key={scene}
                    type="button"
                    className={slot.sceneType === scene ? 'segment selected' : 'segment'}
                    aria-pressed={slot.sceneType === scene}
                    onClick={() => changeSlot(index, { sceneType: scene })}
                  >
                    {SCENE_LABELS[scene]}
                  </button>
                ))}
              </div>
              <div className="segmented" role="group" aria-label={`Slot ${n} camera`}>
                {([1, 2] as const).map((angle) => (
                  <button
                    key={angle}
                    type="button"
                    className={slot.cameraAngle === angle ? 'segment selected' : 'segment'}
                    aria-pressed={slot.cameraAngle === angle}
                    onClick={() => changeSlot(index, { cameraAngle: angle })}
                  >
                    Cam {angle}
                  </button>
                ))}
              </div>
              <div className="template-duration" role="group" aria-label={`Slot ${n} length`}>
                <button
                  type="button"
                  className="button"
                  aria-label={`Shorter: slot ${n}`}
                  disabled={slot.duration <= TEMPLATE_SLOT_SECONDS.min}
                  onClick={() => stepDuration(index, -1)}
                >
                  −
                </button>
                <output aria-label={`Slot ${n} seconds`}>{slot.duration.toFixed(1)} s</output>
                <button
                  type="button"
                  className="button"
                  aria-label={`Longer: slot ${n}`}
                  disabled={slot.duration >= TEMPLATE_SLOT_SECONDS.max}
                  onClick={() => stepDuration(index, 1)}
                >
                  +
                </button>
              </div>
              <button
                type="button"
                className={
                  slot.seamlessWithPrevious
                    ? 'segment selected template-seamless'
                    : 'segment template-seamless'
                }
                aria-pressed={slot.seamlessWithPrevious}
                aria-label={`Slot ${n} seamless with previous`}
                disabled={reason !== null}
                onClick={() => toggleSeamless(index)}
              >
                {slot.seamlessWithPrevious ? '✓ Seamless' : 'Seamless'}
              </button>
              {reason && index > 0 && (
                <span className="template-slot-reason" data-testid={`slot-${n}-seamless-reason`}>
                  No seamless: {reason}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </section>
  );
}

export function OutputChoices({ draft }: { draft: TemplateDraft }) {
  const { change } = useTemplatesStore();
  return (
    <section className="template-section" aria-label="Output">
      <h2>Video size and frame rate</h2>
      <div className="template-choice-row">
        <div className="segmented template-big-choices" role="group" aria-label="Output size">
          {TEMPLATE_OUTPUT_SIZES.map((size) => {
            const selected = draft.outputWidth === size.width && draft.outputHeight === size.height;
            return (
              <button
                key={size.label}
                type="button"
                className={selected ? 'segment selected' : 'segment'}
                aria-pressed={selected}
                onClick={() => change({ outputWidth: size.width, outputHeight: size.height })}
              >
                <span className="choice-main">{size.label}</span>
                <span className="choice-hint">{size.hint}</span>
              </button>
            );
          })}
        </div>
        <div className="segmented template-big-choices" role="group" aria-label="Frame rate">
          {TEMPLATE_FRAME_RATES.map((rate) => (
            <button
              key={rate}
              type="button"
              className={draft.frameRate === rate ? 'segment selected' : 'segment'}
              aria-pressed={draft.frameRate === rate}
              onClick={() => change({ frameRate: rate })}
            >
              <span className="choice-main">{rate} fps</span>
            </button>
          ))}
        </div>
      </div>
    </section>
  );
}

export function TitleCard({ pattern }: { pattern: string }) {
  const { change, insertPlaceholder } = useTemplatesStore();
  const problems = titlePatternProblems(pattern);
  return (
    <section className="template-section" aria-label="Title card">
      <h2>Title card</h2>
      <TextField
        label="Title text (tap a placeholder to add it)"
        value={pattern}
        maxLength={TITLE_PATTERN_MAX}
        onChange={(titlePattern) => change({ titlePattern })}
        problem={problems[0] ?? null}
      />
      <div className="segmented" role="group" aria-label="Placeholders">
        {TITLE_PLACEHOLDERS.map((placeholder) => (
          <button
            key={placeholder.name}
            type="button"
            className="segment"
            aria-label={`Add ${placeholder.label}`}
            disabled={pattern.length + placeholder.name.length + 3 > TITLE_PATTERN_MAX}
            onClick={() => insertPlaceholder(placeholder.name)}
          >
            + {placeholder.label}
          </button>
        ))}
      </div>
      <p className="template-example" aria-label="Title example">
        <span>Example:</span> <strong>{fillTitlePattern(pattern, EXAMPLE_TITLE_VALUES) || '—'}</strong>
      </p>
    </section>
  );
}

export function AssetChoices({ draft }: { draft: TemplateDraft }) {
  const { assets, change } = useTemplatesStore();
  const chosen: Record<TemplateAssetKind, string | null> = {
    intro: draft.introAsset,
    outro: draft.outroAsset,
    music: draft.musicAsset,
  };
  return (
    <section className="template-section" aria-label="Intro, outro and music">
      <h2>Intro, outro and music</h2>
      {TEMPLATE_ASSET_KINDS.map((kind) => {
        // A saved choice that is no longer shipped stays visible, so the admin sees why saving is refused.
        const names = assets?.[kind] ?? [];
        const options = chosen[kind] && !names.includes(chosen[kind]) ? [...names, chosen[kind]] : names;
        return (
          <div key={kind} className="template-asset-row">
            <span className="template-asset-label">{ASSET_LABELS[kind]}</span>
            <div className="segmented" role="group" aria-label={ASSET_LABELS[kind]}>
              {[null, ...options].map((name) => (
                <button
                  key={name ?? 'none'}
                  type="button"
                  className={chosen[kind] === name ? 'segment selected' : 'segment'}
                  aria-pressed={chosen[kind] === name}
                  onClick={() => change({ [`${kind}Asset`]: name })}
                >
                  {name ?? 'None'}
                </button>
              ))}
            </div>
          </div>
        );
      })}
    </section>
  );
}
