// The `segments` channel: saving a scene's marked moments.
import { kioskToday, type DataAccess } from '../data-access';
import type { Handlers } from '../ipc/dispatch';
import { saveSceneSegments } from './service';

export type SegmentsHandlers = Pick<Handlers, 'segments.save'>;

export function segmentsHandlers(data: DataAccess): SegmentsHandlers {
  return {
    'segments.save': (input, context) => saveSceneSegments(data.db(), input, context.user, kioskToday(data)),
  };
}
