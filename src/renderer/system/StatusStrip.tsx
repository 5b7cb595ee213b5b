// One line of kiosk health under the sign-in screen, so problems show before anyone signs in; with the fleet's
// central database set up, also how syncing stands (fleet/words.ts), kept current by its event.
import { useEffect, useState } from 'react';
import { navigate } from '../shell/route';
import { useSystemStore } from './store';
import { formatBytes } from '../format';
import { backupAge, isBackupStale } from '../backups/words';
import { useFleetStore } from '../fleet/store';
import { syncStatusLine } from '../fleet/words';

export function StatusStrip() {
  const { info, error, load } = useSystemStore();
  const { status: sync, loadStatus: loadSync } = useFleetStore();
  // "Synced 2 min ago" grows older while the screen waits for someone to sign in.
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    void load();
    void loadSync();
    const timer = setInterval(() => setNow(new Date()), 30_000);
    return () => clearInterval(timer);
  }, [load, loadSync]);

  const parts: Array<{ text: string; bad: boolean }> = [];
  if (error) parts.push({ text: 'Kiosk service not reachable', bad: true });
  if (info) {
    parts.push({ text: `Version ${info.version}`, bad: false });
    parts.push({
      text: info.database.state === 'ok' ? 'Database ready' : 'Database problem',
      bad: info.database.state !== 'ok',
    });
    parts.push({
      text: info.ffmpeg.available ? 'Export ready' : 'Export not available',
      bad: !info.ffmpeg.available,
    });
    const { freeBytes, lowBytes } = info.storage;
    parts.push(
      freeBytes === null
        ? { text: 'Free space unknown', bad: true }
        : {
            text: `${formatBytes(freeBytes)} free`,
            bad: freeBytes < lowBytes || info.storage.level !== 'ok',
          },
    );
    const { lastVerifiedAt } = info.backup;
    parts.push({
      text: lastVerifiedAt ? `Last backup ${backupAge(lastVerifiedAt, now)}` : 'No backup yet',
      bad: isBackupStale(lastVerifiedAt, now),
    });
  }
  const syncing = syncStatusLine(sync, now);
  if (syncing) parts.push(syncing);
  return (
    <footer className="status-strip">
      <ul>
        {parts.map((part) => (
          <li key={part.text} className={part.bad ? 'strip-bad' : undefined}>
            {part.text}
          </li>
        ))}
      </ul>
      <button type="button" className="button" onClick={() => navigate('status')}>
        Kiosk status
      </button>
    </footer>
  );
}
