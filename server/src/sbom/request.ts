import type { GenerateSbomParams, GenerateSbomResult } from '../protocol';
import { uriToPath } from '../lsp/workspace';
import { buildSbom, NoLockfileError } from './build-sbom';

/** The language server's side of `MCP Warden: Generate SBOM`. */
export function handleSbomRequest(params: GenerateSbomParams): GenerateSbomResult {
  if (!params.folderUri.startsWith('file:')) return { ok: false, error: 'SBOM generation needs a folder on disk (this workspace folder is virtual or remote).' };
  try {
    const result = buildSbom(uriToPath(params.folderUri));
    return { ok: true, json: result.json, components: result.components, lockfiles: result.lockfiles, warnings: result.warnings };
  } catch (error) {
    if (error instanceof NoLockfileError) return { ok: false, error: error.message };
    return { ok: false, error: `could not build the SBOM (${error instanceof Error ? error.message : String(error)})` };
  }
}
