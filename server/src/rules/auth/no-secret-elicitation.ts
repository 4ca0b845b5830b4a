import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import type { CodeRuleContext } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, dottedName, keywordArguments, namedChildren, pairKey, positionalArguments, staticString } from '../../analyzer/syntax/nodes';
import { identifierWords } from '../../analyzer/text/identifier-words';
import { findPhrases } from '../../analyzer/text/instruction-text';

type MessageId = 'secretInForm';

export default defineRule<MessageId>(
  {
    id: 'no-secret-elicitation',
    group: 'auth',
    description: 'Disallow form-mode elicitation that asks the user for passwords, API keys, tokens or payment credentials',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-522'],
    owaspMcp: 'MCP01',
    control: 1,
    fix: 'none',
    messages: {
      secretInForm:
        "Form-mode elicitation asks for '{{field}}' ({{what}}): the spec says servers MUST NOT use form mode to request passwords, API keys, access tokens or payment credentials, because the answer passes through the MCP client, its logs and possibly the model's context. {{alternative}}",
    },
    references: [
      'https://modelcontextprotocol.io/specification/2025-11-25/client/elicitation',
      'https://modelcontextprotocol.io/community/seps/1036-url-mode-elicitation-for-secure-out-of-band-intera',
      'https://cwe.mitre.org/data/definitions/522.html',
    ],
  },
  {
    'js-ts': (context) => ({
      call_expression: {
        callees: new Set(['elicitInput']),
        visit: (call) => checkJsElicitation(context, call),
      },
    }),
    python: (context) => ({
      call: {
        callees: new Set(['elicit', 'elicit_form']),
        visit: (call) => checkPythonElicitation(context, call),
      },
    }),
  },
);

const JS_ALTERNATIVE = "Collect it with URL-mode elicitation (elicitInput({ mode: 'url', url, elicitationId, message })) on a page the server controls.";
const PYTHON_ALTERNATIVE = 'Collect it with URL-mode elicitation (ctx.elicit_url(...)) on a page the server controls.';

// ---------------------------------------------------------------------------------------------
// What counts as a secret

/** Last words of a field name that make it a secret, and how to call it in a message. */
const SECRET_HEADS: ReadonlyMap<string, string> = new Map([
  ['password', 'a password'],
  ['passwd', 'a password'],
  ['pwd', 'a password'],
  ['passphrase', 'a passphrase'],
  ['passcode', 'a passcode'],
  ['secret', 'a secret'],
  ['credential', 'a credential'],
  ['credentials', 'credentials'],
  ['apikey', 'an API key'],
  ['cvv', 'a card security code'],
  ['cvv2', 'a card security code'],
  ['cvc', 'a card security code'],
  ['csc', 'a card security code'],
  ['ssn', 'a Social Security number'],
  ['iban', 'a bank account number'],
  ['otp', 'a one-time code'],
  ['totp', 'a one-time code'],
  ['mnemonic', 'a wallet recovery phrase'],
  ['pat', 'a personal access token'],
]);
/** Two-word endings: `api_key`, `accessKey`, `card_number`. */
const SECRET_PAIRS: ReadonlyMap<string, string> = new Map([
  ['api key', 'an API key'],
  ['access key', 'an access key'],
  ['secret key', 'a secret key'],
  ['private key', 'a private key'],
  ['signing key', 'a signing key'],
  ['encryption key', 'an encryption key'],
  ['card number', 'a payment card number'],
  ['cc number', 'a payment card number'],
  ['credit card', 'a payment card number'],
  ['security code', 'a security code'],
  ['security number', 'a Social Security number'],
  ['account number', 'a bank account number'],
  ['seed phrase', 'a wallet recovery phrase'],
  ['recovery phrase', 'a wallet recovery phrase'],
  ['mfa code', 'a one-time code'],
  ['2fa code', 'a one-time code'],
  ['pin code', 'a PIN'],
  ['card pin', 'a PIN'],
]);
/** Tokens that are not credentials: pagination cursors, counts are caught by the last-word rule. */
const NON_CREDENTIAL_TOKEN = new Set(['page', 'pagination', 'next', 'continuation', 'cursor', 'sync', 'csrf', 'design', 'color', 'colour']);

/** What a field name says it holds: `apiKey` → an API key; `password_hint`, `max_tokens`, `tokenCount` → nothing. */
function secretOfName(name: string): string | undefined {
  const words = identifierWords(name);
  const last = words[words.length - 1];
  if (!last) return undefined;
  const previous = words[words.length - 2];
  if (previous !== undefined) {
    const pair = SECRET_PAIRS.get(`${previous} ${last}`);
    if (pair) return pair;
  }
  if (last === 'token') {
    if (previous === undefined) return 'a token';
    return NON_CREDENTIAL_TOKEN.has(previous) ? undefined : `${/^[aeiou]/.test(previous) ? 'an' : 'a'} ${previous} token`;
  }
  if (last === 'pin') return words.length === 1 ? 'a PIN' : undefined;
  return SECRET_HEADS.get(last);
}

