import { open, stat } from 'node:fs/promises';

export type SourceFileRead =
  | { ok: true; text: string; invalidUtf8: boolean }
  | { ok: false; reason: 'too-large' | 'binary' | 'unreadable'; message: string };

const BINARY_SNIFF_BYTES = 8000;

/** Reads a file for analysis, refusing huge and binary files before decoding them. */
export async function readSourceFile(path: string, maxFileSizeKb: number): Promise<SourceFileRead> {
  try {
    const { size } = await stat(path);
    if (size > maxFileSizeKb * 1024) return { ok: false, reason: 'too-large', message: `skipped: larger than ${maxFileSizeKb} KB` };
    const handle = await open(path, 'r');
    let bytes: Buffer;
    try {
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
    if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) return { ok: false, reason: 'binary', message: 'skipped: binary content' };
    try {
      return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), invalidUtf8: false };
    } catch {
      return { ok: true, text: new TextDecoder('utf-8').decode(bytes), invalidUtf8: true };
    }
  } catch (error) {
    return { ok: false, reason: 'unreadable', message: `could not read: ${error instanceof Error ? error.message : String(error)}` };
  }
}
