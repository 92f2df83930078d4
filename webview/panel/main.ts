// Webview entry: validates every message from the host before the app sees it, then tells
// the host it is ready (the host answers with the current model).
import './panel.css';
import { PanelApp } from './app';
import { parseHostMessage } from './messages';
import { loadElkScript } from './elkSource';
import { markStartup } from './startupMarks';
import { post } from './vscodeApi';

markStartup('script');
// First, while this script's tag is still document.currentScript: the diagram's layout worker.
loadElkScript();

const root = document.getElementById('app');
if (root) {
  const app = new PanelApp(root);
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    const parsed = parseHostMessage(event.data);
    if (parsed.ok) app.handle(parsed.message);
    else {
      console.warn(`[shapelens] rejected a malformed message: ${parsed.problem}`);
      app.rejected(parsed.type, parsed.problem);
    }
  });
  post({ type: 'ready' });
  markStartup('readyPosted');
  app.start();
}
