import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRepositoryRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mcp-warden') return directory;
    if (dirname(directory) === directory) throw new Error(`no mcp-warden package.json above ${start}`);
  }
}

/** The checkout's root, whether tests run from `out/` or elsewhere. */
export const REPOSITORY_ROOT = findRepositoryRoot(__dirname);
export const RULES_DIRECTORY = join(REPOSITORY_ROOT, 'server', 'src', 'rules');
export const DIST_DIRECTORY = join(REPOSITORY_ROOT, 'dist');
