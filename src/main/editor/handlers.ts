import { localDay } from '../access/rules';
import { signedInUser, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { saveSceneSegments, saveSlotWindows } from '../segments/service';
import { readEditorView } from './view';

export type EditingHandlers = Pick<Handlers, 'editor.get' | 'segments.save' | 'slots.save'>;

export function editingHandlers(data: DataAccess): EditingHandlers {
  const today = () => {
    const now = data.now();
    return localDay(now, data.utcOffsetMinutes(now));
  };
  return {
    'editor.get': (input, context) =>
      readEditorView(data.db(), input.recordingId, signedInUser(context), today()),
    'segments.save': (input, context) => saveSceneSegments(data.db(), input, signedInUser(context), today()),
    'slots.save': (input, context) => saveSlotWindows(data.db(), input, signedInUser(context), today()),
  };
}
