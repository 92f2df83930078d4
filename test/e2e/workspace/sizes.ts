// The hidden layer's width, imported by importedSizes.ts. The e2e panel scenario rewrites this
// file on disk (as a generator or `git checkout` would) and the panel must follow.
export const HIDDEN = 128;
