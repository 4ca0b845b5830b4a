import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext, SyntaxVisitor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { mergeVisitors, oauthRequestVisitor, scopeOf, type OAuthParameter } from '../../analyzer/mcp/oauth-requests';
import { calleeName, dottedName, namedChildren, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';

type MessageId = 'missingState' | 'constantState' | 'stateNotVerified';

type Language = 'js-ts' | 'python';

/** Objects holding a callback's query parameters: `req.query`, `url.searchParams`, `request.query_params`, `request.args`. */
const QUERY_HOLDERS = /(?:^|\.)(?:query|searchParams|query_params|args|GET|params)$/;
/** Function bodies that look like an OAuth callback: they read a code and exchange it for tokens. */
function looksLikeCallback(text: string): boolean {
  return /\bcode\b/.test(text) && /token/i.test(text);
}

/** A callback reads the authorization code from the query as well: `req.query.code`, `{ code, state }`, `.get('code')`. */
function readsCode(text: string): boolean {
  return /\.code\b|\(\s*['"]code['"]\s*\)|\[\s*['"]code['"]\s*\]|[{,]\s*code\s*[,}:]|\bcode\s*:\s*str\b/.test(text);
}
const STATE_NAMES = new Set(['state']);

export default defineRule<MessageId>(
  {
    id: 'require-oauth-state',
    group: 'auth',
    description: 'Require an unpredictable OAuth state parameter that the callback verifies',
    defaultSeverity: 'warning',
    confidence: 'medium',
    cwe: ['CWE-352'],
    owaspMcp: 'MCP07',
    control: 5,
    fix: 'none',
    messages: {
      missingState:
        'This authorization request has no `state`: nothing ties the callback to the request this client started, so an attacker can feed it their own authorization code (login CSRF) and the client ends up acting on the attacker\'s account. The MCP authorization spec says clients SHOULD use and verify `state`.',
      constantState:
        '`state` is the constant {{value}}: anyone can forge a callback carrying it, so it protects against nothing. Generate it per request with a CSPRNG, store it, and compare it exactly when the callback arrives.',
      stateNotVerified:
        '`{{name}}` is read from the callback but never used: the handler exchanges the code without checking that `state` matches the one it sent, so a forged callback (login CSRF) is accepted. Compare it exactly with the stored value and delete the stored value after use.',
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/authorization#open-redirection',
      'https://modelcontextprotocol.io/specification/2025-11-25/basic/security_best_practices#confused-deputy-problem',
      'https://www.rfc-editor.org/rfc/rfc6749#section-10.12',
      'https://cwe.mitre.org/data/definitions/352.html',
    ],
  },
  {
    'js-ts': (context) => mergeVisitors(requestChecks(context, 'js-ts'), jsCallbackChecks(context)),
    python: (context) => mergeVisitors(requestChecks(context, 'python'), pythonCallbackChecks(context)),
  },
);

function requestChecks(context: CodeRuleContext<MessageId>, language: Language): SyntaxVisitor {
  return oauthRequestVisitor(context, language, {
    onParameter(parameter, request) {
      if (parameter.name !== 'state') return;
      const constant = constantValue(parameter, language);
      if (constant === undefined || request()?.kind !== 'authorization') return;
      context.report({ messageId: 'constantState', data: { value: constant === '' ? 'empty string' : `'${constant}'` }, start: parameter.start, end: parameter.end });
    },
    onRequest(request) {
      if (request.kind !== 'authorization' || !request.complete || request.parameters.has('state')) return;
      context.report({ messageId: 'missingState', ...request.anchor });
    },
  });
}

/** The literal a `state` entry is set to, directly or through a constant defined in the same scope or at the top level. */
function constantValue(parameter: OAuthParameter, language: Language): string | undefined {
  if (parameter.text !== undefined) return parameter.text;
  const value = parameter.value;
  if (!value || (value.type !== 'identifier' && value.type !== 'shorthand_property_identifier')) return undefined;
  const name = value.text;
  const scopes = [scopeOf(value)];
  const root = rootOf(value);
  if (root.id !== scopes[0]!.id) scopes.push(root);
  for (const scope of scopes) {
    const body = scope.type === 'program' || scope.type === 'module' ? scope : scope.childForFieldName('body');
    if (!body) continue;
    for (const statement of namedChildren(body)) {
      const bound = literalBinding(statement, name, language);
      if (bound !== undefined) return bound;
    }
  }
  return undefined;
}

function rootOf(node: SyntaxNode): SyntaxNode {
  let current = node;
  while (current.parent) current = current.parent;
  return current;
}

/** `const NAME = 'literal'` / `NAME = "literal"` as a statement of the scope itself. */
function literalBinding(statement: SyntaxNode, name: string, language: Language): string | undefined {
  if (language === 'python') {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type !== 'assignment' || assignment.childForFieldName('left')?.text !== name) return undefined;
    return staticString(assignment.childForFieldName('right'));
  }
  const declaration = statement.type === 'export_statement' ? namedChildren(statement).find((child) => child.type === 'lexical_declaration') : statement;
  if (declaration?.type !== 'lexical_declaration' || !declaration.text.startsWith('const')) return undefined;
  for (const declarator of namedChildren(declaration)) {
    if (declarator.type === 'variable_declarator' && declarator.childForFieldName('name')?.text === name) return staticString(declarator.childForFieldName('value'));
  }
  return undefined;
}

/** Whether `node` reads the `state` query parameter: `req.query.state`, `url.searchParams.get('state')`, `request.args["state"]`. */
function readsStateParameter(node: SyntaxNode): boolean {
  const expression = unwrapExpression(node);
  if (expression.type === 'member_expression' || expression.type === 'subscript_expression' || expression.type === 'subscript' || expression.type === 'attribute') {
    const path = dottedName(expression);
    if (!path?.endsWith('.state')) return false;
    return QUERY_HOLDERS.test(path.slice(0, -'.state'.length));
  }
  if ((expression.type === 'call_expression' || expression.type === 'call') && (calleeName(expression) === 'get' || calleeName(expression) === 'getAll')) {
    const callee = expression.childForFieldName('function');
    const holder = dottedName(callee?.childForFieldName('object'));
    return holder !== undefined && QUERY_HOLDERS.test(holder) && staticString(positionalArguments(expression)[0]) === 'state';
  }
  return false;
}

/** Whether `name` is used anywhere in `scope` besides at `binding`. */
function isUsed(scope: SyntaxNode, name: string, binding: SyntaxNode, language: Language): boolean {
  const types = language === 'python' ? ['identifier'] : ['identifier', 'shorthand_property_identifier'];
  for (const node of scope.descendantsOfType(types)) {
    if (!node || node.text !== name || node.startIndex === binding.startIndex) continue;
    const parent = node.parent;
    // `request.state`, `f(state=…)`: other things that happen to be called state.
    if (language === 'python' && parent?.type === 'attribute' && parent.childForFieldName('attribute')?.startIndex === node.startIndex) continue;
    if (language === 'python' && parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.startIndex === node.startIndex) continue;
    return true;
  }
  return false;
}

function jsCallbackChecks(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  if (!/\bstate\b/.test(context.source.text) || !looksLikeCallback(context.source.text)) return {};
  const check = (binding: SyntaxNode, name: string) => {
    const scope = scopeOf(binding);
    if (scope.type === 'program' || !looksLikeCallback(scope.text) || !readsCode(scope.text)) return;
    if (isUsed(scope, name, binding, 'js-ts')) return;
    context.report({ messageId: 'stateNotVerified', data: { name }, start: binding.startIndex, end: binding.endIndex });
  };
  return {
    variable_declarator(declarator) {
      const name = declarator.childForFieldName('name');
      const value = declarator.childForFieldName('value');
      if (!name || !value) return;
      if (name.type === 'identifier') {
        if (value.endIndex - value.startIndex < 200 && value.text.includes('state') && readsStateParameter(value)) check(name, name.text);
        return;
      }
      if (name.type !== 'object_pattern' || !name.text.includes('state')) return;
      const holder = dottedName(unwrapExpression(value));
      const calledHolder = value.type === 'call_expression' ? dottedName(value.childForFieldName('function')) : undefined;
      if (!(holder && QUERY_HOLDERS.test(holder)) && !(calledHolder && /(?:^|\.)(?:query|valid)$/.test(calledHolder))) return;
      for (const property of namedChildren(name)) {
        if (property.type === 'shorthand_property_identifier_pattern' && STATE_NAMES.has(property.text)) check(property, property.text);
        else if (property.type === 'pair_pattern' && property.childForFieldName('key')?.text === 'state') {
          const local = property.childForFieldName('value');
          if (local?.type === 'identifier') check(local, local.text);
        }
      }
    },
  };
}

function pythonCallbackChecks(context: CodeRuleContext<MessageId>): SyntaxVisitor {
  if (!/\bstate\b/.test(context.source.text) || !looksLikeCallback(context.source.text)) return {};
  const check = (binding: SyntaxNode, name: string) => {
    const scope = scopeOf(binding);
    if (scope.type === 'module' || !looksLikeCallback(scope.text) || !readsCode(scope.text)) return;
    if (isUsed(scope, name, binding, 'python')) return;
    context.report({ messageId: 'stateNotVerified', data: { name }, start: binding.startIndex, end: binding.endIndex });
  };
  return {
    assignment(assignment) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'identifier' || !right || right.endIndex - right.startIndex > 200 || !right.text.includes('state')) return;
      if (readsStateParameter(right)) check(left, left.text);
    },
    // FastAPI-style callbacks receive query parameters as arguments: `async def callback(code: str, state: str)`.
    function_definition(fn) {
      const decorated = fn.parent?.type === 'decorated_definition' ? fn.parent : undefined;
      if (!decorated || !/\.(?:get|route|api_route)\(/.test(decorated.text.slice(0, fn.startIndex - decorated.startIndex))) return;
      const parameters = fn.childForFieldName('parameters');
      if (!parameters) return;
      let code = false;
      let state: SyntaxNode | undefined;
      for (const parameter of namedChildren(parameters)) {
        const name = parameter.type === 'identifier' ? parameter : namedChildren(parameter).find((child) => child.type === 'identifier');
        if (name?.text === 'code') code = true;
        if (name?.text === 'state') state = name;
      }
      if (!code || !state) return;
      const body = fn.childForFieldName('body');
      if (!body || !/token/i.test(body.text)) return;
      if (isUsed(body, 'state', state, 'python')) return;
      context.report({ messageId: 'stateNotVerified', data: { name: 'state' }, start: state.startIndex, end: state.endIndex });
    },
  };
}
