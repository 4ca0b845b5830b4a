import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { dottedName, keywordArguments, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { namedChildren } from '../../analyzer/syntax/tree';

type MessageId = 'zodAny' | 'jsonSchemaUntyped' | 'untypedParameter' | 'anyParameter' | 'variadicParameter';

const ZOD_ANYTHING = new Set(['any', 'unknown']);
/** What every call ZOD_ANYTHING names looks like in the text (`z.any(`, `z\n  .unknown (`). */
const ZOD_ANYTHING_CALL = /\.\s*(?:any|unknown)\s*\(/;
/** Chained checks that validate what `z.any()` let through. */
const ZOD_VALIDATING_METHODS = new Set(['refine', 'superRefine', 'pipe', 'check']);
/** JSON Schema keywords that constrain a value of any type. */
const JSON_SCHEMA_CONSTRAINTS = new Set(['type', 'enum', 'const', '$ref', 'anyOf', 'oneOf', 'allOf', 'not']);
const INPUT_SCHEMA_KEYS = new Set(['inputSchema', 'input_schema']);
const FUNCTION_TYPES = new Set(['arrow_function', 'function_expression', 'function', 'function_declaration', 'method_definition', 'lambda', 'function_definition']);
/** Parameters FastMCP fills in itself rather than from the tool call. */
const PY_INJECTED_TYPES = /^(?:[\w.]+\.)?(?:Context|RequestContext|ServerSession)\b/;
/** Annotations that accept any value: `Any`, `object`, `dict`, `dict[str, Any]`, `list[Any]`. */
const PY_UNCONSTRAINED_TYPE = /^(?:Any|object|(?:dict|Dict|Mapping|MutableMapping)(?:\[\w+,(?:Any|object)\])?|(?:list|List|Sequence)\[(?:Any|object)\])$/;

/** The registrations whose schemas the rule reads; other calls never reach it. */
const REGISTRATIONS = new Set(['tool', 'registerTool']);

export default defineRule<MessageId>(
  {
    id: 'no-unvalidated-tool-input',
    group: 'source',
    description: 'Disallow tool inputs whose schema accepts any value',
    defaultSeverity: 'info',
    confidence: 'medium',
    cwe: ['CWE-20'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'none',
    messages: {
      zodAny: 'Tool {{tool}} input `{{input}}` {{relation}} `{{schema}}`, which accepts any value: the SDK validates nothing before the handler runs. Describe the expected shape (`z.string().max(…)`, `z.enum([…])`, `z.object({…})`).',
      jsonSchemaUntyped:
        'Tool {{tool}} input `{{input}}` has no `type` (nor `enum`, `const` or `$ref`) in its JSON Schema, so any value passes validation. Give it a type and limits.',
      untypedParameter:
        'Tool {{tool}} input `{{input}}` has no type annotation, so FastMCP accepts any value for it unchecked. Annotate it (`str`, `int`, `Literal[…]`, a pydantic model).',
      anyParameter:
        'Tool {{tool}} input `{{input}}` is typed `{{type}}`, which accepts any value: the SDK validates nothing about it before the handler runs. Use a precise type (a pydantic model or TypedDict, `Literal[…]`, `Annotated[str, Field(max_length=…)]`).',
      variadicParameter:
        'Tool {{tool}} takes `{{input}}`: arguments arriving through it are not described by the input schema, so nothing about them is validated (the fastmcp package refuses such tools outright). Declare each input as a typed parameter.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
      'https://cwe.mitre.org/data/definitions/20.html',
      'https://zod.dev/api',
      'https://gofastmcp.com/servers/tools',
    ],
  },
  {
    'js-ts': (context) => {
      // A schema shared by several tools is reported once, where it is written.
      const reported = new Set<number>();
      let declared: Map<string, SyntaxNode> | undefined;
      // Most files call no `.any()` or `.unknown()` at all: then no schema needs walking.
      const callsAnything = ZOD_ANYTHING_CALL.test(context.source.text);
      return {
        call_expression: { callees: REGISTRATIONS, visit: (call) => {
          if (!callsAnything) return;
          const callee = call.childForFieldName('function');
          const method = callee?.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
          if (method !== 'tool' && method !== 'registerTool') return;
          const args = positionalArguments(call);
          const handler = args[args.length - 1];
          if (args.length < 3 || !handler || (!FUNCTION_TYPES.has(handler.type) && handler.type !== 'identifier')) return;
          const tool = toolLabel(args[0]);
          const schema = method === 'registerTool' ? mapValue(args[1], 'inputSchema') : args.slice(1, -1).find((arg) => arg.type !== 'string' && arg.type !== 'template_string');
          if (!schema) return;
          declared ??= declaredValues(context.root);
          for (const { call: anything, path, whole } of zodAnythingCalls(context, schema, declared)) {
            if (reported.has(anything.id)) continue;
            reported.add(anything.id);
            context.report({
              messageId: 'zodAny',
              data: { tool, input: path || 'the whole input', relation: whole ? 'is' : 'contains', schema: anything.text.replace(/\s+/g, '') },
              start: anything.startIndex,
              end: anything.endIndex,
            });
          }
        } },
        pair(pair) {
          if (!INPUT_SCHEMA_KEYS.has(pairKey(pair) ?? '')) return;
          checkJsonSchema(context, pair.childForFieldName('value'), toolLabel(siblingName(pair)));
        },
      };
    },
    python: (context) => {
      const reported = new Set<number>();
      let models: Map<string, SyntaxNode> | undefined;
      return {
        decorated_definition(decorated) {
          const definition = decorated.childForFieldName('definition');
          if (definition?.type !== 'function_definition') return;
          const decorator = namedChildren(decorated).find((child) => child.type === 'decorator' && isToolDecorator(child));
          if (!decorator) return;
          const expression = namedChildren(decorator)[0];
          const named = expression?.type === 'call' ? keywordArguments(expression).get('name')?.value : undefined;
          const tool = toolLabel(named ?? definition.childForFieldName('name'));
          models ??= pythonModels(context.root);
          for (const parameter of namedChildren(definition.childForFieldName('parameters') ?? definition)) checkParameter(context, parameter, tool, models, reported);
        },
        keyword_argument(argument) {
          if (!INPUT_SCHEMA_KEYS.has(argument.childForFieldName('name')?.text ?? '')) return;
          const call = argument.parent?.parent;
          const name = call?.type === 'call' ? keywordArguments(call).get('name')?.value : undefined;
          checkJsonSchema(context, argument.childForFieldName('value'), toolLabel(name));
        },
        pair(pair) {
          if (!INPUT_SCHEMA_KEYS.has(pairKey(pair) ?? '')) return;
          checkJsonSchema(context, pair.childForFieldName('value'), toolLabel(siblingName(pair)));
        },
      };
    },
  },
);

function toolLabel(node: SyntaxNode | null | undefined): string {
  const name = node?.type === 'identifier' ? node.text : staticString(node);
  return name ? `'${name}'` : '(unnamed)';
}

/** The `name` value beside an `inputSchema` key (`{ name: 'x', inputSchema: {...} }`). */
function siblingName(pair: SyntaxNode): SyntaxNode | undefined {
  const container = pair.parent;
  if (!container) return undefined;
  const sibling = namedChildren(container).find((child) => child.type === 'pair' && pairKey(child) === 'name');
  return sibling?.childForFieldName('value') ?? undefined;
}

/** The values of the file's `const name = …` declarations, for schemas declared apart from their tool. */
function declaredValues(root: SyntaxNode): Map<string, SyntaxNode> {
  const values = new Map<string, SyntaxNode>();
  for (const declarator of root.descendantsOfType('variable_declarator')) {
    const name = declarator?.childForFieldName('name');
    const value = declarator?.childForFieldName('value');
    if (name?.type === 'identifier' && value && !values.has(name.text)) values.set(name.text, value);
  }
  return values;
}

interface ZodAnything {
  call: SyntaxNode;
  /** Input keys from the schema root down to the call (`filter.value`). */
  path: string;
  /** The call (with chained `.optional()`, `.describe()`…) is the whole schema of its key. */
  whole: boolean;
}

/**
 * `z.any()` / `z.unknown()` calls inside a schema expression, following schemas declared as
 * constants of the file (`Schema`, `Schema.shape`), unless a chained check validates them.
 */
function zodAnythingCalls(context: CodeRuleContext<MessageId>, schema: SyntaxNode, declared: Map<string, SyntaxNode>): ZodAnything[] {
  const found: ZodAnything[] = [];
  const visiting = new Set<number>();
  const visit = (node: SyntaxNode, path: string[], whole: boolean) => {
    if (FUNCTION_TYPES.has(node.type) || visiting.has(node.id) || visiting.size > 5000) return;
    visiting.add(node.id);
    if (node.type === 'identifier') {
      const value = declared.get(node.text);
      if (value) visit(value, path, whole);
      return;
    }
    if (node.type === 'member_expression' && node.childForFieldName('property')?.text === 'shape') {
      const object = node.childForFieldName('object');
      if (object) visit(object, path, whole);
      return;
    }
    if (node.type === 'call_expression' && isZodAnything(context, node)) {
      if (!validatedLater(node)) found.push({ call: node, path: path.join('.'), whole });
      return;
    }
    if (node.type === 'pair') {
      const value = node.childForFieldName('value');
      if (value) visit(value, [...path, pairKey(node) ?? '?'], true);
      return;
    }
    // The receiver of a chained call (`z.any().optional()`) keeps standing for the whole value.
    const receiver = node.type === 'call_expression' ? node.childForFieldName('function')?.childForFieldName('object') : undefined;
    for (const child of namedChildren(node)) {
      if (child.type === 'property_identifier') continue;
      if (child.type === 'member_expression' && receiver) {
        visit(receiver, path, whole);
        continue;
      }
      visit(child, path, false);
    }
  };
  visit(schema, [], true);
  return found;
}

function isZodAnything(context: CodeRuleContext<MessageId>, call: SyntaxNode): boolean {
  const callee = call.childForFieldName('function');
  if (callee?.type !== 'member_expression' || !ZOD_ANYTHING.has(callee.childForFieldName('property')?.text ?? '')) return false;
  const object = callee.childForFieldName('object');
  if (object?.type !== 'identifier') return false;
  const binding = context.flow.imports.lookup(object.text);
  return binding ? binding.module === 'zod' || binding.module.startsWith('zod/') : object.text === 'z';
}

/** `z.any().refine(isPlainRecord)`: the check validates what the schema let through. */
function validatedLater(call: SyntaxNode): boolean {
  let current = call;
  while (current.parent?.type === 'member_expression' && current.parent.parent?.type === 'call_expression') {
    if (ZOD_VALIDATING_METHODS.has(current.parent.childForFieldName('property')?.text ?? '')) return true;
    current = current.parent.parent;
  }
  return false;
}

/** Properties of a JSON Schema object literal (JS object or Python dict) that nothing constrains. */
function checkJsonSchema(context: CodeRuleContext<MessageId>, schema: SyntaxNode | null | undefined, tool: string, prefix = '', depth = 0): void {
  if (!schema || !isMapLiteral(schema) || depth > 4) return;
  const properties = mapValue(schema, 'properties');
  if (properties && isMapLiteral(properties)) {
    for (const property of namedChildren(properties).filter((child) => child.type === 'pair')) {
      const key = pairKey(property);
      const value = property.childForFieldName('value');
      if (key === undefined || !value) continue;
      checkProperty(context, property, value, tool, `${prefix}${key}`, depth);
    }
  }
  const items = mapValue(schema, 'items');
  if (items && prefix) checkProperty(context, items, items, tool, `${prefix.replace(/\.$/, '')}[]`, depth);
}

function checkProperty(context: CodeRuleContext<MessageId>, anchor: SyntaxNode, value: SyntaxNode, tool: string, path: string, depth: number): void {
  const unconstrained = value.type === 'true' || (isMapLiteral(value) && !namedChildren(value).some((child) => child.type === 'pair' && JSON_SCHEMA_CONSTRAINTS.has(pairKey(child) ?? '')) && !namedChildren(value).some((child) => child.type === 'spread_element' || child.type === 'dictionary_splat'));
  if (unconstrained) {
    const key = anchor.type === 'pair' ? (anchor.childForFieldName('key') ?? anchor) : anchor;
    context.report({ messageId: 'jsonSchemaUntyped', data: { tool, input: path }, start: key.startIndex, end: key.endIndex });
    return;
  }
  if (isMapLiteral(value)) checkJsonSchema(context, value, tool, `${path}.`, depth + 1);
}

function isMapLiteral(node: SyntaxNode): boolean {
  return node.type === 'object' || node.type === 'dictionary';
}

/** The value of `key` in an object or dict literal. */
function mapValue(map: SyntaxNode | undefined, key: string): SyntaxNode | undefined {
  if (!map || !isMapLiteral(map)) return undefined;
  const pair = namedChildren(map).find((child) => child.type === 'pair' && pairKey(child) === key);
  return pair?.childForFieldName('value') ?? undefined;
}

/** `@mcp.tool`, `@mcp.tool()`, `@server.tool(name=…)`: a method of a server object, not a bare `@tool`. */
function isToolDecorator(decorator: SyntaxNode): boolean {
  const expression = namedChildren(decorator)[0];
  const callee = expression?.type === 'call' ? expression.childForFieldName('function') : expression;
  const dotted = dottedName(callee);
  return dotted !== undefined && dotted.includes('.') && dotted.endsWith('.tool');
}

function checkParameter(context: CodeRuleContext<MessageId>, parameter: SyntaxNode, tool: string, models: Map<string, SyntaxNode>, reported: Set<number>): void {
  switch (parameter.type) {
    case 'identifier':
    case 'default_parameter': {
      const name = parameter.type === 'identifier' ? parameter : parameter.childForFieldName('name');
      if (!name || name.text === 'self' || name.text === 'cls') return;
      context.report({ messageId: 'untypedParameter', data: { tool, input: name.text }, start: parameter.startIndex, end: parameter.endIndex });
      return;
    }
    case 'list_splat_pattern':
    case 'dictionary_splat_pattern':
      context.report({ messageId: 'variadicParameter', data: { tool, input: parameter.text }, start: parameter.startIndex, end: parameter.endIndex });
      return;
    case 'typed_parameter':
    case 'typed_default_parameter': {
      const type = parameter.childForFieldName('type');
      const target = parameter.type === 'typed_parameter' ? namedChildren(parameter)[0] : parameter.childForFieldName('name');
      if (!type || !target) return;
      if (target.type === 'list_splat_pattern' || target.type === 'dictionary_splat_pattern') {
        context.report({ messageId: 'variadicParameter', data: { tool, input: target.text }, start: parameter.startIndex, end: parameter.endIndex });
        return;
      }
      if (target.text === 'self' || target.text === 'cls' || PY_INJECTED_TYPES.test(type.text)) return;
      checkPythonType(context, parameter, type, tool, target.text, models, reported, 0);
      return;
    }
    default:
      return;
  }
}

/** Reports an unconstrained annotation, or looks into the fields of a model class of the file. */
function checkPythonType(
  context: CodeRuleContext<MessageId>,
  anchor: SyntaxNode,
  type: SyntaxNode,
  tool: string,
  input: string,
  models: Map<string, SyntaxNode>,
  reported: Set<number>,
  depth: number,
): void {
  const inner = innerPythonType(type.text);
  if (PY_UNCONSTRAINED_TYPE.test(inner)) {
    if (reported.has(anchor.id)) return;
    reported.add(anchor.id);
    context.report({ messageId: 'anyParameter', data: { tool, input, type: type.text.replace(/\s+/g, ' ') }, start: anchor.startIndex, end: anchor.endIndex });
    return;
  }
  // `Filter`, `list[Filter]`: the model's own fields are inputs too.
  const model = models.get(/^(?:list|List|Sequence)\[(\w+)\]$/.exec(inner)?.[1] ?? inner);
  const body = model?.childForFieldName('body');
  if (!body || depth >= 2) return;
  for (const statement of namedChildren(body)) {
    const field = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    const name = field?.type === 'assignment' ? field.childForFieldName('left') : undefined;
    const fieldType = field?.childForFieldName('type');
    if (field && name?.type === 'identifier' && fieldType && !PY_INJECTED_TYPES.test(fieldType.text)) checkPythonType(context, field, fieldType, tool, `${input}.${name.text}`, models, reported, depth + 1);
  }
}

/** Classes of the file a tool parameter may be typed with (pydantic models, TypedDicts, dataclasses). */
function pythonModels(root: SyntaxNode): Map<string, SyntaxNode> {
  const models = new Map<string, SyntaxNode>();
  for (const statement of namedChildren(root)) {
    const definition = statement.type === 'decorated_definition' ? statement.childForFieldName('definition') : statement;
    const name = definition?.type === 'class_definition' ? definition.childForFieldName('name')?.text : undefined;
    if (definition && name) models.set(name, definition);
  }
  return models;
}

/** `Optional[X]`, `X | None`, `Annotated[X, …]`, `typing.X` → `X`, without spaces. */
function innerPythonType(text: string): string {
  let type = text.replace(/\s+/g, '');
  if (type.includes('typing')) type = type.replace(/\btyping(?:_extensions)?\./g, '');
  // Each pattern is tried only where its fixed part is: most parameters are plain `int` or `str`.
  for (let previous = ''; previous !== type; ) {
    previous = type;
    if (type.startsWith('Optional[')) type = type.replace(/^Optional\[(.*)\]$/, '$1');
    if (type.startsWith('Union[') && type.endsWith(',None]')) type = type.replace(/^Union\[(.*),None\]$/, '$1');
    if (type.startsWith('Annotated[')) type = type.replace(/^Annotated\[([^,[\]]+(?:\[[^\]]*\])?),.*\]$/, '$1');
    if (type.endsWith('|None')) type = type.slice(0, -'|None'.length);
    if (type.startsWith('None|')) type = type.slice('None|'.length);
  }
  return type;
}
