import { useNoticeStore } from './notices';

/** Notices from the kiosk service, each with a large dismiss button. Errors and warnings stay until dismissed. */
export function NoticeBar() {
  const { notices, dismiss } = useNoticeStore();
  if (notices.length === 0) return null;
  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((notice) => (
        <div key={notice.id} className={`notice notice-${notice.level}`}>
          <p>{notice.message}</p>
          <button type="button" className="button" onClick={() => dismiss(notice.id)}>
            OK
          </button>
        </div>
      ))}
    </div>
  );
}
