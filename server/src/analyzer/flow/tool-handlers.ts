import type { SyntaxNode } from '../syntax/syntax-tree';
import { calleeName, dottedName, keywordArguments, pairKey, positionalArguments, staticString } from '../syntax/nodes';
import { namedChildren } from '../syntax/tree';
import { ALL_SINK_KINDS, kindsSafeUnderPattern, type SinkKind } from './kinds';

/**
 * A function that receives arguments chosen by the model: an MCP tool handler, a resource-template
 * callback, or a low-level `tools/call` handler.
 */
export interface ToolHandler {
  function: SyntaxNode;
  toolName: string | undefined;
  /**
   * Local names bound to tool input on entry (destructured arguments, `args`, Python parameters),
   * with the sink kinds the input schema already makes them safe for (an anchored pattern).
   */
  inputs: Map<string, ReadonlySet<SinkKind>>;
  /** Input-object names (`args`) whose properties the schema constrains, with the kinds each is safe for. */
  constrainedProperties: Map<string, Map<string, ReadonlySet<SinkKind>>>;
  /** Names whose `.params` subtree is tool input (`setRequestHandler(CallToolRequestSchema, (request) => …)`). */
  requestNames: Set<string>;
}

export const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'generator_function_declaration', 'method_definition', 'function_definition']);

/** Zod constructors whose values cannot carry an injection (numbers, booleans, fixed choices). */
const CONSTRAINED_ZOD = new Set(['number', 'boolean', 'bigint', 'date', 'enum', 'nativeEnum', 'literal', 'nan', 'null', 'undefined', 'void', 'never']);
const CONSTRAINED_STRING_FORMATS = new Set(['uuid', 'cuid', 'cuid2', 'ulid', 'ip', 'ipv4', 'ipv6', 'datetime', 'date', 'time', 'duration', 'base64', 'int', 'finite']);

const NO_KINDS: ReadonlySet<SinkKind> = new Set();
const EVERY_KIND: ReadonlySet<SinkKind> = new Set(ALL_SINK_KINDS);

function regexSource(node: SyntaxNode | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'regex') return node.childForFieldName('pattern')?.text;
  return staticString(node);
}

/** The sink kinds a zod schema expression makes its value safe for: all for numbers and enums, some for anchored patterns. */
function zodSafeKinds(expression: SyntaxNode | undefined): ReadonlySet<SinkKind> {
  let current = expression;
  while (current?.type === 'call_expression') {
    const callee = current.childForFieldName('function');
    const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
    const args = positionalArguments(current);
    if (method === 'regex') {
      const kinds = kindsSafeUnderPattern(regexSource(args[0]) ?? '');
      if (kinds.size > 0) return kinds;
    }
    if (method && CONSTRAINED_STRING_FORMATS.has(method)) return EVERY_KIND;
    const object = callee?.childForFieldName('object');
    if (object && (object.text === 'z' || object.text === 'z.coerce')) {
      if (method === 'array' || method === 'optional' || method === 'nullable') return zodSafeKinds(args[0]);
      return method !== undefined && CONSTRAINED_ZOD.has(method) ? EVERY_KIND : NO_KINDS;
    }
    current = object ?? undefined;
  }
  return NO_KINDS;
}

/** Safe kinds per property of an input-schema shape (`{ a: z.number() }` or `z.object({...})`), for constrained properties only. */
function constrainedShape(shape: SyntaxNode | undefined): Map<string, ReadonlySet<SinkKind>> {
  const constrained = new Map<string, ReadonlySet<SinkKind>>();
  let object = shape;
  if (object?.type === 'call_expression' && calleeName(object) === 'object') object = positionalArguments(object)[0];
  if (object?.type !== 'object') return constrained;
  for (const pair of namedChildren(object).filter((child) => child.type === 'pair')) {
    const key = pairKey(pair);
    const kinds = zodSafeKinds(pair.childForFieldName('value') ?? undefined);
    if (key !== undefined && kinds.size > 0) constrained.set(key, kinds);
  }
  return constrained;
}

