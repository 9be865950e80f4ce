import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { App } from './App';
import { AnjunganApp } from './anjungan/AnjunganApp';
import { ANJUNGAN_PATH } from '../shared/anjungan/channels';
import { quietRxdbNoticeInProduction } from './vendor-notice';
import './ui/ui.css';
import './styles.css';

// zod compiles validators with `new Function` unless told not to; our CSP forbids eval.
z.config({ jitless: true });
quietRxdbNoticeInProduction();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {window.location.pathname.startsWith(ANJUNGAN_PATH) ? <AnjunganApp /> : <App />}
  </StrictMode>,
);
