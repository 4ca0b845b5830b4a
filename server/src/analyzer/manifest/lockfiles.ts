import type { SourceSpan } from '../config/config-model';
import { normalizePypiName } from '../config/known-mcp-packages';
import { emptyManifest, type Ecosystem, type Manifest, type ManifestFormat } from './manifest-model';

/**
 * The versions lockfiles record, read with line-oriented patterns rather than a full parse:
 * lockfiles are large, generated, and have a fixed layout per tool and version. Every locked
 * package is listed (duplicates included); rules dedupe by name and version.
 */
export function parseLockfile(format: ManifestFormat, text: string): Manifest {
  const manifest = emptyManifest(format);
  const add = (ecosystem: Ecosystem, name: string, nameRange: SourceSpan, version: string, versionRange: SourceSpan) => {
    manifest.dependencies.push({
      ecosystem,
      name,
      normalizedName: ecosystem === 'pypi' ? normalizePypiName(name) : name.toLowerCase(),
      nameRange,
      requirement: version,
      requirementRange: versionRange,
      syntax: 'locked',
      pin: 'exact',
      exactVersion: version,
      exactVersionRange: versionRange,
      section: 'packages',
      origin: 'locked',
    });
  };
  switch (format) {
    case 'package-lock':
      packageLock(text, add);
      break;
    case 'pnpm-lock':
      pnpmLock(text, add);
      break;
    case 'yarn-lock':
      yarnLock(text, add);
      break;
    case 'uv-lock':
    case 'poetry-lock':
      pythonLock(text, add);
      break;
    default:
      break;
  }
  return manifest;
}

type Add = (ecosystem: Ecosystem, name: string, nameRange: SourceSpan, version: string, versionRange: SourceSpan) => void;

const NPM_NAME = /^(?:@[^/\s"']+\/)?[^/@\s"']+$/;

/** Skips whitespace and `//` comments (fixtures annotate lockfiles; npm writes none). */
function skipTrivia(text: string, from: number): number {
  let index = from;
  for (;;) {
    while (index < text.length && /\s/.test(text[index]!)) index++;
    if (!text.startsWith('//', index)) return index;
    const newline = text.indexOf('\n', index);
    index = newline < 0 ? text.length : newline + 1;
  }
}

/**
 * `package-lock.json` / `npm-shrinkwrap.json`, v1–v3: `"node_modules/<name>": { "version": "…"`
 * in `packages`, `"<name>": { "version": "…"` in the v1 `dependencies` tree.
 */
function packageLock(text: string, add: Add): void {
  const version = /"version"[ \t]*:[ \t]*"([^"\n]+)"/y;
  for (const match of text.matchAll(/"([^"\n]+)"[ \t]*:[ \t]*\{/g)) {
    version.lastIndex = skipTrivia(text, match.index + match[0].length);
    const found = version.exec(text);
    if (!found) continue;
    const key = match[1]!;
    const marker = key.lastIndexOf('node_modules/');
    const name = marker >= 0 ? key.slice(marker + 'node_modules/'.length) : key;
    if (!NPM_NAME.test(name)) continue;
    const keyStart = match.index + 1 + (marker >= 0 ? marker + 'node_modules/'.length : 0);
    const versionStart = found.index + found[0].length - 1 - found[1]!.length;
    add('npm', name, { start: keyStart, end: keyStart + name.length }, found[1]!, { start: versionStart, end: versionStart + found[1]!.length });
  }
}

/** `pnpm-lock.yaml`: `packages:`/`snapshots:` keys `name@1.2.3` (v9), `/name@1.2.3` (v6), `/name/1.2.3` (v5). */
function pnpmLock(text: string, add: Add): void {
  const entry = /^ {2}(['"]?)\/?((?:@[^/@\s'"]+\/)?[^/@\s'"(]+)[@/](\d[^:'"(\s]*)(?:\([^\n]*\))?\1:[ \t]*\r?$/gm;
  for (const match of text.matchAll(entry)) {
    const nameStart = match.index + 2 + match[1]!.length + (match[0].charAt(2 + match[1]!.length) === '/' ? 1 : 0);
    const versionStart = nameStart + match[2]!.length + 1;
    add('npm', match[2]!, { start: nameStart, end: nameStart + match[2]!.length }, match[3]!, { start: versionStart, end: versionStart + match[3]!.length });
  }
}

/** `yarn.lock`, classic and Berry: a header line of specs, then an indented `version "1.2.3"` / `version: 1.2.3`. */
function yarnLock(text: string, add: Add): void {
  const header = /^"?((?:@[^/@\s"]+\/)?[^/@\s"]+)@/;
  const version = /^([ \t]+)version:?[ \t]+"?([^"\s]+)/;
  let current: { name: string; start: number } | undefined;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const start = lineStart;
    lineStart += line.length + 1;
    if (!/^[ \t]/.test(line)) {
      const match = line.trimEnd().endsWith(':') && !line.startsWith('#') ? header.exec(line) : null;
      current = match ? { name: match[1]!, start: start + (line.startsWith('"') ? 1 : 0) } : undefined;
      continue;
    }
    const found = current && version.exec(line);
    if (!current || !found) continue;
    const versionStart = start + found[0].length - found[2]!.length;
    add('npm', current.name, { start: current.start, end: current.start + current.name.length }, found[2]!, { start: versionStart, end: versionStart + found[2]!.length });
    current = undefined;
  }
}

/** `uv.lock` and `poetry.lock`: `[[package]]` tables starting with `name = "…"` and `version = "…"`. */
function pythonLock(text: string, add: Add): void {
  for (const match of text.matchAll(/^\[\[package\]\]\r?\n(?:#[^\n]*\n)*name = "([^"\n]+)"\r?\n(?:#[^\n]*\n)*version = "([^"\n]+)"/gm)) {
    const nameStart = match.index + match[0].indexOf(`name = "`) + 8;
    const versionStart = match.index + match[0].length - 1 - match[2]!.length;
    add('pypi', match[1]!, { start: nameStart, end: nameStart + match[1]!.length }, match[2]!, { start: versionStart, end: versionStart + match[2]!.length });
  }
}
