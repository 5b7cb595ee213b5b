// One line of kiosk health under the sign-in screen, so problems show before anyone signs in.
import { useEffect } from 'react';
import { navigate } from '../shell/route';
import { useSystemStore } from './store';
import { formatBytes } from '../format';
import { backupAge, isBackupStale } from '../backups/words';

export function StatusStrip() {
  const { info, error, load } = useSystemStore();
  useEffect(() => {
    void load();
  }, [load]);

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
    const now = new Date();
    parts.push({
      text: lastVerifiedAt ? `Last backup ${backupAge(lastVerifiedAt, now)}` : 'No backup yet',
      bad: isBackupStale(lastVerifiedAt, now),
    });
  }
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
