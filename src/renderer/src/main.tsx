// Entry of the panel: connects to the engine (desktop IPC or the local HTTP API) and renders.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ConnectionProvider } from './api/api-context';
import { createConnection } from './api/connection';
import { App } from './app/app';
import { applyTheme } from './app/theme';
import './styles/base.css';
import './styles/layout.css';
import './styles/components.css';
import './styles/transcript.css';
import './styles/transcript-tools.css';
import './styles/views.css';
import './styles/scale.css';
import './styles/review.css';
import './styles/keyboard.css';
import './styles/permissions.css';
import './styles/away.css';
import './styles/search.css';
import './styles/export.css';
import './styles/pull-requests.css';
import './styles/equipment.css';

// Before the first paint: the last chosen theme (the engine's setting follows once read).
applyTheme();

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <StrictMode>
      <ConnectionProvider connection={createConnection()}>
        <App />
      </ConnectionProvider>
    </StrictMode>,
  );
}
