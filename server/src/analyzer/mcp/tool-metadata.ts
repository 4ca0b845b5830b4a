import type { SyntaxNode } from '../syntax/syntax-tree';
import type { Node as JsonNode } from 'jsonc-parser';
import { decodeJsonString } from '../config/json-string';
import { objectProperties, propertyValue } from '../config/json-nodes';
import { calleeName, calleeOf, dottedName, keywordArguments, namedChildren, pairKey, positionalArguments, staticString } from '../syntax/nodes';
import { ResolvedText, TextResolver } from './resolved-text';

export type MetadataKind = 'tool' | 'prompt' | 'resource' | 'server';
export type MetadataField = 'description' | 'title' | 'instructions' | 'parameter';

/** One text the model reads about a tool, prompt, resource or server. */
export interface MetadataText {
  field: MetadataField;
  /** For messages: "description of tool 'add'", "description of parameter 'path' of tool 'read'". */
  site: string;
  /** The parameter a `parameter` text describes. */
  parameter: string | undefined;
  text: ResolvedText;
}

export interface SourceRange {
  start: number;
  end: number;
}

export interface AnnotationHint extends SourceRange {
  /** Undefined when the value is not a boolean literal. */
  value: boolean | undefined;
}

/** A tool, prompt, resource or server as declared in code or listed in a `tools/list` result. */
export interface DeclaredMetadata {
  kind: MetadataKind;
  name: string | undefined;
  nameRange: SourceRange | undefined;
  /** The declaration: registration call, decorated function, tool object. */
  range: SourceRange;
  texts: MetadataText[];
  parameters: Array<{ name: string } & SourceRange>;
  /** `readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint` as written. */
  annotations: ReadonlyMap<string, AnnotationHint>;
  /** The function that runs the tool, when it is in this file. */
  handler: SyntaxNode | undefined;
}

function quoted(name: string | undefined): string {
  return name === undefined ? '' : ` '${name}'`;
}

function siteOf(field: MetadataField, kind: MetadataKind, name: string | undefined, parameter?: string): string {
  if (field === 'instructions') return 'instructions of the server';
  if (field === 'parameter') return `description of parameter${quoted(parameter)}${kind === 'server' ? '' : ` of ${kind}${quoted(name)}`}`;
  return `${field} of ${kind}${quoted(name)}`;
}

class Declaration {
  readonly texts: MetadataText[] = [];
  readonly parameters: Array<{ name: string } & SourceRange> = [];
  readonly annotations = new Map<string, AnnotationHint>();
  handler: SyntaxNode | undefined;

  constructor(
    readonly kind: MetadataKind,
    readonly name: string | undefined,
    readonly nameRange: SourceRange | undefined,
    readonly range: SourceRange,
  ) {}

  add(field: MetadataField, text: ResolvedText | undefined, parameter?: string): void {
    // Nothing written in this file (a parameter, a function result): nothing to read.
    if (!text || text.literals.length === 0 || text.value.trim().length === 0) return;
    this.texts.push({ field, site: siteOf(field, this.kind, this.name, parameter), parameter, text });
  }

  parameter(name: string, range: SourceRange): void {
    if (!this.parameters.some((existing) => existing.name === name)) this.parameters.push({ name, ...range });
  }

  toMetadata(): DeclaredMetadata {
    return { kind: this.kind, name: this.name, nameRange: this.nameRange, range: this.range, texts: this.texts, parameters: this.parameters, annotations: this.annotations, handler: this.handler };
  }
}

function rangeOf(node: SyntaxNode): SourceRange {
  return { start: node.startIndex, end: node.endIndex };
}

function objectPairs(node: SyntaxNode | null | undefined): Map<string, { pair: SyntaxNode; value: SyntaxNode }> {
  const pairs = new Map<string, { pair: SyntaxNode; value: SyntaxNode }>();
  if (node?.type !== 'object' && node?.type !== 'dictionary') return pairs;
  for (const pair of namedChildren(node)) {
    if (pair.type !== 'pair') continue;
    const key = node.type === 'dictionary' ? staticString(pair.childForFieldName('key')) : pairKey(pair);
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) pairs.set(key, { pair, value });
  }
  return pairs;
}

