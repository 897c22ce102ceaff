import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.js';
import { connectWs, defaultWsUrl } from './api/ws.js';
import { App } from './App.js';
import { bindApi } from './store/bind-api.js';
import './styles.css';

const api = connectWs(defaultWsUrl());
bindApi(api);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
createRoot(root).render(
  <StrictMode>
    <ApiContext value={api}>
      <App />
    </ApiContext>
  </StrictMode>,
);
