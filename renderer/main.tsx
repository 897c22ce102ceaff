import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.js';
import { connectIpc, ipcBridge } from './api/ipc.js';
import { connectWs, defaultWsUrl } from './api/ws.js';
import { App } from './App.js';
import { bindApi } from './store/bind-api.js';
import './styles.css';

// The desktop shell's preload exposes window.linesight; the browser host talks WebSocket.
const bridge = ipcBridge();
const api = bridge ? connectIpc(bridge) : connectWs(defaultWsUrl());
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