/** A secret named in a title or description: "API Key", "Your GitHub personal access token". */
const SECRET_PHRASE =
  /\b(?:pass(?:word|phrase|code)|api[ -]?key|access[ -]?key|secret[ -]?key|private[ -]?key|(?:client|signing|webhook|shared|app)[ -]?secret|(?:access|auth|bearer|refresh|bot|personal access|api|github|gitlab|slack|openai|anthropic)[ -]token|credentials?|credit[ -]?card(?: number)?|card number|cvv2?|cvc|social security number|ssn|iban|seed phrase|recovery phrase|one[- ]time (?:code|password)|2fa code|mfa code)\b(?!\s*(?:hint|reminder|reset|length|strength|policy|limit|count|expir\w*|type|name|id|rotation|requirements?)\b)/i;

/** The secret a title names, if the title is not negated ("Username (not your password)"). */
function secretOfTitle(title: string): string | undefined {
  const match = findPhrases(title, SECRET_PHRASE)[0];
  return match ? `titled '${title}'` : undefined;
}

/** A description whose noun phrase ends in a secret: "Your OpenAI API key", "Enter the database password." */
const DESCRIPTION_SECRET = new RegExp(
  `^\\s*(?:(?:enter|paste|provide|type|input|supply)\\s+)?(?:(?:your|the|an?)\\s+)?(?:[\\w.-]+\\s+){0,3}?(?:${SECRET_PHRASE.source})(?=\\s*(?:$|[.,:;()\\u2014\\u2013-]|(?:for|to|from|of|used|that|which|with|so)\\b))`,
  'i',
);

function secretOfDescription(description: string): string | undefined {
  return DESCRIPTION_SECRET.test(description) ? `described as '${shorten(description)}'` : undefined;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}

interface FieldFacts {
  name: string;
  nameNode: SyntaxNode;
  type: string | undefined;
  title: string | undefined;
  description: string | undefined;
  /** An enum, a oneOf or a Literal: the user picks a value the server offered, which is no secret. */
  isChoice: boolean;
  /** pydantic `SecretStr` / `SecretBytes`. */
  secretType: boolean;
}

function secretOfField(field: FieldFacts): string | undefined {
  if (field.secretType) return `typed as a secret (${field.type ?? 'SecretStr'})`;
  if (field.isChoice) return undefined;
  if (field.type !== undefined && !/^(?:string|str|integer|int|number|Optional\[str\]|str \| None)$/.test(field.type)) return undefined;
  return secretOfName(field.name) ?? (field.title ? secretOfTitle(field.title) : undefined) ?? (field.description ? secretOfDescription(field.description) : undefined);
}

function reportField(context: CodeRuleContext<MessageId>, field: FieldFacts, call: SyntaxNode, alternative: string): void {
  const what = secretOfField(field);
  if (!what) return;
  const callee = calleeOf(call) ?? call;
  context.report({
    messageId: 'secretInForm',
    data: { field: field.name, what, alternative },
    start: field.nameNode.startIndex,
    end: field.nameNode.endIndex,
    related: [{ start: callee.startIndex, end: callee.endIndex, message: 'the form-mode elicitation request' }],
  });
}

// ---------------------------------------------------------------------------------------------
// TypeScript / JavaScript: server.elicitInput({ message, requestedSchema })

function checkJsElicitation(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  if (calleeOf(call)?.type !== 'member_expression') return;
  const request = resolveJsObject(context, positionalArguments(call)[0]);
  if (!request) return;
  const pairs = objectPairs(request);
  const mode = pairs.get('mode');
  // URL mode is the right form; a mode computed at run time is not known to be a form.
  if (mode && staticString(mode) !== 'form') return;
  const schema = resolveJsObject(context, pairs.get('requestedSchema'));
  const properties = resolveJsObject(context, schema ? objectPairs(schema).get('properties') : undefined);
  if (!properties) return;
  for (const pair of namedChildren(properties)) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const name = pairKey(pair);
    const value = resolveJsObject(context, pair.childForFieldName('value') ?? undefined);
    if (!key || name === undefined) continue;
    const facts = value ? objectPairs(value) : new Map<string, SyntaxNode>();
    reportField(
      context,
      {
        name,
        nameNode: key,
        type: staticString(facts.get('type')),
        title: staticString(facts.get('title')),
        description: staticString(facts.get('description')),
        isChoice: facts.has('enum') || facts.has('oneOf') || facts.has('anyOf') || facts.has('const'),
        secretType: false,
      },
      call,
      JS_ALTERNATIVE,
    );
  }
}

function objectPairs(object: SyntaxNode): Map<string, SyntaxNode> {
  const pairs = new Map<string, SyntaxNode>();
  for (const pair of namedChildren(object)) {
    if (pair.type !== 'pair') continue;
    const key = object.type === 'dictionary' ? staticString(pair.childForFieldName('key')) : pairKey(pair);
    const value = pair.childForFieldName('value');
    if (key !== undefined && value) pairs.set(key, value);
  }
  return pairs;
}

