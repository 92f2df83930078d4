// Reading one source file, boundedly. A path may name a FIFO (reading blocks until someone
// writes), a device (/dev/zero never ends) or a file far beyond what the analyzers read
// (2 MB of text: MAX_FILE_CHARS): the type and size are checked before a byte is read, the
// descriptor is opened without blocking and checked again, and no more than the cap is read
// even from a file that grows meanwhile.
import * as fs from 'fs';
import { MAX_FILE_CHARS } from '../core/lang/typescript/extract';
import { isNotebookFile } from '../core/language';

/**
 * Bytes read at most from a script. UTF-8 takes at most 3 bytes per UTF-16 code unit, so a
 * larger file certainly holds more than the analyzers' limit: it is not read at all.
 */
export const MAX_SOURCE_BYTES = 3 * MAX_FILE_CHARS;
/**
 * Bytes read at most from a notebook: its JSON also holds cell outputs (images), far larger
 * than the code the 2 MB limit applies to.
 */
export const MAX_NOTEBOOK_BYTES = 64 * 1024 * 1024;

export type SourceRead =
  | { readonly kind: 'text'; readonly text: string }
  /** A regular file too large to read: the analyzers would skip it (file/too-large). */
  | { readonly kind: 'too-large'; readonly bytes: number; readonly firstLine: number }
  /** Not a regular file, with what it is. */
  | { readonly kind: 'not-a-file'; readonly what: string };

function describeType(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isCharacterDevice()) return 'a character device';
  if (stat.isBlockDevice()) return 'a block device';
  if (stat.isSocket()) return 'a socket';
  if (stat.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/** Length of the first line in UTF-16 code units, from the first bytes of the file. */
function firstLineLength(fd: number): number {
  const head = Buffer.alloc(64 * 1024);
  const n = fs.readSync(fd, head, 0, head.length, 0);
  const text = head.subarray(0, n).toString('utf8');
  const nl = text.indexOf('\n');
  const end = nl < 0 ? text.length : nl;
  return end > 0 && text[end - 1] === '\r' ? end - 1 : end;
}

/** Reads `file` if it is a regular file within the cap. Throws what fs throws (EACCES...). */
export function readSourceFile(file: string): SourceRead {
  const before = fs.statSync(file);
  if (!before.isFile()) return { kind: 'not-a-file', what: describeType(before) };
  // O_NONBLOCK: should the path have become a FIFO since the stat, open must not wait for a writer.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | fs.constants.O_NONBLOCK);
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) return { kind: 'not-a-file', what: describeType(stat) };
    const cap = isNotebookFile(file) ? MAX_NOTEBOOK_BYTES : MAX_SOURCE_BYTES;
    if (stat.size > cap) return { kind: 'too-large', bytes: stat.size, firstLine: firstLineLength(fd) };
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.alloc(Math.min(1024 * 1024, cap + 1 - total));
      const n = fs.readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(chunk.subarray(0, n));
      total += n;
      if (total > cap) return { kind: 'too-large', bytes: total, firstLine: firstLineLength(fd) }; // it grew
    }
    return { kind: 'text', text: Buffer.concat(chunks).toString('utf8') };
  } finally {
    fs.closeSync(fd);
  }
}
