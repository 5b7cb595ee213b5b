// What the Storage screen calls each kind of file, in the crew's words.
import type { StorageKindName } from '../../shared/storage';

export const KIND_LABELS: Record<StorageKindName, string> = {
  raw: 'Raw footage',
  export: 'Souvenir videos',
  photo: 'Photos',
  thumbnail: 'Preview pictures',
};
