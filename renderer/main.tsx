// first: starts loading ICU's data in a worker while the rest of the console loads
import './boot/warm-intl.js';
import { startTransition, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiContext } from './api/api-context.js';
import { connectIpc, ipcBridge } from './api/ipc.js';
import { connectWs, defaultWsUrl } from './api/ws.js';
import { bindApi } from './store/bind-api.js';
import './styles.css';

// The desktop shell's preload exposes window.linesight; the browser host talks WebSocket.
const bridge = ipcBridge();
const api = bridge ? connectIpc(bridge) : connectWs(defaultWsUrl());
bindApi(api);

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root');
// Opening the console was one task of ~200 ms (bench:ui); it is now several short ones. The root
// (React's event listeners) and the request for the shell (Vite's preload of its files touches the
// DOM) wait for a task after this one, which evaluated react-dom; the shell is a chunk of its own,
// evaluated in a task of its own; its first render is a transition, rendered in slices of a few ms.
setTimeout(() => {
  const reactRoot = createRoot(root);
  void import('./App.js').then(({ App }) =>
    startTransition(() =>
      reactRoot.render(
        <StrictMode>
          <ApiContext value={api}>
            <App />
          </ApiContext>
        </StrictMode>,
      ),
    ),
  );
}, 0);
