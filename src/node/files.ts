/** File reading shared by the command line and the indexing thread. */

/** What `read` returns, or undefined when the file does not exist (any other error is thrown). */
export function ifPresent<T>(read: () => T): T | undefined {
  try {
    return read();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
