import { createScanner, parseTree, printParseErrorCode, SyntaxKind, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { SourceSpan } from '../config/config-model';
import { objectProperties, propertyValue } from '../config/json-nodes';
import { emptyManifest, type Dependency, type Manifest, type ManifestString, type VsCodeTask } from './manifest-model';
import { npmRequirement } from './versions';

/** Dependency sections npm installs; `peerDependencies` are ranges by design and left out. */
const NPM_SECTIONS = ['dependencies', 'devDependencies', 'optionalDependencies'];

function span(node: JsonNode): SourceSpan {
  return { start: node.offset, end: node.offset + node.length };
}

/** The text inside a JSON string's quotes, when it is the value verbatim (no escapes). */
function rawInner(text: string, node: JsonNode): SourceSpan | undefined {
  const inner = { start: node.offset + 1, end: node.offset + node.length - 1 };
  return text.slice(inner.start, inner.end) === node.value ? inner : undefined;
}

function manifestString(node: JsonNode | undefined): ManifestString | undefined {
  return node?.type === 'string' ? { value: String(node.value), ...span(node) } : undefined;
}

function parseJson(text: string): { root: JsonNode | undefined; errors: Manifest['errors']; comments: Manifest['comments'] } {
  const parseErrors: ParseError[] = [];
  const root = parseTree(text, parseErrors, { allowTrailingComma: true, disallowComments: false });
  const comments: Manifest['comments'] = [];
  if (text.includes('/')) {
    const scanner = createScanner(text, false);
    for (let token = scanner.scan(); token !== SyntaxKind.EOF; token = scanner.scan()) {
      if (token === SyntaxKind.LineCommentTrivia || token === SyntaxKind.BlockCommentTrivia) {
        const offset = scanner.getTokenOffset();
        comments.push({ text: text.slice(offset, offset + scanner.getTokenLength()), start: offset });
      }
    }
  }
  return { root, errors: parseErrors.map((error) => ({ message: `JSON: ${printParseErrorCode(error.error)}`, offset: error.offset })), comments };
}

/** One `"name": "requirement"` entry of a dependency section; npm aliases (`npm:real@^1`) resolve to the real package. */
export function npmDependency(text: string, keyNode: JsonNode, valueNode: JsonNode, section: string): Dependency | undefined {
  if (valueNode.type !== 'string' || typeof keyNode.value !== 'string') return undefined;
  let name = keyNode.value;
  let requirement = String(valueNode.value);
  const inner = rawInner(text, valueNode);
  let requirementRange = inner;
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(requirement);
  if (alias) {
    name = alias[1]!;
    requirement = alias[2] ?? '';
    requirementRange = inner && { start: inner.end - requirement.length, end: inner.end };
  }
  const shape = npmRequirement(requirement);
  const exactVersionRange =
    shape.pin === 'exact' && requirementRange && shape.versionOffset !== undefined
      ? { start: requirementRange.start + shape.versionOffset, end: requirementRange.start + shape.versionOffset + shape.version!.length }
      : undefined;
  return {
    ecosystem: 'npm',
    name,
    normalizedName: name.toLowerCase(),
    nameRange: span(keyNode),
    requirement,
    requirementRange,
    syntax: 'npm',
    pin: requirement.trim() === '' ? 'range' : shape.pin,
    exactVersion: shape.pin === 'exact' ? shape.version : undefined,
    exactVersionRange,
    section,
    origin: 'declared',
  };
}

export function parsePackageJson(text: string): Manifest {
  const manifest = emptyManifest('package-json');
  const { root, errors, comments } = parseJson(text);
  manifest.errors = errors;
  manifest.comments = comments;
  if (root?.type !== 'object') return manifest;
  const name = propertyValue(root, 'name');
  manifest.packageName = name?.type === 'string' ? String(name.value) : undefined;
  for (const section of NPM_SECTIONS) {
    for (const property of objectProperties(propertyValue(root, section))) {
      const dependency = npmDependency(text, property.keyNode, property.valueNode, section);
      if (dependency) manifest.dependencies.push(dependency);
    }
  }
  for (const property of objectProperties(propertyValue(root, 'scripts'))) {
    if (property.valueNode.type !== 'string') continue;
    manifest.scripts.push({ name: property.key, nameRange: span(property.keyNode), command: String(property.valueNode.value), range: span(property.valueNode) });
  }
  return manifest;
}

const OS_KEYS = ['windows', 'linux', 'osx'];

function argStrings(node: JsonNode | undefined): ManifestString[] {
  if (node?.type !== 'array') return [];
  return (node.children ?? []).flatMap((item) => {
    // `{ "value": "…", "quoting": "escape" }` items carry the argument in `value`.
    const value = item.type === 'object' ? propertyValue(item, 'value') : item;
    const string = manifestString(value);
    return string ? [string] : [];
  });
}

function taskOf(node: JsonNode): VsCodeTask {
  const label = propertyValue(node, 'label');
  const type = propertyValue(node, 'type');
  const commands: VsCodeTask['commands'] = [];
  const addCommand = (holder: JsonNode, os: string | undefined) => {
    const command = manifestString(propertyValue(holder, 'command'));
    if (command) commands.push({ command, args: argStrings(propertyValue(holder, 'args') ?? propertyValue(node, 'args')), os });
  };
  addCommand(node, undefined);
  for (const os of OS_KEYS) {
    const holder = propertyValue(node, os);
    if (holder?.type === 'object') addCommand(holder, os);
  }
  const runOptions = objectProperties(node).find((property) => property.key === 'runOptions');
  const runOnProperty = objectProperties(runOptions?.valueNode).find((property) => property.key === 'runOn');
  return {
    label: label?.type === 'string' ? String(label.value) : undefined,
    range: span(node),
    type: type?.type === 'string' ? String(type.value) : undefined,
    commands,
    npmScript: manifestString(propertyValue(node, 'script')),
    runOn: manifestString(runOnProperty?.valueNode),
    runOptionsProperty: runOptions && span(runOptions.propertyNode),
    runOnProperty: runOnProperty && span(runOnProperty.propertyNode),
    runOnAlone: objectProperties(runOptions?.valueNode).length === 1,
  };
}

/** `.vscode/tasks.json`: the `tasks` array (JSONC). */
export function parseVsCodeTasks(text: string): Manifest {
  const manifest = emptyManifest('vscode-tasks');
  const { root, errors, comments } = parseJson(text);
  manifest.errors = errors;
  manifest.comments = comments;
  const tasks = propertyValue(root, 'tasks');
  if (tasks?.type !== 'array') return manifest;
  for (const task of tasks.children ?? []) if (task.type === 'object') manifest.tasks.push(taskOf(task));
  return manifest;
}