const HINTS = new Set(['readOnlyHint', 'destructiveHint', 'idempotentHint', 'openWorldHint']);

function hintValue(node: SyntaxNode): boolean | undefined {
  if (node.type === 'true') return true;
  if (node.type === 'false') return false;
  return undefined;
}

/** Calls the extractor looks at, by the callee's last name; the engine filters calls with them. */
export const JS_METADATA_CALLEES: ReadonlySet<string> = new Set(['tool', 'prompt', 'registerTool', 'registerPrompt', 'resource', 'registerResource', 'describe']);
export const JS_METADATA_CONSTRUCTORS: ReadonlySet<string> = new Set(['McpServer', 'Server']);
export const PYTHON_METADATA_CALLEES: ReadonlySet<string> = new Set(['Field', 'FastMCP', 'MCPServer', 'Server', 'Tool', 'Prompt', 'Resource', 'add_tool']);
const PYTHON_REGISTRATION_DECORATORS = new Set(['tool', 'prompt', 'resource']);

/**
 * Collects the model-facing metadata of one code file from the nodes the shared traversal hands it
 * (registrations, schema `describe` calls, tool objects, decorated functions), in document order.
 */
export class CodeMetadataCollector {
  private readonly declarations: Declaration[] = [];
  /** Literals already attributed to a declaration; a stray `describe`/`Field` for them is not added twice. */
  private readonly claimed = new Set<number>();
  /** Parameter descriptions found outside any registration (a schema kept in a constant, a pydantic model). */
  private readonly strays: Declaration[] = [];
  private readonly resolver: TextResolver;

  constructor(
    root: SyntaxNode,
    private readonly target: 'js-ts' | 'python',
  ) {
    this.resolver = new TextResolver(root, target);
  }

  /** Node types to hand to `visit`, and the callee names that matter for call nodes. */
  static subscriptions(target: 'js-ts' | 'python'): Record<string, ReadonlySet<string> | undefined> {
    return target === 'python'
      ? { decorated_definition: undefined, call: PYTHON_METADATA_CALLEES }
      : { call_expression: JS_METADATA_CALLEES, new_expression: JS_METADATA_CONSTRUCTORS, object: undefined };
  }

  visit(node: SyntaxNode): void {
    if (this.target === 'python') this.visitPython(node);
    else this.visitJavaScript(node);
  }

  result(): DeclaredMetadata[] {
    // A registration met later in the file may have claimed a stray's literal (`const shape = {…}`).
    const strays = this.strays.filter((stray) => !stray.texts.some((text) => this.claimed.has(firstLiteralStart(text.text) ?? -1)));
    return [...this.declarations, ...strays]
      .filter((declaration) => declaration.texts.length > 0 || declaration.name !== undefined)
      .sort((a, b) => a.range.start - b.range.start)
      .map((declaration) => declaration.toMetadata());
  }

  /** A parameter description whose tool is not known (yet). */
  private stray(node: SyntaxNode, expression: SyntaxNode | null | undefined, parameter: string | undefined): void {
    const text = this.resolver.resolve(expression);
    const start = text ? firstLiteralStart(text) : undefined;
    if (!text || start === undefined || this.claimed.has(start) || this.strays.some((stray) => stray.texts.some((existing) => firstLiteralStart(existing.text) === start))) return;
    const declaration = new Declaration('server', undefined, undefined, rangeOf(node));
    declaration.add('parameter', text, parameter);
    this.strays.push(declaration);
  }

  private declare(kind: MetadataKind, nameNode: SyntaxNode | null | undefined, range: SyntaxNode, explicitName?: string): Declaration {
    const name = explicitName ?? staticString(nameNode);
    const declaration = new Declaration(kind, name, nameNode && name !== undefined ? rangeOf(nameNode) : undefined, rangeOf(range));
    this.declarations.push(declaration);
    return declaration;
  }

  private add(declaration: Declaration, field: MetadataField, expression: SyntaxNode | null | undefined, parameter?: string): void {
    const text = this.resolver.resolve(expression);
    if (!text) return;
    const first = firstLiteralStart(text);
    if (first !== undefined) {
      if (this.claimed.has(first)) return;
      this.claimed.add(first);
    }
    declaration.add(field, text, parameter);
  }

