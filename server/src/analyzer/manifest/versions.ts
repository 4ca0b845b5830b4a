import type { Ecosystem, PinKind } from './manifest-model';

/**
 * Version requirements and version order for npm (semver) and PyPI (PEP 440), as far as the
 * supply-chain rules need them: is a requirement one exact version, what is its lower bound, and
 * does a version fall in an advisory's affected range. No network, no full range algebra.
 */

export interface RequirementShape {
  pin: PinKind;
  /** The exact version, for `pin: 'exact'`. */
  version?: string;
  /** Offset of the exact version (or of the lower bound) inside the requirement text. */
  versionOffset?: number;
  /**
   * For a range with a single lower bound given as a full version (`^1.2.3`, `~1.2.3`, `>=1.2.3`,
   * `~=1.2`): that version and the operator, for a fix that pins it.
   */
  lowerBound?: { version: string; operator: string };
}

const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

/** An npm dependency value: `1.2.3`, `^1.2.3`, `latest`, `file:../x`, `github:o/r#sha`, … */
export function npmRequirement(requirement: string): RequirementShape {
  const text = requirement.trim();
  const lead = requirement.length - requirement.trimStart().length;
  if (/^(?:file|link|workspace|catalog|portal|patch|git|git\+[a-z]+|github|gitlab|bitbucket|gist|https?|npm):/i.test(text) || /^(?:\.{1,2}\/|\/|~\/)/.test(text) || /^[\w.-]+\/[\w.-]+(?:#.*)?$/.test(text)) {
    return { pin: 'other' };
  }
  const exact = /^(=\s*|v)?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?)$/.exec(text);
  if (exact) return { pin: 'exact', version: exact[2]!, versionOffset: lead + (exact[1]?.length ?? 0) };
  if (/^[a-z][\w.-]*$/i.test(text) && !/^x$/i.test(text)) return { pin: 'tag' };
  const bound = /^(\^|~|>=)\s*v?(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/.exec(text);
  if (bound) return { pin: 'range', lowerBound: { operator: bound[1]!, version: bound[2]! }, versionOffset: lead + text.indexOf(bound[2]!) };
  return { pin: 'range' };
}

/**
 * PEP 508 specifiers after the name (and extras): `==1.2.3`, `>=1.2,<2`, `~=1.2`, `(>=1.0)`, `@ url`,
 * '' for none. Environment markers must already be cut off.
 */
export function pep508Requirement(specifiers: string): RequirementShape {
  const text = specifiers.trim();
  if (text.startsWith('@')) return { pin: 'other' };
  if (text === '') return { pin: 'range' };
  const lead = specifiers.length - specifiers.trimStart().length;
  // The old parenthesized form: `name (>=1.0)`.
  const inner = text.startsWith('(') && text.endsWith(')') ? text.slice(1, -1).trim() : text;
  const innerOffset = lead + text.indexOf(inner);
  const clauses = inner.split(',');
  if (clauses.length === 1) {
    const exact = /^(===?)\s*([^\s*,;]+)$/.exec(inner);
    if (exact) return { pin: 'exact', version: exact[2]!, versionOffset: innerOffset + inner.lastIndexOf(exact[2]!) };
    const bound = /^(>=|~=)\s*(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?)$/.exec(inner);
    if (bound) return { pin: 'range', lowerBound: { operator: bound[1]!, version: bound[2]! }, versionOffset: innerOffset + inner.lastIndexOf(bound[2]!) };
  }
  return { pin: 'range' };
}

/** A Poetry constraint: `1.2.3` and `==1.2.3` are exact; `^1.2`, `~1.2`, `>=1.2`, `*`, `1.2.*` are ranges. */
export function poetryRequirement(constraint: string): RequirementShape {
  const text = constraint.trim();
  const lead = constraint.length - constraint.trimStart().length;
  const exact = /^(==\s*)?(\d+(?:\.\d+)*(?:(?:a|b|rc|\.post|\.dev)\d+)*)$/.exec(text);
  if (exact) return { pin: 'exact', version: exact[2]!, versionOffset: lead + (exact[1]?.length ?? 0) };
  const bound = /^(\^|~=?|>=)\s*(\d+(?:\.\d+)*(?:(?:a|b|rc)\d+)?)$/.exec(text);
  if (bound) return { pin: 'range', lowerBound: { operator: bound[1]!, version: bound[2]! }, versionOffset: lead + text.lastIndexOf(bound[2]!) };
  return { pin: 'range' };
}

// Version order ---------------------------------------------------------------------------------------

interface ParsedSemver {
  release: number[];
  prerelease: string[];
}

function parseSemver(version: string): ParsedSemver | undefined {
  const match = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  return { release: [Number(match[1]), Number(match[2]), Number(match[3])], prerelease: match[4] ? match[4].split('.') : [] };
}

function compareIdentifiers(a: string, b: string): number {
  const numericA = /^\d+$/.test(a);
  const numericB = /^\d+$/.test(b);
  if (numericA && numericB) return Number(a) - Number(b);
  if (numericA !== numericB) return numericA ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareSemver(a: ParsedSemver, b: ParsedSemver): number {
  for (let index = 0; index < 3; index++) if (a.release[index] !== b.release[index]) return a.release[index]! - b.release[index]!;
  if (a.prerelease.length === 0 || b.prerelease.length === 0) return (a.prerelease.length === 0 ? 1 : 0) - (b.prerelease.length === 0 ? 1 : 0);
  for (let index = 0; index < Math.min(a.prerelease.length, b.prerelease.length); index++) {
    const order = compareIdentifiers(a.prerelease[index]!, b.prerelease[index]!);
    if (order !== 0) return order;
  }
  return a.prerelease.length - b.prerelease.length;
}

interface ParsedPep440 {
  release: number[];
  /** dev < a < b < rc < final < post, as a sortable pair. */
  phase: [number, number];
}

function parsePep440(version: string): ParsedPep440 | undefined {
  const release = /^v?(\d+(?:\.\d+)*)/i.exec(version.trim());
  if (!release) return undefined;
  let rest = version.trim().slice(release[0].length).toLowerCase();
  const take = (pattern: RegExp): RegExpExecArray | null => {
    const match = pattern.exec(rest);
    if (match) rest = rest.slice(match[0].length);
    return match;
  };
  const pre = take(/^[-_.]?(alpha|a|beta|b|rc|c|preview|pre)[-_.]?(\d*)/);
  const post = take(/^[-_.]?(post|rev|r)[-_.]?(\d*)/);
  const dev = take(/^[-_.]?dev[-_.]?(\d*)/);
  take(/^\+[a-z0-9.]+/);
  if (rest !== '') return undefined;
  let phase: [number, number] = [3, 0];
  if (pre) phase = [pre[1]!.startsWith('a') ? 0 : pre[1]!.startsWith('b') ? 1 : 2, Number(pre[2] || 0)];
  if (post) phase = [4, Number(post[2] || 0)];
  if (dev && !pre && !post) phase = [-1, Number(dev[1] || 0)];
  return { release: release[1]!.split('.').map(Number), phase };
}

function comparePep440(a: ParsedPep440, b: ParsedPep440): number {
  for (let index = 0; index < Math.max(a.release.length, b.release.length); index++) {
    const difference = (a.release[index] ?? 0) - (b.release[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return a.phase[0] - b.phase[0] || a.phase[1] - b.phase[1];
}

/** Compares two versions of an ecosystem; undefined when either cannot be read. */
export function compareVersions(ecosystem: Ecosystem, a: string, b: string): number | undefined {
  if (ecosystem === 'npm') {
    const left = parseSemver(a);
    const right = parseSemver(b);
    return left && right ? compareSemver(left, right) : undefined;
  }
  const left = parsePep440(a);
  const right = parsePep440(b);
  return left && right ? comparePep440(left, right) : undefined;
}

/** Whether a version is a plain release the ecosystem can order (`1.2.3`; PyPI also `1.2`, `1.2rc1`). */
export function isComparableVersion(ecosystem: Ecosystem, version: string): boolean {
  return ecosystem === 'npm' ? SEMVER.test(version.replace(/^v/, '')) : parsePep440(version) !== undefined;
}
