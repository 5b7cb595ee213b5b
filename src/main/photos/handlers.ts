// The `photos` channels: the folders a photographer's photos can come from, and importing them into a flight.
// The export service runs the import, as it owns the flight's photo folder.
import type { ExportService } from '../exports/service';
import { exportsUnavailable } from '../exports/handlers';
import type { Handlers } from '../ipc/dispatch';

export type PhotosHandlers = Pick<Handlers, 'photos.sources' | 'photos.import'>;

export function photosHandlers(service: ExportService | undefined): PhotosHandlers {
  if (!service) return { 'photos.sources': exportsUnavailable, 'photos.import': exportsUnavailable };
  return {
    'photos.sources': () => service.photoSources(),
    'photos.import': (input, context) => service.importPhotos(input, context.user),
  };
}
