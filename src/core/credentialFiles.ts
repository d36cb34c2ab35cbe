/**
 * Reading a file the user keeps credentials in, defensively: it may be missing, huge, binary or
 * not UTF-8, and none of that may crash the extension or put its bytes in a message.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import * as l10n from '@vscode/l10n';

/** Credentials files are a few hundred bytes; anything past this is not one. */
export const MAX_CREDENTIALS_FILE_BYTES = 1024 * 1024;

/** Reads at most `max` bytes plus one (to tell "too large"); undefined when the file does not exist. */
export type ReadFile = (path: string, max: number) => Promise<Uint8Array | undefined>;

export type FileText = { readonly text: string } | { readonly missing: true } | { readonly problem: string };

/** Thrown by readFileCapped for a FIFO, device, socket or directory: reading one could block or never end. */
export class NotRegularFileError extends Error {
  readonly code = 'ENOTREGULAR';
}

/**
 * The default ReadFile: never reads more than `max + 1` bytes, whatever the file's size. O_NONBLOCK
 * keeps open() from waiting for a FIFO's writer, which would pin a libuv thread for good.
 */
export const readFileCapped: ReadFile = async (path, max) => {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR')
      return undefined;
    throw error;
  }
  try {
    if (!(await handle.stat()).isFile()) throw new NotRegularFileError(path);
    const buffer = Buffer.alloc(max + 1);
    let size = 0;
    while (size < buffer.length) {
      const { bytesRead } = await handle.read(buffer, size, buffer.length - size, size);
      if (bytesRead === 0) break;
      size += bytesRead;
    }
    return buffer.subarray(0, size);
  } finally {
    await handle.close();
  }
};

/** The file's text, or one line saying why it cannot be read (never its content). */
export async function readTextFile(read: ReadFile, path: string): Promise<FileText> {
  let bytes: Uint8Array | undefined;
  try {
    bytes = await read(path, MAX_CREDENTIALS_FILE_BYTES);
  } catch (error) {
    if (error instanceof NotRegularFileError) return { problem: l10n.t('is not a regular file') };
    const code = (error as NodeJS.ErrnoException).code;
    return { problem: l10n.t('cannot be read ({0})', code ?? (error as Error).message ?? String(error)) };
  }
  if (!bytes) return { missing: true };
  if (bytes.length > MAX_CREDENTIALS_FILE_BYTES)
    return { problem: l10n.t('is larger than {0} MiB: not a credentials file', MAX_CREDENTIALS_FILE_BYTES / 1048576) };
  if (bytes.includes(0)) return { problem: l10n.t('is binary, not text') };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { problem: l10n.t('is not UTF-8 text') };
  }
}
