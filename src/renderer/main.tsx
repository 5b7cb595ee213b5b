import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { listenForBackups } from './backups/store';
import { listenForExports } from './exports/store';
import { listenForSyncStatus } from './fleet/store';
import { listenForNotices } from './shell/notices';
import { noticeAfterRecovery } from './shell/recovered-notice';
import { reportRendererError } from './system/store';
import './styles.css';

window.addEventListener('error', (event) => reportRendererError('window', event.error ?? event.message));
window.addEventListener('unhandledrejection', (event) => reportRendererError('promise', event.reason));

listenForNotices();
noticeAfterRecovery();
listenForExports();
listenForBackups();
listenForSyncStatus();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
