import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.js';
import { connectBridge } from './bridge/connect.js';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// One bridge for the page's life: it owns the socket in a browser.
const bridge = connectBridge();
createRoot(container).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
