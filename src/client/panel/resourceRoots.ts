// The only folders the panel's page may load from: the bundles (dist/) and the bundled images
// (media/). Nothing from the workspace: images and weights the user picks reach the webview as
// bytes by postMessage, after the host has checked them, so the page never needs a workspace
// URI, and a compromised page could not read the workspace through one either.
export const WEBVIEW_RESOURCE_DIRS = ['dist', 'media'] as const;
