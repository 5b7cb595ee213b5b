// The `photos` channels: the folders a photographer's photos can come from, the photos of one proposed for a
// flight, and importing the confirmed ones. The export service runs them, as it owns the flight's photo folder.
import type { ExportService } from '../exports/service';
import { exportsUnavailable } from '../exports/handlers';
import type { Handlers } from '../ipc/dispatch';

export type PhotosHandlers = Pick<Handlers, 'photos.sources' | 'photos.preview' | 'photos.import'>;

export function photosHandlers(service: ExportService | undefined): PhotosHandlers {
  if (!service) {
    return {
      'photos.sources': exportsUnavailable,
      'photos.preview': exportsUnavailable,
      'photos.import': exportsUnavailable,
    };
  }
  return {
    'photos.sources': () => service.photoSources(),
    'photos.preview': (input, context) => service.previewPhotos(input, context.user),
    'photos.import': (input, context) => service.importPhotos(input, context.user),
  };
}
