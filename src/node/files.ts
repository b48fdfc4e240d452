/** File reading shared by the command line and the indexing thread. */
import {
  closeSync,
  constants,
  fstatSync,
  lstatSync,
  openSync,
  readFileSync,
  realpathSync,
  type Stats,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';

/**
 * The full path of each corpus id (a `/`-separated path relative to `root`, as listed: no `.` or
 * `..` parts) under `root`. Made by joining strings: path.join normalises each path again, which
 * took a fifth of checking the stamps of 11,125 files.
 */
export function pathsUnder(root: string): (id: string) => string {
  const prefix = root === '' || root.endsWith(sep) ? root : root + sep;
  return sep === '/' ? (id) => prefix + id : (id) => prefix + id.split('/').join(sep);
}

/** What `read` returns, or undefined when the file does not exist (any other error is thrown). */
function ifPresent<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * A file's bytes, never through a symbolic link (it may point outside the workspace): 'link' when
 * the path is one, undefined when there is no file. Where the system can, the file is opened so
 * that a link is refused (one call fewer per file than asking first), and without waiting: a
 * named pipe, socket or device is refused (it throws) instead of blocking the reading thread.
 */
export function readUnlinked(full: string): Buffer | 'link' | undefined {
  if (constants.O_NOFOLLOW === undefined) {
    return ifPresent(() => {
      const stats = lstatSync(full);
      if (stats.isSymbolicLink()) return 'link';
      refuseSpecial(stats);
      return readFileSync(full);
    });
  }
  let fd: number | undefined;
  try {
    fd = openUnlinked(full);
    refuseSpecial(fstatSync(fd));
    return readFileSync(fd);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return undefined;
    // ELOOP (Linux, macOS) or EMLINK (FreeBSD): the last part of the path is a link
    if (
      (code === 'ELOOP' || code === 'EMLINK') &&
      lstatSync(full, { throwIfNoEntry: false })?.isSymbolicLink()
    )
      return 'link';
    throw error;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/**
 * Opens without following a link and without waiting for a named pipe's writer (a socket fails
 * here, ENXIO). A file another machine holds a lease on (an NFS delegation, a Samba oplock) is
 * refused by such an open (EAGAIN): it is opened again, waiting as a plain open does.
 */
function openUnlinked(full: string): number {
  const flags = constants.O_RDONLY | constants.O_NOFOLLOW!;
  try {
    return openSync(full, flags | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EAGAIN' || code === 'EWOULDBLOCK') return openSync(full, flags);
    throw error;
  }
}

/** Throws for a named pipe, socket or device (a folder is left to throw as reading one does). */
function refuseSpecial(stats: Stats): void {
  if (!stats.isFile() && !stats.isDirectory())
    throw new Error('not a plain file (a named pipe, socket or device)');
}

/**
 * A file changed less than this long ago may change again within the resolution of its times
 * (a second or two on some file systems) without them showing it, so its stamp is not vouched for.
 */
export const SETTLED_MS = 2500;

/**
 * A plain file's stamp (`CorpusReader.stamp`): its inode, size, and change and modification times.
 * Undefined when there is no plain file (a link, a folder, nothing, no access) or when it changed
 * within `SETTLED_MS` of `now`.
 */
export function fileStamp(full: string, now = Date.now()): string | undefined {
  let s;
  try {
    s = lstatSync(full, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
  if (!s?.isFile() || Math.max(s.mtimeMs, s.ctimeMs) > now - SETTLED_MS) return undefined;
  return `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;
}

/**
 * Why a file of the corpus must not be written, or null when it may: the file, or a folder between
 * it and `top` (the workspace folder), is a symbolic link, or its real path lies outside the real
 * `root` (the corpus folder). Writing through a link can change a file outside the workspace.
 * A file that does not exist yet is judged by the folders it would be created in.
 */
export function linkedPathReason(root: string, file: string, top: string = root): string | null {
  if (outside(relative(top, file))) return `${file} is outside ${top}`;
  // the workspace folder itself may be a link: the user opened it as such
  for (let at = file; at !== top && dirname(at) !== at; at = dirname(at)) {
    let stats: Stats | undefined;
    try {
      stats = lstatSync(at, { throwIfNoEntry: false });
    } catch {
      return `${at} cannot be checked`;
    }
    if (stats?.isSymbolicLink()) return `${at} is a symbolic link`;
  }
  try {
    const real = ifPresent(() => realpathSync(file)) ?? join(realpathSync(dirname(file)), basename(file));
    return outside(relative(realpathSync(root), real)) ? `${file} leads outside ${root}` : null;
  } catch {
    return `${file} cannot be checked`;
  }
}

/**
 * Whether a corpus id's folder (`a/b` of `a/b/c.txt`) is reached through a symbolic link, or is
 * no longer under the real `root`: O_NOFOLLOW guards only the last part of a path, and a linked
 * folder may lead anywhere on the disk. False for a file at the top and for a folder that is gone
 * (reading the file then finds nothing).
 */
export function linkedFolder(root: string, id: string): boolean {
  const slash = id.lastIndexOf('/');
  if (slash < 0) return false;
  let real: string;
  let realRoot: string;
  try {
    real = realpathSync.native(join(root, id.slice(0, slash)));
    realRoot = realpathSync.native(root);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const expected = join(realRoot, id.slice(0, slash));
  // macOS and Windows compare names without case; the real path gives the case on the disk
  return process.platform === 'linux' ? real !== expected : real.toLowerCase() !== expected.toLowerCase();
}

/** Whether a relative path climbs out of the folder it is relative to. */
function outside(path: string): boolean {
  return path === '..' || path.startsWith(`..${sep}`) || isAbsolute(path);
}