function objectProperty(object: SyntaxNode | undefined, name: string): SyntaxNode | undefined {
  if (object?.type !== 'object') return undefined;
  const pair = namedChildren(object).find((child) => child.type === 'pair' && pairKey(child) === name);
  return pair?.childForFieldName('value') ?? undefined;
}

/** Functions declared at any level of the file, by name (`function f`, `const f = () =>`); the first declaration wins. */
export function localFunctions(root: SyntaxNode): Map<string, SyntaxNode> {
  const functions = new Map<string, SyntaxNode>();
  for (const node of root.descendantsOfType(['function_declaration', 'generator_function_declaration', 'function_definition', 'variable_declarator'])) {
    if (!node) continue;
    if (node.type === 'variable_declarator') {
      const name = node.childForFieldName('name');
      const value = node.childForFieldName('value');
      if (name?.type === 'identifier' && value && FUNCTION_TYPES.has(value.type) && !functions.has(name.text)) functions.set(name.text, value);
    } else {
      const name = node.childForFieldName('name')?.text;
      if (name && !functions.has(name)) functions.set(name, node);
    }
  }
  return functions;
}

function resolveFunction(node: SyntaxNode | undefined, functions: Map<string, SyntaxNode>): SyntaxNode | undefined {
  if (!node) return undefined;
  if (FUNCTION_TYPES.has(node.type)) return node;
  if (node.type === 'identifier') return functions.get(node.text);
  return undefined;
}

function jsParameters(fn: SyntaxNode): SyntaxNode[] {
  const single = fn.childForFieldName('parameter');
  if (single) return [single];
  const list = fn.childForFieldName('parameters');
  return list ? namedChildren(list).filter((child) => child.type !== 'comment') : [];
}

/** The binding pattern of a parameter (`required_parameter` wraps it in TypeScript). */
function parameterPattern(parameter: SyntaxNode): SyntaxNode {
  if (parameter.type === 'required_parameter' || parameter.type === 'optional_parameter') return parameter.childForFieldName('pattern') ?? parameter;
  if (parameter.type === 'assignment_pattern') return parameter.childForFieldName('left') ?? parameter;
  return parameter;
}

/** Every name a binding pattern introduces, with the input property it came from. */
export function patternBindings(pattern: SyntaxNode): Array<{ name: string; key: string | undefined }> {
  switch (pattern.type) {
    case 'identifier':
    case 'shorthand_property_identifier_pattern':
      return [{ name: pattern.text, key: pattern.type === 'shorthand_property_identifier_pattern' ? pattern.text : undefined }];
    case 'object_pattern':
      return namedChildren(pattern).flatMap((property) => {
        if (property.type === 'shorthand_property_identifier_pattern') return [{ name: property.text, key: property.text }];
        if (property.type === 'object_assignment_pattern') {
          const left = property.childForFieldName('left');
          return left ? [{ name: left.text, key: left.text }] : [];
        }
        if (property.type === 'pair_pattern') {
          const key = property.childForFieldName('key')?.text;
          const value = property.childForFieldName('value');
          return value ? patternBindings(value).map((binding) => ({ name: binding.name, key: binding.key ?? key })) : [];
        }
        if (property.type === 'rest_pattern') return namedChildren(property).flatMap(patternBindings).map((binding) => ({ ...binding, key: undefined }));
        return [];
      });
    case 'array_pattern':
      return namedChildren(pattern).flatMap(patternBindings);
    case 'assignment_pattern': {
      const left = pattern.childForFieldName('left');
      return left ? patternBindings(left) : [];
    }
    case 'rest_pattern':
      return namedChildren(pattern).flatMap(patternBindings);
    default:
      return [];
  }
}

