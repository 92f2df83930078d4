// The panel webview's options: scripts on, and local resources only from the extension's
// dist/ and media/ (resourceRoots.ts says why nothing of the workspace).
import * as vscode from 'vscode';
import { WEBVIEW_RESOURCE_DIRS } from './resourceRoots';

export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    localResourceRoots: WEBVIEW_RESOURCE_DIRS.map((dir) => vscode.Uri.joinPath(extensionUri, dir)),
  };
}
