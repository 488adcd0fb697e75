// src/renderer/src — the Bandeja React UI. It only talks to the core through `transport/` (Electron
// IPC bridge or the headless host's WebSocket), keeps zustand stores in `stores/` as projections of
// core state (one concern each), renders the four columns from `components/<area>/`, and translates
// every word through `i18n/` (Spanish first, English second). Styling is token-driven (`styles/`).
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './styles/tokens.css';
import './styles/base.css';
import './styles/layout.css';
import './styles/nav.css';
import './styles/list.css';
import './styles/thread.css';
import './styles/details.css';
import './styles/dialogs.css';
import './styles/auth.css';
import './styles/presence.css';
import './styles/guide.css';
import './styles/admin.css';
import './styles/reminders.css';
import { initI18n } from './i18n';
import { App } from './App';

initI18n('es');

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}
