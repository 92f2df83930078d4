// Paths as the workspace resolver sees them: absolute, '/'-separated (a Windows drive keeps its
// letter, `C:/proj/model.ts`), no `.` or `..` segments. Pure string work, so the core needs no
// `path` module and behaves the same on every platform; adapters convert on the way in.

/** `\` to `/`, `.` and `..` resolved, no trailing slash (except a bare root). */
export function normalizePath(p: string): string {
  const slashed = p.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/');
  const out: string[] = [];
  for (const seg of slashed.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      // Above the root there is nothing: `/..` stays `/` (a drive letter stays too).
      if (out.length > 0 && !(out.length === 1 && /^[A-Za-z]:$/.test(out[0]))) out.pop();
      continue;
    }
    out.push(seg);
  }
  const joined = out.join('/');
  return absolute ? `/${joined}` : joined;
}

export function dirname(p: string): string {
  const i = p.lastIndexOf('/');
  if (i < 0) return '.';
  return i === 0 ? '/' : p.slice(0, i);
}

export function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

export function joinPath(dir: string, rel: string): string {
  return normalizePath(`${dir}/${rel}`);
}

/** Whether `p` is `root` or lies below it (both normalized). */
export function isInside(root: string, p: string): boolean {
  if (p === root) return true;
  const prefix = root.endsWith('/') ? root : `${root}/`;
  return p.startsWith(prefix);
}

/** `from`'s folder to `to`, e.g. `../common/constants.ts`; both normalized and absolute. */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const up = a.slice(i).map(() => '..');
  const rel = [...up, ...b.slice(i)].join('/');
  return rel === '' ? '.' : rel;
}

/** Folders a resolver must never read from: installed packages, not the user's code. */
const PACKAGE_FOLDERS = new Set(['node_modules', 'site-packages', 'dist-packages', '__pycache__', '.git']);

export function inPackageFolder(p: string): boolean {
  return p.split('/').some((seg) => PACKAGE_FOLDERS.has(seg));
}
