// `import source from 'inline-worker:./x.ts'`: the bundled worker script as a string (see
// scripts/inlineWorkerPlugin.js).
declare module 'inline-worker:*' {
  const source: string;
  export default source;
}
