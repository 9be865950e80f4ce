import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { quietRxdbNoticeInProduction } from './vendor-notice';
import './ui/ui.css';
import './styles.css';

// zod compiles validators with `new Function` unless told not to; our CSP forbids eval.
z.config({ jitless: true });
quietRxdbNoticeInProduction();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
