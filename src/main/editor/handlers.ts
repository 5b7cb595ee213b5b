// The `editor` channel: a flight as the Edit screen opens it.
import { kioskToday, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { readEditorView } from './view';

export type EditorHandlers = Pick<Handlers, 'editor.get'>;

export function editorHandlers(data: DataAccess): EditorHandlers {
  return {
    'editor.get': (input, context) =>
      readEditorView(data.db(), input.recordingId, context.user, kioskToday(data)),
  };
}
