// The body of the diagram's layout worker: elkjs's own worker build, which answers ELK's
// requests on `self` when it runs where there is no document. Bundled to a string (inline-worker)
// inside dist/webview/elk.js (elkScript.ts), and started from a blob: URL by panel/layout.ts.
import 'elkjs/lib/elk-worker.min.js';