/** An object literal, or the object a local `const` holds (`requestedSchema: LOGIN_SCHEMA`). */
function resolveJsObject(context: CodeRuleContext<MessageId>, node: SyntaxNode | undefined): SyntaxNode | undefined {
  let current = node;
  for (let depth = 0; current && depth < 3; depth++) {
    while (current && (current.type === 'as_expression' || current.type === 'satisfies_expression' || current.type === 'parenthesized_expression')) current = namedChildren(current)[0];
    if (current?.type === 'object') return current;
    if (current?.type !== 'identifier') return undefined;
    current = localConstants(context).get(current.text);
  }
  return undefined;
}

const constantsByRoot = new WeakMap<object, Map<string, SyntaxNode>>();

/** `const NAME = <value>` anywhere in the file, found once per file and only when a schema needs it. */
function localConstants(context: CodeRuleContext<MessageId>): Map<string, SyntaxNode> {
  let constants = constantsByRoot.get(context.source);
  if (constants) return constants;
  constants = new Map();
  for (const declarator of context.root.descendantsOfType('variable_declarator')) {
    const name = declarator?.childForFieldName('name');
    const value = declarator?.childForFieldName('value');
    if (name?.type === 'identifier' && value && !constants.has(name.text)) constants.set(name.text, value);
  }
  constantsByRoot.set(context.source, constants);
  return constants;
}

// ---------------------------------------------------------------------------------------------
// Python: await ctx.elicit(message=…, schema=Model), session.elicit_form(message, requestedSchema={…})

function checkPythonElicitation(context: CodeRuleContext<MessageId>, call: SyntaxNode): void {
  if (calleeOf(call)?.type !== 'attribute') return;
  const keywords = keywordArguments(call);
  const positional = positionalArguments(call);
  const schema =
    keywords.get('schema')?.value ??
    keywords.get('response_type')?.value ??
    keywords.get('requestedSchema')?.value ??
    keywords.get('requested_schema')?.value ??
    positional[1];
  if (!schema) return;
  if (schema.type === 'dictionary') {
    checkPythonJsonSchema(context, schema, call);
    return;
  }
  const model = schema.type === 'identifier' ? pythonClasses(context).get(schema.text) : undefined;
  if (!model) return;
  for (const field of modelFields(model)) reportField(context, field, call, PYTHON_ALTERNATIVE);
}

function checkPythonJsonSchema(context: CodeRuleContext<MessageId>, schema: SyntaxNode, call: SyntaxNode): void {
  const properties = objectPairs(schema).get('properties');
  if (properties?.type !== 'dictionary') return;
  for (const pair of namedChildren(properties)) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const name = staticString(key);
    const value = pair.childForFieldName('value');
    if (!key || name === undefined) continue;
    const facts = value?.type === 'dictionary' ? objectPairs(value) : new Map<string, SyntaxNode>();
    reportField(
      context,
      {
        name,
        nameNode: key,
        type: staticString(facts.get('type')),
        title: staticString(facts.get('title')),
        description: staticString(facts.get('description')),
        isChoice: facts.has('enum') || facts.has('oneOf') || facts.has('anyOf') || facts.has('const'),
        secretType: false,
      },
      call,
      PYTHON_ALTERNATIVE,
    );
  }
}

const classesByRoot = new WeakMap<object, Map<string, SyntaxNode>>();

/** The file's classes by name, found once per file and only when an elicitation names one. */
function pythonClasses(context: CodeRuleContext<MessageId>): Map<string, SyntaxNode> {
  let classes = classesByRoot.get(context.source);
  if (classes) return classes;
  classes = new Map();
  for (const definition of context.root.descendantsOfType('class_definition')) {
    const name = definition?.childForFieldName('name')?.text;
    if (definition && name && !classes.has(name)) classes.set(name, definition);
  }
  classesByRoot.set(context.source, classes);
  return classes;
}

/** `password: SecretStr`, `api_key: str = Field(title="API key")` in a pydantic model or dataclass body. */
function modelFields(model: SyntaxNode): FieldFacts[] {
  const fields: FieldFacts[] = [];
  const body = model.childForFieldName('body');
  for (const statement of body ? namedChildren(body) : []) {
    const assignment = statement.type === 'expression_statement' ? namedChildren(statement)[0] : undefined;
    if (assignment?.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const type = assignment.childForFieldName('type');
    if (left?.type !== 'identifier' || !type) continue;
    const right = assignment.childForFieldName('right');
    const field = right?.type === 'call' && /(?:^|\.)Field$/.test(dottedName(calleeOf(right)) ?? '') ? keywordArguments(right) : undefined;
    const typeText = type.text.replace(/\s+/g, ' ');
    fields.push({
      name: left.text,
      nameNode: left,
      type: typeText,
      title: staticString(field?.get('title')?.value),
      description: staticString(field?.get('description')?.value),
      isChoice: /\b(?:Literal|Enum)\b/.test(typeText),
      secretType: /\bSecret(?:Str|Bytes)\b/.test(typeText),
    });
  }
  return fields;
}
