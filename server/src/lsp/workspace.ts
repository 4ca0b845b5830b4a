import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { WorkspaceFolder } from 'vscode-languageserver';
import { IGNORE_FILE_NAME, parseIgnoreFile, type IgnoreEntry } from '../analyzer/ignore-file';

export interface DocumentLocation {
  /** File system path for `file:` URIs, the URI's path otherwise (untitled, virtual). */
  path: string;
  /** Path relative to the containing workspace folder, `/`-separated; the full path when outside all folders. */
  relativePath: string;
  folder: WorkspaceFolder | undefined;
}

export function uriToPath(uri: string): string {
  if (uri.startsWith('file:')) return fileURLToPath(uri);
  const colon = uri.indexOf(':');
  return decodeURIComponent(uri.slice(colon + 1).replace(/^\/\/[^/]*/, ''));
}

/** Workspace folders and their `.mcpwardenignore` files. */
export class Workspace {
  private folders: WorkspaceFolder[] = [];
  private readonly ignoreEntries = new Map<string, IgnoreEntry[]>();

  setFolders(folders: readonly WorkspaceFolder[]): void {
    this.folders = [...folders];
    this.ignoreEntries.clear();
  }

  addFolders(added: readonly WorkspaceFolder[], removed: readonly WorkspaceFolder[]): void {
    this.folders = [...this.folders.filter((folder) => !removed.some((gone) => gone.uri === folder.uri)), ...added];
    this.ignoreEntries.clear();
  }

  locate(uri: string): DocumentLocation {
    const path = uriToPath(uri);
    // The innermost folder wins in nested multi-root setups.
    const folder = this.folders
      .filter((candidate) => candidate.uri.startsWith('file:') && isInside(path, uriToPath(candidate.uri)))
      .sort((a, b) => b.uri.length - a.uri.length)[0];
    const relativePath = folder ? relative(uriToPath(folder.uri), path).split(sep).join('/') : path.split(sep).join('/');
    return { path, relativePath, folder };
  }

  /** Entries of the folder's ignore file; read once, re-read after `forgetIgnoreFiles`. */
  ignoreFileEntries(folder: WorkspaceFolder | undefined): IgnoreEntry[] {
    if (!folder?.uri.startsWith('file:')) return [];
    let entries = this.ignoreEntries.get(folder.uri);
    if (!entries) {
      const file = join(uriToPath(folder.uri), IGNORE_FILE_NAME);
      entries = existsSync(file) ? parseIgnoreFile(readFileSync(file, 'utf8')) : [];
      this.ignoreEntries.set(folder.uri, entries);
    }
    return entries;
  }

  ignoreFileUri(folder: WorkspaceFolder): string {
    return pathToFileURL(join(uriToPath(folder.uri), IGNORE_FILE_NAME)).href;
  }

  forgetIgnoreFiles(): void {
    this.ignoreEntries.clear();
  }
}

function isInside(path: string, folder: string): boolean {
  const relation = relative(folder, path);
  return relation !== '' && !relation.startsWith('..') && !relation.includes(':');
}
