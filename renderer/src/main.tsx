// First: the schemas told the page forbids eval, before any is built (schema-config.ts).
import './schema-config.js';
// Then: it opens the socket while the rest is evaluated (page-bridge.ts).
import { pageBridge } from './bridge/page-bridge.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    {/* One bridge for the page's life: it owns the socket in a browser. */}
    <App bridge={pageBridge} />
  </StrictMode>,
);
