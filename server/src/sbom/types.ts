/** What the lockfile readers hand to the SBOM builder: locked packages and, where known, the graph. */

export type Ecosystem = 'npm' | 'pypi';

export type HashAlgorithmName = 'SHA-1' | 'SHA-256' | 'SHA-384' | 'SHA-512';

export type PackageScope = 'required' | 'optional' | 'dev';

export interface LockedPackage {
  ecosystem: Ecosystem;
  /** The registry name (an npm alias resolved to the real package). */
  name: string;
  version: string;
  /** Hex digests of the published artifact, from the lockfile (integrity, hash, --hash). */
  hashes: ReadonlyArray<readonly [HashAlgorithmName, string]>;
  /** Reader-local keys of the packages this one depends on (see LockfileContents.packages). */
  dependencies: string[];
  scope: PackageScope;
}

export interface LockfileContents {
  /** Path of the lockfile, relative to the scanned folder, with forward slashes. */
  file: string;
  kind: LockfileKind;
  /** Locked packages by a reader-local key. */
  packages: Map<string, LockedPackage>;
  /** Keys of the project's direct dependencies; undefined when the lockfile does not say. */
  direct: string[] | undefined;
}

export type LockfileKind = 'package-lock.json' | 'pnpm-lock.yaml' | 'yarn.lock' | 'uv.lock' | 'poetry.lock' | 'requirements.txt';

/** A lockfile that could not be read: reported, never fatal. */
export class LockfileError extends Error {}
