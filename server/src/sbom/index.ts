export { buildSbom, NoLockfileError, packageUrl, SBOM_SPEC_VERSION, type SbomOptions, type SbomResult } from './build-sbom';
export { findLockfiles, type FoundLockfile } from './find-lockfiles';