  private visitJavaScript(node: SyntaxNode): void {
    if (node.type === 'object') {
      this.jsToolObject(node);
      return;
    }
    const name = calleeName(node);
    const args = positionalArguments(node);
    if (node.type === 'new_expression') {
      const options = objectPairs(args[1]).get('instructions');
      if (options) this.add(this.declare('server', undefined, node), 'instructions', options.value);
      return;
    }
    const isMethod = calleeOf(node)?.type === 'member_expression';
    switch (name) {
      case 'tool':
      case 'prompt': {
        if (!isMethod) {
          // AI SDK style `tool({ description, parameters })`.
          const pairs = objectPairs(args[0]);
          if (!pairs.has('description')) return;
          const declaration = this.declare('tool', undefined, node);
          this.add(declaration, 'description', pairs.get('description')?.value);
          this.jsSchema(declaration, pairs.get('parameters')?.value ?? pairs.get('inputSchema')?.value);
          return;
        }
        if (staticString(args[0]) === undefined) return;
        const declaration = this.declare(name, args[0], node);
        const rest = args.slice(1);
        const handler = rest[rest.length - 1];
        if (handler && isFunctionNode(handler)) declaration.handler = handler;
        // server.tool(name, description?, paramsSchema?, annotations?, handler)
        let index = 0;
        if (rest[index] && rest[index] !== handler && rest[index]?.type !== 'object' && this.resolver.resolve(rest[index])) {
          this.add(declaration, 'description', rest[index]);
          index++;
        }
        for (const argument of rest.slice(index)) {
          if (argument === handler) continue;
          const value = argument.type === 'identifier' ? this.resolver.constant(argument.text) : argument;
          if (value?.type === 'object' && [...objectPairs(value).keys()].some((key) => HINTS.has(key))) this.jsAnnotations(declaration, value);
          else this.jsSchema(declaration, value);
        }
        return;
      }
      case 'registerTool':
      case 'registerPrompt':
      case 'registerResource':
      case 'resource': {
        if (!isMethod || staticString(args[0]) === undefined) return;
        const kind: MetadataKind = name === 'registerTool' ? 'tool' : name === 'registerPrompt' ? 'prompt' : 'resource';
        const declaration = this.declare(kind, args[0], node);
        const configIndex = kind === 'resource' ? 2 : 1;
        const config = objectPairs(args[configIndex]);
        this.add(declaration, 'title', config.get('title')?.value);
        this.add(declaration, 'description', config.get('description')?.value);
        this.jsSchema(declaration, config.get('inputSchema')?.value ?? config.get('argsSchema')?.value);
        const annotations = config.get('annotations')?.value;
        if (annotations) this.jsAnnotations(declaration, annotations);
        const handler = args[args.length - 1];
        if (handler && isFunctionNode(handler)) declaration.handler = handler;
        return;
      }
      case 'describe':
        if (isMethod) this.stray(node, args[0], enclosingPairKey(node));
        return;
    }
  }

  /** Low-level servers list literal tools: `{ name, description, inputSchema }`. */
  private jsToolObject(node: SyntaxNode): void {
    const pairs = objectPairs(node);
    if (!pairs.has('inputSchema') || !pairs.has('name')) return;
    const declaration = this.declare('tool', pairs.get('name')?.value, node);
    this.add(declaration, 'title', pairs.get('title')?.value);
    this.add(declaration, 'description', pairs.get('description')?.value);
    this.jsSchema(declaration, pairs.get('inputSchema')?.value);
    const annotations = pairs.get('annotations')?.value;
    if (annotations) this.jsAnnotations(declaration, annotations);
  }

