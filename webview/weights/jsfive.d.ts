// The part of jsfive (0.4.2, a pure-JS HDF5 reader; it ships no types) that hdf5Read.ts uses.
// Everything it returns is typed as unknown where the file decides it: jsfive reads whatever the
// file says, and hdf5Read.ts checks it.
declare module 'jsfive' {
  export class Group {
    /** Full path, '/layers/conv2d'. */
    readonly name: string;
    /** Link names in the group (HDF5 lists them sorted by name). */
    readonly keys: string[];
    /** Attributes by name; values as the file stores them (strings, numbers, arrays). */
    readonly attrs: Record<string, unknown>;
    /** The object at a path relative to this group; throws (often a string) when it is absent or unreadable. */
    get(path: string): Group | Dataset | null;
  }
  export class Dataset {
    readonly name: string;
    readonly shape: unknown;
    /** A numpy-style type string such as '<f4', or an array for compound/vlen types. */
    readonly dtype: unknown;
    /** Reads the data: a plain array of numbers for numeric types. */
    readonly value: unknown;
    readonly attrs: Record<string, unknown>;
  }
  export class File extends Group {
    constructor(buffer: ArrayBuffer, filename?: string);
  }
}
