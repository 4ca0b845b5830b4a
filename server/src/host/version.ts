import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Replaced by esbuild with the manifest's version; unbundled runs (tests) read package.json.
declare const __MCP_WARDEN_VERSION__: string | undefined;

function versionFromManifest(): string {
  for (let directory = __dirname; dirname(directory) !== directory; directory = dirname(directory)) {
    const manifest = join(directory, 'package.json');
    if (!existsSync(manifest)) continue;
    const parsed = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
    if (parsed.name === 'mcp-warden' && parsed.version) return parsed.version;
  }
  return '0.0.0';
}

export const TOOL_VERSION: string = typeof __MCP_WARDEN_VERSION__ === 'string' ? __MCP_WARDEN_VERSION__ : versionFromManifest();
