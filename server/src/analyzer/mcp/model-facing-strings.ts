import type { Node as SyntaxNode } from '@vscode/tree-sitter-wasm';
import { calleeName, dottedName, keywordArguments, namedChildren, pairKey, positionalArguments, staticString } from '../syntax/nodes';
import { stringExpressionParts, type DecodedString } from '../syntax/string-literal';

/**
 * A string the model reads as part of an MCP server's (or agent framework's) metadata: tool,
 * prompt, resource and parameter descriptions, titles and server instructions.
 */
export interface ModelFacingString {
  /** Human label for messages: "description of tool 'add'". */
  site: string;
  /** The literal parts the string is made of, in order. */
  parts: DecodedString[];
}

type Collect = (site: string, expression: SyntaxNode | null | undefined) => void;

function collector(): { strings: ModelFacingString[]; add: Collect } {
  const strings: ModelFacingString[] = [];
  const add: Collect = (site, expression) => {
    const parts = expression ? stringExpressionParts(expression) : undefined;
    if (parts && parts.length > 0) strings.push({ site, parts });
  };
  return { strings, add };
}

function quoted(name: string | undefined): string {
  return name === undefined ? '' : ` '${name}'`;
}

function objectPairs(node: SyntaxNode | undefined): Map<string, SyntaxNode> {
  const pairs = new Map<string, SyntaxNode>();
  if (node?.type !== 'object') return pairs;
  for (const pair of namedChildren(node)) {
    if (pair.type !== 'pair') continue;
    const key = pairKey(pair);
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) pairs.set(key, value);
  }
  return pairs;
}

/** Metadata strings of a registration object literal: `{ title, description, … }`. */
function addMetadataObject(add: Collect, kind: string, name: string | undefined, object: SyntaxNode | undefined): void {
  const pairs = objectPairs(object);
  add(`description of ${kind}${quoted(name)}`, pairs.get('description'));
  add(`title of ${kind}${quoted(name)}`, pairs.get('title'));
}

/** JSON-Schema-style `properties: { x: { description } }` inside an input schema object literal. */
function addSchemaDescriptions(add: Collect, schema: SyntaxNode | undefined, depth = 0): void {
  if (schema?.type !== 'object' || depth > 8) return;
  for (const [name, property] of objectPairs(objectPairs(schema).get('properties'))) {
    add(`description of parameter '${name}'`, objectPairs(property).get('description'));
    addSchemaDescriptions(add, property, depth + 1);
    addSchemaDescriptions(add, objectPairs(property).get('items'), depth + 1);
  }
}

/** The object key a parameter's schema expression sits under: `{ city: z.string().describe(…) }` → city. */
function enclosingPairKey(node: SyntaxNode): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'pair') return pairKey(current);
    if (current.type === 'object' || current.type === 'arguments' || current.type === 'statement_block') return undefined;
  }
  return undefined;
}

/** JS/TS: strings of a `call_expression`, `new_expression` or `object` node. */
export function jsModelFacingStrings(node: SyntaxNode): ModelFacingString[] {
  const { strings, add } = collector();
  if (node.type === 'object') {
    // Low-level servers return literal tool lists: `{ name, description, inputSchema }`.
    const pairs = objectPairs(node);
    if (pairs.has('inputSchema')) {
      add(`description of tool${quoted(staticString(pairs.get('name')))}`, pairs.get('description'));
      addSchemaDescriptions(add, pairs.get('inputSchema'));
    }
    return strings;
  }
  const name = calleeName(node);
  const args = positionalArguments(node);
  const first = staticString(args[0]);
  if (node.type === 'new_expression') {
    if (name === 'McpServer' || name === 'Server') add('instructions of the server', objectPairs(args[1]).get('instructions'));
    return strings;
  }
  const isMethod = node.childForFieldName('function')?.type === 'member_expression';
  switch (name) {
    case 'tool':
    case 'prompt':
      if (isMethod) {
        add(`description of ${name}${quoted(first)}`, args[1]?.type === 'object' ? undefined : args[1]);
      } else {
        // AI SDK style `tool({ description, parameters })`.
        addMetadataObject(add, 'tool', undefined, args[0]);
      }
      break;
    case 'registerTool':
    case 'registerPrompt':
      if (isMethod) addMetadataObject(add, name === 'registerTool' ? 'tool' : 'prompt', first, args[1]);
      break;
    case 'resource':
    case 'registerResource':
      if (isMethod) addMetadataObject(add, 'resource', first, args[2]);
      break;
    case 'describe':
      if (isMethod) add(`description of parameter${quoted(enclosingPairKey(node))}`, args[0]);
      break;
  }
  return strings;
}

const PYTHON_REGISTRATION_DECORATORS = new Set(['tool', 'prompt', 'resource']);

function docstring(definition: SyntaxNode): SyntaxNode | undefined {
  const body = definition.childForFieldName('body');
  const first = body ? namedChildren(body).find((child) => child.type !== 'comment') : undefined;
  const expression = first?.type === 'expression_statement' ? namedChildren(first)[0] : undefined;
  return expression?.type === 'string' || expression?.type === 'concatenated_string' ? expression : undefined;
}

/** The parameter or attribute a `Field(...)` belongs to. */
function fieldOwner(call: SyntaxNode): string | undefined {
  for (let current = call.parent; current; current = current.parent) {
    if (current.type === 'typed_parameter' || current.type === 'typed_default_parameter' || current.type === 'default_parameter') {
      return namedChildren(current).find((child) => child.type === 'identifier')?.text ?? current.childForFieldName('name')?.text;
    }
    if (current.type === 'assignment') return dottedName(current.childForFieldName('left'));
    if (current.type === 'block' || current.type === 'module') return undefined;
  }
  return undefined;
}

/** Python: strings of a `decorated_definition` or a `call` node. */
export function pythonModelFacingStrings(node: SyntaxNode): ModelFacingString[] {
  const { strings, add } = collector();
  if (node.type === 'decorated_definition') {
    const definition = node.childForFieldName('definition');
    if (definition?.type !== 'function_definition') return strings;
    for (const decorator of namedChildren(node).filter((child) => child.type === 'decorator')) {
      const expression = namedChildren(decorator)[0];
      const call = expression?.type === 'call' ? expression : undefined;
      const callee = call ? call.childForFieldName('function') : expression;
      const dotted = dottedName(callee);
      const kind = dotted?.slice(dotted.lastIndexOf('.') + 1);
      if (!kind || !PYTHON_REGISTRATION_DECORATORS.has(kind)) continue;
      const keywords = call ? keywordArguments(call) : new Map<string, { value: SyntaxNode }>();
      const name = staticString(keywords.get('name')?.value) ?? definition.childForFieldName('name')?.text;
      add(`description of ${kind}${quoted(name)}`, keywords.get('description')?.value ?? docstring(definition));
      add(`title of ${kind}${quoted(name)}`, keywords.get('title')?.value);
    }
    return strings;
  }
  const name = calleeName(node);
  const keywords = keywordArguments(node);
  switch (name) {
    case 'Field':
      add(`description of parameter${quoted(fieldOwner(node))}`, keywords.get('description')?.value);
      break;
    case 'FastMCP':
    case 'MCPServer':
    case 'Server':
      add('instructions of the server', keywords.get('instructions')?.value);
      break;
    case 'Tool':
    case 'Prompt':
      add(`description of ${name.toLowerCase()}${quoted(staticString(keywords.get('name')?.value))}`, keywords.get('description')?.value);
      break;
  }
  return strings;
}