  /** A zod raw shape, `z.object({...})`, a JSON Schema object literal, or a constant naming one. */
  private jsSchema(declaration: Declaration, schema: SyntaxNode | null | undefined, depth = 0): void {
    if (!schema || depth > 4) return;
    if (schema.type === 'identifier') {
      this.jsSchema(declaration, this.resolver.constant(schema.text), depth + 1);
      return;
    }
    if (schema.type === 'call_expression') {
      // z.object({...}), z.object({...}).strict(), ….describe()
      for (let call: SyntaxNode | null | undefined = schema; call?.type === 'call_expression'; call = calleeOf(call)?.childForFieldName('object')) {
        if (calleeName(call) === 'object') this.jsRawShape(declaration, positionalArguments(call)[0], depth + 1);
      }
      return;
    }
    if (schema.type !== 'object') return;
    const pairs = objectPairs(schema);
    if (pairs.has('type') || pairs.has('properties') || pairs.has('required')) this.jsJsonSchema(declaration, schema, depth === 0, 0);
    else this.jsRawShape(declaration, schema, depth + 1);
  }

  /** JSON Schema: every property's description, nested objects and array items included. */
  private jsJsonSchema(declaration: Declaration, schema: SyntaxNode | undefined, topLevel: boolean, depth: number): void {
    if (depth > 6) return;
    const pairs = objectPairs(schema);
    for (const [name, { pair, value }] of objectPairs(pairs.get('properties')?.value)) {
      if (topLevel) declaration.parameter(name, rangeOf(pair.childForFieldName('key') ?? pair));
      this.add(declaration, 'parameter', objectPairs(value).get('description')?.value, name);
      this.jsJsonSchema(declaration, value, false, depth + 1);
    }
    const items = pairs.get('items')?.value;
    if (items) this.jsJsonSchema(declaration, items, false, depth + 1);
  }

  /** `{ city: z.string().describe('…') }`. */
  private jsRawShape(declaration: Declaration, shape: SyntaxNode | null | undefined, depth = 0): void {
    if (shape?.type === 'identifier') shape = this.resolver.constant(shape.text);
    if (shape?.type !== 'object' || depth > 4) return;
    for (const [name, { pair, value }] of objectPairs(shape)) {
      declaration.parameter(name, rangeOf(pair.childForFieldName('key') ?? pair));
      for (let call: SyntaxNode | null | undefined = value; call?.type === 'call_expression'; call = calleeOf(call)?.childForFieldName('object')) {
        if (calleeName(call) === 'describe') this.add(declaration, 'parameter', positionalArguments(call)[0], name);
      }
    }
  }

  private jsAnnotations(declaration: Declaration, annotations: SyntaxNode): void {
    for (const [key, { pair, value }] of objectPairs(annotations)) {
      if (HINTS.has(key)) declaration.annotations.set(key, { value: hintValue(value), ...rangeOf(pair) });
      else if (key === 'title') this.add(declaration, 'title', value);
    }
  }

  private visitPython(node: SyntaxNode): void {
    if (node.type === 'decorated_definition') {
      this.pythonDecorated(node);
      return;
    }
    const name = calleeName(node);
    const keywords = keywordArguments(node);
    switch (name) {
      case 'FastMCP':
      case 'MCPServer':
      case 'Server':
        if (keywords.has('instructions')) this.add(this.declare('server', undefined, node), 'instructions', keywords.get('instructions')?.value);
        return;
      case 'Tool':
      case 'Prompt':
      case 'Resource': {
        const kind = name.toLowerCase() as MetadataKind;
        const declaration = this.declare(kind, keywords.get('name')?.value, node);
        this.add(declaration, 'title', keywords.get('title')?.value);
        this.add(declaration, 'description', keywords.get('description')?.value);
        this.pythonJsonSchema(declaration, keywords.get('inputSchema')?.value ?? keywords.get('input_schema')?.value);
        this.pythonAnnotations(declaration, keywords.get('annotations')?.value);
        return;
      }
      case 'add_tool': {
        const declaration = this.declare('tool', keywords.get('name')?.value, node, staticString(keywords.get('name')?.value) ?? positionalArguments(node)[0]?.text);
        this.add(declaration, 'title', keywords.get('title')?.value);
        this.add(declaration, 'description', keywords.get('description')?.value);
        this.pythonAnnotations(declaration, keywords.get('annotations')?.value);
        return;
      }
      case 'Field':
        this.stray(node, keywords.get('description')?.value, fieldOwner(node));
        return;
    }
  }

