// The admin's camera setup: the saved setup, the video inputs plugged in now, and the form being edited.
import { create } from 'zustand';
import type { CameraNumber } from '../../shared/capture';
import type { CameraSetup } from '../../shared/devices';
import type { AppError } from '../../shared/errors';
import { listVideoInputs, onDeviceChange, type VideoInput } from './devices';
import {
  assignCamera,
  formChanged,
  formFromSetup,
  formToSave,
  saveProblem,
  setSource,
  type CameraForm,
} from './setup-form';
import { callMagnum } from '../shell/call';

type Recording = Pick<CameraForm, 'width' | 'height' | 'frameRate' | 'bitrate'>;

interface CamerasState {
  saved: CameraSetup | null;
  form: CameraForm | null;
  /** Inputs that can be opened; null until first listed. */
  inputs: VideoInput[] | null;
  /** The browser lists cameras but will not open or name them: camera access was not allowed. */
  accessBlocked: boolean;
  error: AppError | null;
  saving: boolean;
  /** True right after a save, until the next change. */
  justSaved: boolean;
  load(): Promise<void>;
  refreshInputs(): Promise<void>;
  /** Re-lists inputs whenever a camera is plugged in or out; returns the unsubscribe. */
  watchDevices(): () => void;
  assign(camera: CameraNumber, device: VideoInput): void;
  rename(camera: CameraNumber, source: string): void;
  choose(change: Partial<Recording>): void;
  save(): Promise<boolean>;
  /** Saves only the device `camera` was found by name under (its new id); other changes stay unsaved. */
  keepFound(camera: CameraNumber): Promise<boolean>;
}

const NOT_LISTED: AppError = {
  code: 'UNAVAILABLE',
  message: 'The list of cameras could not be read. Check that the cameras are plugged in, then try again.',
};

/** Inputs without a deviceId are the browser hiding cameras from a page without camera permission. */
async function readInputs(): Promise<{ inputs: VideoInput[]; accessBlocked: boolean } | null> {
  try {
    const listed = await listVideoInputs();
    const inputs = listed.filter((input) => input.deviceId !== '');
    return { inputs, accessBlocked: inputs.length === 0 && listed.length > 0 };
  } catch {
    return null;
  }
}

export const useCamerasStore = create<CamerasState>((set, get) => ({
  saved: null,
  form: null,
  inputs: null,
  accessBlocked: false,
  error: null,
  saving: false,
  justSaved: false,

  async load() {
    const [listed, result] = await Promise.all([
      readInputs(),
      callMagnum((magnum) => magnum.devices.active({})),
    ]);
    const inputs = listed?.inputs ?? [];
    set({ inputs, accessBlocked: listed?.accessBlocked ?? false, justSaved: false });
    if (!result.ok) return set({ error: result.error });
    set({
      saved: result.value,
      form: formFromSetup(result.value, inputs),
      error: listed ? null : NOT_LISTED,
    });
  },

  async refreshInputs() {
    const listed = await readInputs();
    if (!listed) return set({ error: NOT_LISTED });
    const { saved, form } = get();
    // A camera plugged in while one of the two was never chosen (a fresh kiosk) fills that gap.
    const unchosen = form && (!form.camera1.deviceId || !form.camera2.deviceId);
    set({
      ...listed,
      error: get().error === NOT_LISTED ? null : get().error,
      ...(unchosen && saved ? { form: formFromSetup({ ...saved, ...form }, listed.inputs) } : {}),
    });
  },

  watchDevices() {
    return onDeviceChange(() => void get().refreshInputs());
  },

  assign(camera, device) {
    const { form, inputs } = get();
    if (form) set({ form: assignCamera(form, camera, device, inputs ?? []), justSaved: false });
  },

  rename(camera, source) {
    const { form } = get();
    if (form) set({ form: setSource(form, camera, source), justSaved: false });
  },

  choose(change) {
    const { form } = get();
    if (form) set({ form: { ...form, ...change }, justSaved: false });
  },

  async save() {
    const { form, inputs } = get();
    if (!form || saveProblem(form)) return false;
    set({ saving: true, error: null });
    const result = await callMagnum((magnum) => magnum.devices.save(formToSave(form)));
    if (!result.ok) {
      set({ saving: false, error: result.error, justSaved: false });
      return false;
    }
    set({
      saving: false,
      saved: result.value,
      form: formFromSetup(result.value, inputs ?? []),
      justSaved: true,
    });
    return true;
  },

  async keepFound(camera) {
    const { saved, form } = get();
    if (!saved || !form) return false;
    const found = form[camera === 1 ? 'camera1' : 'camera2'];
    const keep = (number: CameraNumber) => {
      const assignment = number === 1 ? saved.camera1 : saved.camera2;
      return number === camera ? { ...assignment, deviceId: found.deviceId, label: found.label } : assignment;
    };
    const { width, height, frameRate, bitrate } = saved;
    set({ saving: true, error: null });
    const result = await callMagnum((magnum) =>
      magnum.devices.save(
        formToSave({ camera1: keep(1), camera2: keep(2), width, height, frameRate, bitrate }),
      ),
    );
    if (!result.ok) {
      set({ saving: false, error: result.error });
      return false;
    }
    set({ saving: false, saved: result.value, justSaved: !formChanged(get().form ?? form, result.value) });
    return true;
  },
}));
