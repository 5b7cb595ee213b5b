// The admin's templates: the saved list, the shipped assets, and the one template being edited (the draft).
import { create } from 'zustand';
import type { AppError } from '../../shared/errors';
import {
  dropImpossibleSeamless,
  stepSlotDuration,
  titlePatternProblems,
  type TemplateAssets,
  type TemplateSaveInput,
  type TemplateSlot,
  type TemplateView,
  type TitlePlaceholder,
} from '../../shared/templates';
import { callMagnum } from '../shell/call';

/** What the editor holds: a save input; without an id it is a new template nobody has saved yet. */
export type TemplateDraft = TemplateSaveInput & { slots: TemplateSlot[] };

interface TemplatesState {
  templates: TemplateView[];
  assets: TemplateAssets | null;
  draft: TemplateDraft | null;
  /** The draft differs from what is saved. */
  dirty: boolean;
  loaded: boolean;
  busy: 'saving' | 'activating' | null;
  error: AppError | null;
  /** What was just done, shown until the next change. */
  done: 'saved' | 'activated' | null;
  load(): Promise<void>;
  /** Starts editing a saved template (the screen confirms first when the draft has unsaved changes). */
  edit(id: string): void;
  /** A new, unsaved template with everything the screen shows now. */
  copyAsNew(): void;
  change(change: Partial<Omit<TemplateDraft, 'id' | 'slots'>>): void;
  changeSlot(index: number, change: Partial<Pick<TemplateSlot, 'sceneType' | 'cameraAngle'>>): void;
  stepDuration(index: number, direction: 1 | -1): void;
  toggleSeamless(index: number): void;
  insertPlaceholder(name: TitlePlaceholder): void;
  save(): Promise<boolean>;
  activate(): Promise<boolean>;
  clearError(): void;
}

export function draftOf(template: TemplateView): TemplateDraft {
  return {
    id: template.id,
    name: template.name,
    slots: template.slots.map((slot) => ({ ...slot })),
    outputWidth: template.outputWidth,
    outputHeight: template.outputHeight,
    frameRate: template.frameRate as TemplateDraft['frameRate'],
    titlePattern: template.titlePattern,
    introAsset: template.introAsset,
    outroAsset: template.outroAsset,
    musicAsset: template.musicAsset,
  };
}

/** "Sunset tours copy", or "Sunset tours copy 2" when that is taken. */
function copyName(name: string, taken: readonly string[]): string {
  const base = `${name.replace(/ copy( \d+)?$/, '')} copy`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base} ${n}`;
    if (!taken.includes(candidate)) return candidate.slice(0, 80);
  }
}

/** What stops the draft from being saved, in plain words; null when it can be saved. */
export function draftProblem(draft: TemplateDraft): string | null {
  if (draft.name.trim() === '') return 'Give the template a name.';
  return titlePatternProblems(draft.titlePattern)[0] ?? null;
}

export const useTemplatesStore = create<TemplatesState>((set, get) => {
  /** Applies a change to the draft; anything changed is no longer "just saved". */
  const update = (next: (draft: TemplateDraft) => TemplateDraft) => {
    const { draft } = get();
    if (draft) set({ draft: next(draft), dirty: true, done: null });
  };
  const updateSlots = (next: (slots: TemplateSlot[]) => TemplateSlot[]) =>
    update((draft) => ({ ...draft, slots: dropImpossibleSeamless(next(draft.slots)) }));

  return {
    templates: [],
    assets: null,
    draft: null,
    dirty: false,
    loaded: false,
    busy: null,
    error: null,
    done: null,

    async load() {
      const [list, assets] = await Promise.all([
        callMagnum((magnum) => magnum.templates.list({})),
        callMagnum((magnum) => magnum.templates.assets({})),
      ]);
      if (!list.ok) return set({ error: list.error, loaded: true });
      if (!assets.ok) set({ error: assets.error });
      const { draft, dirty } = get();
      // Unsaved work survives leaving the screen and coming back; otherwise show the saved version.
      const keep = dirty && draft && (!draft.id || list.value.some((t) => t.id === draft.id));
      const start = list.value.find((t) => t.id === draft?.id) ?? list.value.find((t) => t.active);
      set({
        templates: list.value,
        assets: assets.ok ? assets.value : get().assets,
        loaded: true,
        ...(keep ? {} : { draft: start ? draftOf(start) : null, dirty: false, done: null }),
      });
    },

    edit(id) {
      const template = get().templates.find((t) => t.id === id);
      if (template) set({ draft: draftOf(template), dirty: false, done: null, error: null });
    },

    copyAsNew() {
      const { draft, templates } = get();
      if (!draft) return;
      const { id: _id, ...rest } = draft;
      set({
        draft: {
          ...rest,
          name: copyName(
            draft.name,
            templates.map((t) => t.name),
          ),
        },
        dirty: true,
        done: null,
        error: null,
      });
    },

    change: (change) => update((draft) => ({ ...draft, ...change })),

    changeSlot: (index, change) =>
      updateSlots((slots) => slots.map((slot, i) => (i === index ? { ...slot, ...change } : slot))),

    stepDuration: (index, direction) =>
      updateSlots((slots) =>
        slots.map((slot, i) =>
          i === index ? { ...slot, duration: stepSlotDuration(slot.duration, direction) } : slot,
        ),
      ),

    toggleSeamless: (index) =>
      updateSlots((slots) =>
        slots.map((slot, i) =>
          i === index ? { ...slot, seamlessWithPrevious: !slot.seamlessWithPrevious } : slot,
        ),
      ),

    insertPlaceholder: (name) =>
      update((draft) => {
        const text = draft.titlePattern;
        const gap = text === '' || text.endsWith(' ') ? '' : ' ';
        return { ...draft, titlePattern: `${text}${gap}{${name}}` };
      }),

    async save() {
      const { draft } = get();
      if (!draft || draftProblem(draft)) return false;
      set({ busy: 'saving', error: null });
      const result = await callMagnum((magnum) => magnum.templates.save(draft));
      if (!result.ok) {
        set({ busy: null, error: result.error });
        return false;
      }
      const saved = result.value;
      set((state) => ({
        busy: null,
        draft: draftOf(saved),
        dirty: false,
        done: 'saved',
        templates: state.templates.some((t) => t.id === saved.id)
          ? state.templates.map((t) => (t.id === saved.id ? saved : t))
          : [...state.templates, saved],
      }));
      return true;
    },

    async activate() {
      const { draft, dirty } = get();
      if (!draft?.id || dirty) return false;
      const id = draft.id;
      set({ busy: 'activating', error: null });
      const result = await callMagnum((magnum) => magnum.templates.activate({ id }));
      if (!result.ok) {
        set({ busy: null, error: result.error });
        return false;
      }
      set((state) => ({
        busy: null,
        done: 'activated',
        templates: state.templates.map((t) =>
          t.id === id ? result.value : t.active ? { ...t, active: false } : t,
        ),
      }));
      return true;
    },

    clearError: () => set({ error: null }),
  };
});