function jsHandler(call: SyntaxNode, functions: Map<string, SyntaxNode>): ToolHandler | undefined {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_expression') return undefined;
  const method = callee.childForFieldName('property')?.text;
  const args = positionalArguments(call);
  const last = args[args.length - 1];

  if (method === 'setRequestHandler') {
    if (!/CallToolRequestSchema$/.test(args[0]?.text ?? '')) return undefined;
    const fn = resolveFunction(last, functions);
    const first = fn ? jsParameters(fn)[0] : undefined;
    if (!fn || !first) return undefined;
    const pattern = parameterPattern(first);
    const handler: ToolHandler = { function: fn, toolName: undefined, inputs: new Map(), constrainedProperties: new Map(), requestNames: new Set() };
    if (pattern.type === 'identifier') handler.requestNames.add(pattern.text);
    // `({ params }) => …`: everything under params is input.
    else for (const binding of patternBindings(pattern)) handler.inputs.set(binding.name, NO_KINDS);
    return handler;
  }

  const isTool = method === 'tool' || method === 'registerTool';
  const isTemplateResource = (method === 'resource' || method === 'registerResource') && args.some((arg) => arg.type === 'new_expression' && calleeName(arg) === 'ResourceTemplate');
  if (!isTool && !isTemplateResource) return undefined;
  const fn = resolveFunction(last, functions);
  if (!fn) return undefined;
  const parameters = jsParameters(fn);
  const handler: ToolHandler = { function: fn, toolName: staticString(args[0]), inputs: new Map(), constrainedProperties: new Map(), requestNames: new Set() };

  if (isTemplateResource) {
    // (uri, variables) — both come from the requested URI.
    for (const parameter of parameters.slice(0, 2)) for (const binding of patternBindings(parameterPattern(parameter))) handler.inputs.set(binding.name, NO_KINDS);
    return handler;
  }
  const shape = method === 'registerTool' ? objectProperty(args[1], 'inputSchema') : args.slice(1, -1).find((arg) => arg.type === 'object' || arg.type === 'call_expression');
  const constrained = constrainedShape(shape);
  const first = parameters[0];
  if (!first) return handler;
  const pattern = parameterPattern(first);
  if (pattern.type === 'identifier') {
    handler.inputs.set(pattern.text, NO_KINDS);
    if (constrained.size > 0) handler.constrainedProperties.set(pattern.text, constrained);
  } else {
    for (const binding of patternBindings(pattern)) {
      const safe = binding.key === undefined ? NO_KINDS : (constrained.get(binding.key) ?? NO_KINDS);
      if (safe.size < ALL_SINK_KINDS.length) handler.inputs.set(binding.name, safe);
    }
  }
  return handler;
}

const REGISTRATION_CALL = /\.\s*(tool|registerTool|setRequestHandler|resource|registerResource)\s*\(/g;

const PYTHON_TOOL_DECORATORS = new Set(['tool', 'call_tool', 'resource']);
const CONSTRAINED_PYTHON_TYPES = new Set(['int', 'float', 'bool', 'complex', 'Decimal', 'UUID', 'datetime', 'date', 'time', 'timedelta', 'None']);
const NON_INPUT_TYPES = /^(?:Context|RequestContext|ServerSession)\b/;

/** Enum classes of the file: parameters typed with them only take the listed values. */
function pythonEnums(root: SyntaxNode): Set<string> {
  const enums = new Set<string>();
  for (const statement of namedChildren(root)) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    if (definition?.type !== 'class_definition') continue;
    const bases = definition.childForFieldName('superclasses')?.text ?? '';
    if (/\b(?:Str|Int)?Enum\b|\bIntFlag\b|\bFlag\b/.test(bases)) enums.add(definition.childForFieldName('name')?.text ?? '');
  }
  return enums;
}

