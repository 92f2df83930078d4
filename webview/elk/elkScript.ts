// Entry of dist/webview/elk.js, the panel's second script: it only hands the layout worker's
// source (1.5 MB of elkjs) to panel.js (panel/elkSource.ts). Kept out of panel.js so the
// webview fetches it while the panel starts instead of before, and its code is parsed and run
// in the worker, never on the page's thread (scanning one string literal is cheap).
import source from 'inline-worker:./elkWorker.ts';
import { publishElkWorkerSource } from '../panel/elkSource';

publishElkWorkerSource(source);
