// The take's overflow on this screen's own disk: chunks main has not acknowledged yet, beyond what the take keeps
// in memory, in one IndexedDB store keyed "take/camera/part/seq". Each take clears its own keys when it ends; a
// take's keys left by a closed or crashed screen are cleared when the next take starts.
import type { SpillStore } from './chunk-buffer';

const DATABASE = 'magnum-capture';
const STORE = 'chunks';

function request<T>(run: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    run.onsuccess = () => resolve(run.result);
    run.onerror = () => reject(run.error ?? new Error('IndexedDB request failed'));
  });
}

function openDatabase(): Promise<IDBDatabase> {
  const opening = indexedDB.open(DATABASE, 1);
  opening.onupgradeneeded = () => opening.result.createObjectStore(STORE);
  return request(opening);
}

/** Spill store for one take; null where the browser has no IndexedDB (the take then holds in memory only). */
export async function openSpillStore(takeId: string): Promise<SpillStore | null> {
  if (typeof indexedDB === 'undefined') return null;
  let db: IDBDatabase;
  try {
    db = await openDatabase();
  } catch {
    return null;
  }
  const store = (mode: IDBTransactionMode) => db.transaction(STORE, mode).objectStore(STORE);
  // Whatever an earlier take left (its screen closed before main had it) can no longer be sent: free the room.
  const keys = await request(store('readonly').getAllKeys());
  for (const key of keys) {
    if (typeof key === 'string' && !key.startsWith(`${takeId}/`))
      await request(store('readwrite').delete(key));
  }
  return {
    async put(key, data) {
      await request(store('readwrite').put(data, key));
    },
    async get(key) {
      const found: unknown = await request(store('readonly').get(key));
      return found instanceof Blob ? found : undefined;
    },
    async delete(key) {
      await request(store('readwrite').delete(key));
    },
    async room() {
      const estimate = await navigator.storage?.estimate?.().catch(() => null);
      if (!estimate?.quota) return null;
      return estimate.quota - (estimate.usage ?? 0);
    },
  };
}