/** The sink kinds a parameter's type annotation makes it safe for (numbers, Literal, enums: all). */
function pythonTypeSafeKinds(type: SyntaxNode | null, enums: Set<string>): ReadonlySet<SinkKind> {
  if (!type) return NO_KINDS;
  const text = type.text.replace(/\s+/g, '');
  if (CONSTRAINED_PYTHON_TYPES.has(text) || enums.has(text) || /^(?:typing\.)?Literal\[/.test(text)) return EVERY_KIND;
  const annotated = /^(?:typing\.)?Annotated\[([^,\]]+)/.exec(text);
  if (annotated?.[1] && (CONSTRAINED_PYTHON_TYPES.has(annotated[1]) || enums.has(annotated[1]))) return EVERY_KIND;
  // Annotated[str, Field(pattern=r"^[a-z]+$")]
  const field = type.descendantsOfType('call').find((call) => call && calleeName(call) === 'Field');
  const pattern = field ? staticString(keywordArguments(field).get('pattern')?.value) : undefined;
  return pattern === undefined ? NO_KINDS : kindsSafeUnderPattern(pattern);
}

function pythonHandler(decorated: SyntaxNode, enums: Set<string>): ToolHandler | undefined {
  const definition = decorated.childForFieldName('definition');
  if (definition?.type !== 'function_definition') return undefined;
  let toolName: string | undefined;
  let isHandler = false;
  for (const decorator of namedChildren(decorated).filter((child) => child.type === 'decorator')) {
    const expression = namedChildren(decorator)[0];
    const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
    const dotted = dottedName(callee);
    const last = dotted?.slice(dotted.lastIndexOf('.') + 1);
    if (!last || !PYTHON_TOOL_DECORATORS.has(last)) continue;
    // `@mcp.resource("config://app")` without template variables takes no input.
    if (last === 'resource' && !/\{\w+\}/.test(staticString(expression?.type === 'call' ? positionalArguments(expression)[0] : undefined) ?? '')) continue;
    isHandler = true;
    if (expression?.type === 'call') toolName = staticString(keywordArguments(expression).get('name')?.value) ?? toolName;
  }
  if (!isHandler) return undefined;
  const handler: ToolHandler = {
    function: definition,
    toolName: toolName ?? definition.childForFieldName('name')?.text,
    inputs: new Map(),
    constrainedProperties: new Map(),
    requestNames: new Set(),
  };
  for (const parameter of namedChildren(definition.childForFieldName('parameters') ?? definition)) {
    const name = parameter.type === 'identifier' ? parameter : (parameter.childForFieldName('name') ?? namedChildren(parameter).find((child) => child.type === 'identifier'));
    if (!name || name.text === 'self' || name.text === 'cls') continue;
    const type = parameter.childForFieldName('type');
    if (type && NON_INPUT_TYPES.test(type.text)) continue;
    const safe = pythonTypeSafeKinds(type, enums);
    if (safe.size < ALL_SINK_KINDS.length) handler.inputs.set(name.text, safe);
  }
  return handler;
}

/** Every tool handler of a file. */
export function findToolHandlers(root: SyntaxNode, target: 'js-ts' | 'python', functions: Map<string, SyntaxNode>): ToolHandler[] {
  const handlers: ToolHandler[] = [];
  if (target === 'python') {
    const enums = pythonEnums(root);
    for (const decorated of root.descendantsOfType('decorated_definition')) {
      const handler = decorated ? pythonHandler(decorated, enums) : undefined;
      if (handler) handlers.push(handler);
    }
    return handlers;
  }
  // Find registrations by their method name in the text, then confirm them in the tree: visiting
  // every call of a large file from JavaScript costs far more than a regular expression.
  const text = root.text;
  const seen = new Set<number>();
  for (const match of text.matchAll(REGISTRATION_CALL)) {
    const property = root.descendantForIndex(match.index + match[0].indexOf(match[1]!));
    const call = property?.parent?.parent;
    if (!call || call.type !== 'call_expression' || seen.has(call.id)) continue;
    seen.add(call.id);
    const handler = jsHandler(call, functions);
    if (handler) handlers.push(handler);
  }
  return handlers;
}
