import { minimatch } from 'minimatch';

/**
 * `include` / `exclude` globs (minimatch, `/`-separated, relative to the workspace folder or scan
 * root). Exclusion wins; an empty include list means "everything".
 */
export function isPathIncluded(relativePath: string, include: readonly string[], exclude: readonly string[]): boolean {
  const path = relativePath.replace(/\\/g, '/');
  const matches = (glob: string) => minimatch(path, glob, { dot: true });
  if (exclude.some(matches)) return false;
  return include.length === 0 || include.some(matches);
}
