import { parseTOML, type AST } from 'toml-eslint-parser';
import type { SourceSpan } from '../config/config-model';
import { normalizePypiName } from '../config/known-mcp-packages';
import { emptyManifest, type Dependency, type Manifest } from './manifest-model';
import { pep508Requirement, poetryRequirement, type RequirementShape } from './versions';

/** `name[extras] specifiers ; markers` — the name, and where the specifiers start and end. */
const PEP508 = /^([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?/;

/** A PEP 508 requirement string whose text starts at `start` (undefined `start`: no source mapping). */
function pep508Dependency(requirementText: string, start: number | undefined, nameStart: number, section: string, origin: Dependency['origin']): Dependency | undefined {
  const match = PEP508.exec(requirementText);
  if (!match) return undefined;
  const name = match[1]!;
  let specifiers = requirementText.slice(match[0].length);
  // Environment markers and pip's per-line options (`--hash=…`) are not part of the version.
  const marker = specifiers.search(/;|\s--?[a-z]/i);
  if (marker >= 0) specifiers = specifiers.slice(0, marker);
  const specifiersStart = match[0].length;
  const trimmed = specifiers.trimEnd();
  const shape = pep508Requirement(trimmed);
  return dependencyOf(name, trimmed, start === undefined ? undefined : start + specifiersStart, shape, { start: nameStart, end: nameStart + name.length }, 'pep508', section, origin);
}

function dependencyOf(
  name: string,
  requirement: string,
  requirementStart: number | undefined,
  shape: RequirementShape,
  nameRange: SourceSpan,
  syntax: Dependency['syntax'],
  section: string,
  origin: Dependency['origin'],
): Dependency {
  const leading = requirement.length - requirement.trimStart().length;
  const requirementRange = requirementStart === undefined ? undefined : { start: requirementStart + leading, end: requirementStart + requirement.length };
  const exactVersionRange =
    shape.pin === 'exact' && requirementStart !== undefined && shape.versionOffset !== undefined
      ? { start: requirementStart + shape.versionOffset, end: requirementStart + shape.versionOffset + shape.version!.length }
      : undefined;
  return {
    ecosystem: 'pypi',
    name,
    normalizedName: normalizePypiName(name),
    nameRange,
    requirement: requirement.trim(),
    requirementRange,
    syntax,
    pin: shape.pin,
    exactVersion: shape.pin === 'exact' ? shape.version : undefined,
    exactVersionRange,
    section,
    origin,
  };
}

/** pip requirements files: one requirement per line; options (`-r`, `-e`, `--hash`), paths and URLs are skipped. */
export function parseRequirements(text: string): Manifest {
  const manifest = emptyManifest('requirements');
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const start = lineStart;
    lineStart += line.length + 1;
    const comment = /(?:^|\s)(#.*)$/.exec(line);
    if (comment) manifest.comments.push({ text: comment[1]!.replace(/\r$/, ''), start: start + comment.index + comment[0].indexOf('#') });
    let content = comment ? line.slice(0, comment.index) : line.replace(/\r$/, '');
    content = content.trimEnd();
    if (content.endsWith('\\')) content = content.slice(0, -1);
    const indent = content.length - content.trimStart().length;
    const requirement = content.trim();
    if (!requirement || requirement.startsWith('-') || /^(?:\.{0,2}[/\\]|[a-z][\w+.-]*:\/\/|[a-z]:[/\\])/i.test(requirement) || /\.(?:whl|zip|tar\.gz)$/i.test(requirement)) continue;
    const dependency = pep508Dependency(requirement, start + indent, start + indent, 'requirements', 'declared');
    if (dependency) manifest.dependencies.push(dependency);
  }
  return manifest;
}

function keyNames(key: AST.TOMLKey): string[] {
  return key.keys.map((part) => (part.type === 'TOMLBare' ? part.name : String(part.value)));
}

type TomlValue = AST.TOMLKeyValue['value'];

function stringNode(value: TomlValue): (AST.TOMLValue & { kind: 'string' }) | undefined {
  return value.type === 'TOMLValue' && value.kind === 'string' ? value : undefined;
}

/** Where the string's value starts in the source, when it is written verbatim (no escapes, one line). */
function verbatimStart(text: string, node: AST.TOMLValue & { kind: 'string' }): number | undefined {
  const raw = text.slice(node.range[0], node.range[1]);
  const quote = raw.startsWith('"""') || raw.startsWith("'''") ? 3 : 1;
  return raw.slice(quote, raw.length - quote) === node.value ? node.range[0] + quote : undefined;
}

/** Whether a key path names a list of PEP 508 requirements. */
function isRequirementList(path: readonly string[]): string | undefined {
  const joined = path.join('.');
  if (joined === 'project.dependencies' || joined === 'tool.uv.dev-dependencies') return joined;
  if (path.length === 3 && (path[0] === 'dependency-groups' || (path[0] === 'project' && path[1] === 'optional-dependencies'))) return joined;
  if (path.length === 2 && path[0] === 'dependency-groups') return joined;
  return undefined;
}

/** Whether a key path is a Poetry dependency table (its keys are package names). */
function isPoetryTable(path: readonly string[]): boolean {
  const joined = path.join('.');
  return joined === 'tool.poetry.dependencies' || joined === 'tool.poetry.dev-dependencies' || (path.length === 5 && joined.startsWith('tool.poetry.group.') && path[4] === 'dependencies');
}

/** `pyproject.toml`: PEP 621 `[project]` dependencies and extras, PEP 735 groups, uv dev dependencies, Poetry tables. */
export function parsePyproject(text: string): Manifest {
  const manifest = emptyManifest('pyproject');
  const program = parseTOML(text);
  manifest.comments = program.comments.map((comment) => ({ text: text.slice(comment.range[0], comment.range[1]), start: comment.range[0] }));
  const visit = (path: string[], pair: AST.TOMLKeyValue) => {
    const list = isRequirementList(path);
    if (list && pair.value.type === 'TOMLArray') {
      for (const element of pair.value.elements) {
        const string = stringNode(element);
        if (!string) continue;
        const start = verbatimStart(text, string);
        const leading = string.value.length - string.value.trimStart().length;
        const dependency = pep508Dependency(string.value.trim(), start === undefined ? undefined : start + leading, (start ?? string.range[0]) + leading, list, 'declared');
        if (dependency) {
          if (start === undefined) dependency.nameRange = { start: string.range[0], end: string.range[1] };
          manifest.dependencies.push(dependency);
        }
      }
      return;
    }
    if (path.join('.') === 'project.name' && stringNode(pair.value)) manifest.packageName = stringNode(pair.value)!.value;
    const table = path.slice(0, -1);
    if (!isPoetryTable(table)) return;
    const name = path[path.length - 1]!;
    if (normalizePypiName(name) === 'python') return;
    let versionNode = stringNode(pair.value);
    if (!versionNode && pair.value.type === 'TOMLInlineTable') {
      const version = pair.value.body.find((entry) => keyNames(entry.key).join('.') === 'version');
      versionNode = version && stringNode(version.value);
      // `{ git = … }`, `{ path = … }`, `{ url = … }`: not from the index.
      if (!versionNode) return;
    }
    if (!versionNode) return;
    const start = verbatimStart(text, versionNode);
    const shape = poetryRequirement(versionNode.value);
    const keyPart = pair.key.keys[pair.key.keys.length - 1]!;
    const requirementStart = start;
    const dependency = dependencyOf(name, versionNode.value, requirementStart, shape, { start: keyPart.range[0], end: keyPart.range[1] }, 'poetry', table.join('.'), 'declared');
    manifest.dependencies.push(dependency);
  };
  for (const top of program.body) {
    for (const item of top.body) {
      if (item.type === 'TOMLKeyValue') visit(keyNames(item.key), item);
      else for (const pair of item.body) visit([...item.resolvedKey.map(String), ...keyNames(pair.key)], pair);
    }
  }
  return manifest;
}
