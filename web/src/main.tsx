/** Entry point: styles first (so components can build on them), then languages, then the app. */
import './styles/tokens.css';
import './styles/base.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { setUpI18n } from './i18n';

setUpI18n();

const container = document.getElementById('root');
if (!container) throw new Error('index.html needs an element with id "root".');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