  private pythonDecorated(node: SyntaxNode): void {
    const definition = node.childForFieldName('definition');
    if (definition?.type !== 'function_definition') return;
    for (const decorator of namedChildren(node).filter((child) => child.type === 'decorator')) {
      const expression = namedChildren(decorator)[0];
      const call = expression?.type === 'call' ? expression : undefined;
      const callee = call ? call.childForFieldName('function') : expression;
      const dotted = dottedName(callee);
      const kind = dotted?.slice(dotted.lastIndexOf('.') + 1);
      if (!kind || !PYTHON_REGISTRATION_DECORATORS.has(kind)) continue;
      const keywords = call ? keywordArguments(call) : new Map<string, { argument: SyntaxNode; value: SyntaxNode }>();
      const nameNode = keywords.get('name')?.value ?? definition.childForFieldName('name');
      const declaration = this.declare(kind as MetadataKind, nameNode, node, staticString(keywords.get('name')?.value) ?? definition.childForFieldName('name')?.text);
      declaration.handler = definition;
      this.add(declaration, 'title', keywords.get('title')?.value);
      this.add(declaration, 'description', keywords.get('description')?.value ?? docstring(definition));
      this.pythonAnnotations(declaration, keywords.get('annotations')?.value);
      this.pythonParameters(declaration, definition);
    }
  }

  private pythonParameters(declaration: Declaration, definition: SyntaxNode): void {
    const parameters = definition.childForFieldName('parameters');
    if (!parameters) return;
    for (const parameter of namedChildren(parameters)) {
      const nameNode = parameter.type === 'identifier' ? parameter : namedChildren(parameter).find((child) => child.type === 'identifier');
      if (!nameNode || nameNode.text === 'self' || nameNode.text === 'cls') continue;
      const type = parameter.childForFieldName('type');
      if (type && /\bContext\b/.test(type.text)) continue;
      declaration.parameter(nameNode.text, rangeOf(nameNode));
      for (const field of [...(type?.descendantsOfType('call') ?? []), ...(parameter.childForFieldName('value')?.type === 'call' ? [parameter.childForFieldName('value')] : [])]) {
        if (!field || calleeName(field) !== 'Field') continue;
        this.add(declaration, 'parameter', keywordArguments(field).get('description')?.value, nameNode.text);
      }
    }
  }

  private pythonJsonSchema(declaration: Declaration, schema: SyntaxNode | null | undefined): void {
    const properties = objectPairs(schema).get('properties')?.value;
    for (const [name, { pair, value }] of objectPairs(properties)) {
      declaration.parameter(name, rangeOf(pair.childForFieldName('key') ?? pair));
      this.add(declaration, 'parameter', objectPairs(value).get('description')?.value, name);
    }
  }

  private pythonAnnotations(declaration: Declaration, annotations: SyntaxNode | null | undefined): void {
    if (!annotations) return;
    if (annotations.type === 'dictionary') {
      for (const [key, { pair, value }] of objectPairs(annotations)) if (HINTS.has(key)) declaration.annotations.set(key, { value: pythonBoolean(value), ...rangeOf(pair) });
      return;
    }
    if (annotations.type !== 'call') return;
    for (const [key, { argument, value }] of keywordArguments(annotations)) {
      if (HINTS.has(key)) declaration.annotations.set(key, { value: pythonBoolean(value), ...rangeOf(argument) });
      else if (key === 'title') this.add(declaration, 'title', value);
    }
  }
}

function firstLiteralStart(text: ResolvedText): number | undefined {
  return text.segments.find((segment) => segment.part)?.part?.start;
}

function pythonBoolean(node: SyntaxNode): boolean | undefined {
  return node.type === 'true' ? true : node.type === 'false' ? false : undefined;
}

const FUNCTION_NODE_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'identifier']);

function isFunctionNode(node: SyntaxNode): boolean {
  return FUNCTION_NODE_TYPES.has(node.type);
}

function docstring(definition: SyntaxNode): SyntaxNode | undefined {
  const body = definition.childForFieldName('body');
  const first = body ? namedChildren(body).find((child) => child.type !== 'comment') : undefined;
  const expression = first?.type === 'expression_statement' ? namedChildren(first)[0] : undefined;
  return expression?.type === 'string' || expression?.type === 'concatenated_string' ? expression : undefined;
}

