import type { HashAlgorithmName } from './types';

const SRI_ALGORITHMS: Record<string, HashAlgorithmName> = { sha1: 'SHA-1', sha256: 'SHA-256', sha384: 'SHA-384', sha512: 'SHA-512' };
const HEX_LENGTH: Record<HashAlgorithmName, number> = { 'SHA-1': 40, 'SHA-256': 64, 'SHA-384': 96, 'SHA-512': 128 };

/** Subresource-integrity strings (`sha512-<base64> sha1-<base64>`, npm, pnpm, yarn) as hex digests. */
export function hashesFromIntegrity(integrity: unknown): Array<readonly [HashAlgorithmName, string]> {
  if (typeof integrity !== 'string') return [];
  const hashes: Array<readonly [HashAlgorithmName, string]> = [];
  for (const part of integrity.trim().split(/\s+/)) {
    const separator = part.indexOf('-');
    const algorithm = SRI_ALGORITHMS[part.slice(0, separator).toLowerCase()];
    if (separator <= 0 || !algorithm) continue;
    const hex = Buffer.from(part.slice(separator + 1).replace(/\?.*$/, ''), 'base64').toString('hex');
    if (hex.length === HEX_LENGTH[algorithm] && !hashes.some(([known]) => known === algorithm)) hashes.push([algorithm, hex]);
  }
  return hashes;
}

/** `sha256:<hex>` (uv, poetry, pip --hash) as a hex digest. */
export function hashFromPrefixedHex(text: unknown): Array<readonly [HashAlgorithmName, string]> {
  if (typeof text !== 'string') return [];
  const match = /^(sha1|sha256|sha384|sha512)[:=]([0-9a-f]+)$/i.exec(text.trim());
  if (!match) return [];
  const algorithm = SRI_ALGORITHMS[match[1]!.toLowerCase()]!;
  const hex = match[2]!.toLowerCase();
  return hex.length === HEX_LENGTH[algorithm] ? [[algorithm, hex]] : [];
}
