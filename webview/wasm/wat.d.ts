// `import bytes from './x.wat'`: the assembled WebAssembly module (see scripts/watPlugin.js).
declare module '*.wat' {
  const bytes: Uint8Array<ArrayBuffer>;
  export default bytes;
}