/** The object key a parameter's schema expression sits under: `{ city: z.string().describe(…) }` → city. */
function enclosingPairKey(node: SyntaxNode): string | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'pair') return pairKey(current);
    if (current.type === 'object' || current.type === 'arguments' || current.type === 'statement_block') return undefined;
  }
  return undefined;
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

/**
 * The tools (and prompts) of a saved `tools/list` / `prompts/list` result: `{ tools: [...] }`, a
 * JSON-RPC response `{ result: { tools: [...] } }`, or a bare array of tool definitions.
 */
export function jsonMetadata(root: JsonNode | undefined, source: string): DeclaredMetadata[] {
  const declarations: DeclaredMetadata[] = [];
  const container = root?.type === 'object' && propertyValue(root, 'result')?.type === 'object' ? propertyValue(root, 'result') : root;
  const lists: Array<[MetadataKind, JsonNode | undefined]> =
    container?.type === 'array'
      ? [['tool', container]]
      : [
          ['tool', propertyValue(container, 'tools')],
          ['prompt', propertyValue(container, 'prompts')],
          ['resource', propertyValue(container, 'resources')],
        ];
  for (const [kind, list] of lists) {
    if (list?.type !== 'array') continue;
    for (const item of list.children ?? []) {
      const nameNode = propertyValue(item, 'name');
      if (item.type !== 'object' || nameNode?.type !== 'string') continue;
      const declaration = new Declaration(kind, String(nameNode.value), { start: nameNode.offset, end: nameNode.offset + nameNode.length }, { start: item.offset, end: item.offset + item.length });
      const text = (node: JsonNode | undefined) => (node?.type === 'string' ? ResolvedText.of(decodeJsonString(source, node.offset, node.length)) : undefined);
      declaration.add('title', text(propertyValue(item, 'title')));
      declaration.add('description', text(propertyValue(item, 'description')));
      addJsonSchemaParameters(declaration, propertyValue(item, 'inputSchema'), text, 0);
      for (const argument of propertyValue(item, 'arguments')?.children ?? []) {
        const argumentName = propertyValue(argument, 'name');
        if (argumentName?.type !== 'string') continue;
        declaration.parameter(String(argumentName.value), { start: argumentName.offset, end: argumentName.offset + argumentName.length });
        declaration.add('parameter', text(propertyValue(argument, 'description')), String(argumentName.value));
      }
      for (const hint of objectProperties(propertyValue(item, 'annotations'))) {
        if (HINTS.has(hint.key)) {
          const value = hint.valueNode.type === 'boolean' ? Boolean(hint.valueNode.value) : undefined;
          declaration.annotations.set(hint.key, { value, start: hint.propertyNode.offset, end: hint.propertyNode.offset + hint.propertyNode.length });
        } else if (hint.key === 'title') declaration.add('title', text(hint.valueNode));
      }
      declarations.push(declaration.toMetadata());
    }
  }
  return declarations;
}

function addJsonSchemaParameters(declaration: Declaration, schema: JsonNode | undefined, text: (node: JsonNode | undefined) => ResolvedText | undefined, depth: number): void {
  if (depth > 6) return;
  for (const property of objectProperties(propertyValue(schema, 'properties'))) {
    if (depth === 0) declaration.parameter(property.key, { start: property.keyNode.offset, end: property.keyNode.offset + property.keyNode.length });
    declaration.add('parameter', text(propertyValue(property.valueNode, 'description')), property.key);
    addJsonSchemaParameters(declaration, property.valueNode, text, depth + 1);
    addJsonSchemaParameters(declaration, propertyValue(property.valueNode, 'items'), text, depth + 1);
  }
}

/** Whether a JSON document has the shape of a tool list (checked cheaply before a full parse). */
export function looksLikeToolList(text: string): boolean {
  return /"(?:tools|prompts)"\s*:\s*\[/.test(text) || (/^\s*\[/.test(text) && /"inputSchema"\s*:/.test(text));
}
