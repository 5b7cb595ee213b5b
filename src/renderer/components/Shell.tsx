import { useEffect, useState, type ReactNode } from 'react';
import { NoticeBar } from './NoticeBar';

function useClock(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 15_000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The frame around every screen: name, clock, and the screen itself. */
export function Shell({ children }: { children: ReactNode }) {
  const now = useClock();
  return (
    <div className="shell">
      <header className="top-bar">
        <span className="wordmark">
          Magnum<strong>Stream</strong>
        </span>
        <time className="clock" dateTime={now.toISOString()}>
          {now.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}
        </time>
      </header>
      <NoticeBar />
      <main className="screen">{children}</main>
    </div>
  );
}
