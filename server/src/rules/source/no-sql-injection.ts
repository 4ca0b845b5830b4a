import type { SyntaxNode } from '../../analyzer/syntax/syntax-tree';
import { describeInputs, describeVia, relatedLocations, sinkLabel } from '../../analyzer/flow/sink-report';
import { FUNCTION_TYPES } from '../../analyzer/flow/tool-handlers';
import type { TaintedInput } from '../../analyzer/flow/tool-flow';
import type { CodeRuleContext, FixDescriptor } from '../../analyzer/rule';
import { defineRule } from '../../analyzer/rule';
import { calleeOf, keywordArguments, pairKey, positionalArguments, staticString, unwrapExpression } from '../../analyzer/syntax/nodes';
import { decodeStringNode } from '../../analyzer/syntax/string-literal';
import { namedChildren } from '../../analyzer/syntax/tree';
import { AssignmentIndex, enclosingScope } from '../../analyzer/flow/assignments';
import { lastNames } from '../../analyzer/flow/imports';

type MessageId = 'sqlFromInput';
type Context = CodeRuleContext<MessageId>;

/**
 * Methods that run SQL on many clients (pg, mysql2, sqlite3, better-sqlite3, knex, sequelize;
 * DB-API cursors, asyncpg, pandas). Most of these names are common on unrelated objects, so the
 * first argument must also be SQL text built from pieces (see `SqlReader`).
 */
const JS_QUERY_METHODS = new Set(['query', 'execute', 'exec', 'prepare', 'raw', 'run', 'get', 'all', 'each', 'unsafe']);
const PY_QUERY_METHODS = new Set(['execute', 'executemany', 'executescript', 'exec_driver_sql', 'raw', 'fetch', 'fetchrow', 'fetchval', 'read_sql', 'read_sql_query']);
/** Methods that only ever take SQL (or a SQL fragment), whatever the text looks like. */
const JS_SQL_ONLY_METHODS = new Set(['$queryRawUnsafe', '$executeRawUnsafe', 'whereRaw', 'orWhereRaw', 'andWhereRaw', 'havingRaw', 'orHavingRaw', 'orderByRaw', 'groupByRaw', 'joinRaw', 'selectRaw', 'fromRaw']);
const JS_SQL_ONLY_CALLS = new Set(['drizzle-orm.sql.raw', '@prisma/client.Prisma.raw', 'sequelize.literal', 'sequelize.Sequelize.literal', 'kysely.sql.raw', 'kysely.sql.lit']);
const PY_SQL_ONLY_CALLS = new Set([
  'sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'sqlmodel.text',
  'sqlalchemy.literal_column', 'sqlalchemy.sql.literal_column', 'sqlalchemy.sql.expression.literal_column',
  'django.db.models.RawSQL', 'django.db.models.expressions.RawSQL',
]);
/** Every callee name above, for the engine's callee filter (`sql.raw` → `raw`). */
const JS_CALLEES = new Set([...JS_QUERY_METHODS, ...JS_SQL_ONLY_METHODS, ...lastNames(JS_SQL_ONLY_CALLS)]);
const PY_CALLEES = new Set([...PY_QUERY_METHODS, ...lastNames(PY_SQL_ONLY_CALLS)]);
/** Same method names, other meanings: a shell, an HTTP client. */
const JS_NOT_SQL_MODULES = ['child_process', 'shelljs', 'execa', 'zx', 'axios', 'got', 'ky', 'node-fetch', 'undici', 'superagent'];

/** Statement shapes; a keyword alone ("select", "update") is too common in prose. */
const SQL_SHAPES = [
  /\bselect\b[\s\S]*?\bfrom\b/i,
  /\b(?:insert|replace|merge)\s+(?:or\s+\w+\s+)?into\b/i,
  /\bupdate\b[\s\S]*?\bset\b/i,
  /\bdelete\s+from\b/i,
  /\b(?:create|drop|alter|truncate)\s+(?:temp(?:orary)?\s+)?(?:table|index|view|database|schema|trigger)\b/i,
  /^\s*pragma\s+\w/i,
];

/** Placeholder style of a driver: `$1` (pg, asyncpg), `?` (mysql, sqlite), `%s` (psycopg, PyMySQL). */
type Placeholders = 'dollar' | 'question' | 'format';

const JS_DRIVERS: ReadonlyMap<string, Placeholders> = new Map<string, Placeholders>([
  ['pg', 'dollar'], ['pg-pool', 'dollar'], ['@neondatabase/serverless', 'dollar'], ['@vercel/postgres', 'dollar'],
  ['mysql', 'question'], ['mysql2', 'question'], ['mysql2/promise', 'question'], ['sqlite3', 'question'], ['better-sqlite3', 'question'], ['sqlite', 'question'],
]);
/** Libraries with query methods of their own placeholder rules: no fix when the file uses them. */
const JS_OTHER_SQL_LIBRARIES = ['knex', 'sequelize', 'typeorm', '@prisma/client', 'drizzle-orm', 'kysely', '@mikro-orm/core', 'postgres', 'slonik', '@libsql/client', 'mssql', 'oracledb'];
const PY_DRIVERS: ReadonlyMap<string, Placeholders> = new Map<string, Placeholders>([
  ['sqlite3', 'question'], ['aiosqlite', 'question'],
  ['psycopg2', 'format'], ['psycopg', 'format'], ['pymysql', 'format'], ['MySQLdb', 'format'], ['mysql', 'format'], ['aiomysql', 'format'], ['asyncmy', 'format'], ['pg8000', 'format'],
  ['asyncpg', 'dollar'],
]);
const PY_OTHER_SQL_LIBRARIES = ['sqlalchemy', 'sqlmodel', 'django', 'peewee', 'databases', 'tortoise', 'pandas', 'duckdb', 'pyodbc', 'cx_Oracle', 'oracledb', 'pymssql', 'snowflake', 'clickhouse_driver'];
/** Methods whose parameters the fix knows how to pass, per placeholder style. */
const JS_FIX_METHODS: Record<Placeholders, ReadonlySet<string>> = { dollar: new Set(['query']), question: new Set(['query', 'execute', 'run', 'get', 'all', 'each', 'prepare']), format: new Set() };
const PY_FIX_METHODS: Record<Placeholders, ReadonlySet<string>> = { dollar: new Set(['execute', 'fetch', 'fetchrow', 'fetchval']), question: new Set(['execute']), format: new Set(['execute']) };
/** better-sqlite3 / sqlite3 statement methods that take the bind values of `db.prepare(sql)`. */
const STATEMENT_METHODS = new Set(['get', 'all', 'run', 'iterate']);

export default defineRule<MessageId>(
  {
    id: 'no-sql-injection',
    group: 'source',
    description: 'Disallow tool input in the text of SQL queries',
    defaultSeverity: 'error',
    confidence: 'high',
    cwe: ['CWE-89'],
    owaspMcp: 'MCP05',
    control: 6,
    fix: 'suggestion',
    messages: {
      sqlFromInput:
        'Tool input {{inputs}} is pasted into the SQL text of {{sink}}{{via}}: the model, or a prompt injection it has read, can rewrite the query to read, change or delete any data this connection reaches.',
    },
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
      'https://node-postgres.com/features/queries#parameterized-query',
      'https://docs.python.org/3/library/sqlite3.html#sqlite3-placeholders',
      'https://modelcontextprotocol.io/specification/2025-11-25/server/tools#security-considerations',
    ],
  },
  {
    'js-ts': (context) => {
      const reader = new SqlReader(context.flow.functions);
      return {
        call_expression: { callees: JS_CALLEES, visit: (call) => {
          const callee = calleeOf(call);
          // Tagged templates (prisma.$queryRaw`…`, sql`…`) bind their interpolations.
          if (!callee || call.childForFieldName('arguments')?.type !== 'arguments') return;
          const qualified = context.flow.imports.qualify(callee);
          if (qualified && JS_NOT_SQL_MODULES.some((module) => qualified === module || qualified.startsWith(`${module}.`))) return;
          const method = callee.type === 'member_expression' ? callee.childForFieldName('property')?.text : undefined;
          if (callee.type === 'member_expression' && callee.childForFieldName('object')?.type === 'regex') return;
          const sqlOnly = (method !== undefined && JS_SQL_ONLY_METHODS.has(method)) || (qualified !== undefined && JS_SQL_ONLY_CALLS.has(qualified));
          if (!sqlOnly && (method === undefined || !JS_QUERY_METHODS.has(method))) return;
          checkQuery(context, reader, call, sqlOnly, () => jsParameterFix(context, reader, call, method));
        } },
      };
    },
    python: (context) => {
      const reader = new SqlReader(context.flow.functions);
      return {
        call: { callees: PY_CALLEES, visit: (call) => {
          const callee = calleeOf(call);
          if (!callee) return;
          const qualified = context.flow.imports.qualify(callee);
          const method = callee.type === 'attribute' ? callee.childForFieldName('attribute')?.text : undefined;
          const sqlOnly = qualified !== undefined && PY_SQL_ONLY_CALLS.has(qualified);
          if (!sqlOnly && (method === undefined || !PY_QUERY_METHODS.has(method))) return;
          checkQuery(context, reader, call, sqlOnly, () => pythonParameterFix(context, call, method));
        } },
      };
    },
  },
);

function checkQuery(context: Context, reader: SqlReader, call: SyntaxNode, sqlOnly: boolean, fixes: () => FixDescriptor[]): void {
  const [first] = positionalArguments(call);
  // pg's `query({ text, values })` and mysql's `query({ sql, values })`.
  const query = first?.type === 'object' ? objectQuery(first) : first;
  if (!query) return;
  // Taint first: it is cached per function, while recognising SQL text walks assignments.
  const inputs: TaintedInput[] = context.flow.taintedInputs(query, 'sql');
  if (inputs.length === 0) return;
  // A helper's parameter (`run(sql) { db.query(sql) }`) is judged by the SQL its callers pass.
  const isSql = sqlOnly || reader.isSql(query) || inputs.some((input) => callerPassesSql(reader, query, input));
  if (!isSql) return;
  context.report({
    messageId: 'sqlFromInput',
    data: { inputs: describeInputs(inputs), sink: sinkLabel(calleeOf(call)), via: describeVia(inputs) },
    start: query.startIndex,
    end: query.endIndex,
    fixes: fixes(),
    related: relatedLocations(inputs),
  });
}

function objectQuery(options: SyntaxNode): SyntaxNode | undefined {
  const pair = namedChildren(options).find((child) => child.type === 'pair' && ['text', 'sql'].includes(pairKey(child) ?? ''));
  return pair?.childForFieldName('value') ?? undefined;
}

/** Reads SQL text out of expressions; one per file, so assignments are indexed once. */
class SqlReader {
  readonly assignments = new AssignmentIndex();

  constructor(private readonly functions: ReadonlyMap<string, SyntaxNode>) {}

  /** Whether `expression` is SQL text built from pieces (see `text`). */
  isSql(expression: SyntaxNode): boolean {
    const text = this.text(expression, 0, new Set());
    // `/api/select/items?from=…` has the words of a statement but is a URL.
    return text !== undefined && !/^\s*(?:[a-z][a-z0-9+.-]*:\/\/|\/)/i.test(text) && SQL_SHAPES.some((shape) => shape.test(text));
  }

  /**
   * The constant text of a string built from pieces (template literal, f-string, `+`, `%`,
   * `.format`, `.join`, `.concat`), with `?` for each piece that is not constant; undefined when
   * the expression is not string building. Names are followed to what was assigned to them, calls
   * of local helpers to what they return.
   */
  private text(expression: SyntaxNode, depth: number, seen: Set<number>): string | undefined {
    const node = unwrapExpression(expression);
    if (depth > 4 || seen.has(node.id)) return undefined;
    seen.add(node.id);
    const inner = (child: SyntaxNode | null | undefined) => (child ? this.text(child, depth + 1, seen) : undefined);
    const piece = (child: SyntaxNode | null | undefined) => inner(child) ?? ' ? ';
    switch (node.type) {
      case 'string':
      case 'template_string':
        return decodeStringNode(node)?.value;
      case 'concatenated_string':
        return namedChildren(node).map(piece).join('');
      case 'binary_expression':
      case 'binary_operator': {
        const operator = node.childForFieldName('operator')?.type;
        const left = node.childForFieldName('left');
        if (operator === '%' && node.type === 'binary_operator') return inner(left);
        return operator === '+' ? joinTexts([inner(left), inner(node.childForFieldName('right'))], '') : undefined;
      }
      case 'call_expression':
      case 'call': {
        const callee = calleeOf(node);
        const helper = callee?.type === 'identifier' ? this.functions.get(callee.text) : undefined;
        if (helper) return joinTexts(returnedExpressions(helper).map(inner));
        if (callee?.type !== 'member_expression' && callee?.type !== 'attribute') return undefined;
        const method = callee.childForFieldName(callee.type === 'attribute' ? 'attribute' : 'property')?.text;
        const receiver = callee.childForFieldName('object');
        const args = positionalArguments(node);
        if (method === 'format') return inner(receiver);
        if (method === 'concat') {
          const text = inner(receiver);
          return text === undefined ? undefined : text + args.map(piece).join('');
        }
        if (method === 'join') {
          // JS `[…].join(sep)`, Python `sep.join([…])`.
          const items = node.type === 'call' ? args[0] : receiver;
          const separator = staticString(node.type === 'call' ? receiver : args[0]) ?? ' ';
          return items && ['array', 'list', 'tuple'].includes(items.type) ? namedChildren(items).map(piece).join(separator) : undefined;
        }
        return undefined;
      }
      case 'identifier':
        return joinTexts(this.assignments.valuesOf(node).map(inner));
      default:
        return undefined;
    }
  }
}

function joinTexts(texts: Array<string | undefined>, separator = ' '): string | undefined {
  return texts.some((text) => text !== undefined) ? texts.map((text) => text ?? ' ? ').join(separator) : undefined;
}

/** The expressions a function returns (an arrow function's expression body included). */
function returnedExpressions(fn: SyntaxNode): SyntaxNode[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  if (body.type !== 'statement_block' && body.type !== 'block') return [body];
  const found: SyntaxNode[] = [];
  const visit = (node: SyntaxNode) => {
    for (const child of namedChildren(node)) {
      if (FUNCTION_TYPES.has(child.type)) continue;
      if (child.type === 'return_statement') {
        const value = namedChildren(child)[0];
        if (value) found.push(value);
      } else visit(child);
    }
  };
  visit(body);
  return found;
}

/** For a query that is a helper's parameter: whether the handler's call passes SQL text for it. */
function callerPassesSql(reader: SqlReader, query: SyntaxNode, input: TaintedInput): boolean {
  const call = input.via[input.via.length - 1];
  const fn = enclosingScope(query);
  if (!call || !fn?.parent) return false;
  const parameters = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter');
  const list = parameters ? (parameters.type === 'identifier' ? [parameters] : namedChildren(parameters).filter((child) => child.type !== 'comment')) : [];
  const index = list.findIndex((parameter) => parameterName(parameter) === unwrapExpression(query).text);
  const argument = index >= 0 ? positionalArguments(call)[index] : undefined;
  return argument !== undefined && reader.isSql(argument);
}

function parameterName(parameter: SyntaxNode): string | undefined {
  if (parameter.type === 'identifier') return parameter.text;
  const named = parameter.childForFieldName('pattern') ?? parameter.childForFieldName('name') ?? parameter.childForFieldName('left') ?? namedChildren(parameter).find((child) => child.type === 'identifier');
  return named?.type === 'identifier' ? named.text : undefined;
}

/** Modules the file imports (`import … from 'm'`, `require('m')`, `import m`, `from m import …`). */
function importedModules(root: SyntaxNode): Set<string> {
  const modules = new Set<string>();
  for (const statement of namedChildren(root)) {
    if (statement.type === 'import_statement') {
      const source = staticString(statement.childForFieldName('source'));
      if (source !== undefined) modules.add(source.replace(/^node:/, ''));
      for (const name of statement.childrenForFieldName('name')) {
        const dotted = name?.type === 'aliased_import' ? name.childForFieldName('name') : name;
        if (dotted) modules.add(dotted.text.split('.')[0]!);
      }
    } else if (statement.type === 'import_from_statement') {
      const module = statement.childForFieldName('module_name')?.text;
      if (module) modules.add(module.split('.')[0]!);
    } else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
      for (const declarator of namedChildren(statement)) {
        const value = declarator.childForFieldName('value');
        const callee = value ? unwrapExpression(value) : undefined;
        if (callee?.type === 'call_expression' && callee.childForFieldName('function')?.text === 'require') {
          const source = staticString(positionalArguments(callee)[0]);
          if (source !== undefined) modules.add(source);
        }
      }
    }
  }
  return modules;
}

/** The one placeholder style the file's database imports agree on; undefined when unknown or mixed. */
function placeholdersOfImports(root: SyntaxNode, drivers: ReadonlyMap<string, Placeholders>, others: readonly string[]): Placeholders | undefined {
  const modules = importedModules(root);
  if (others.some((module) => modules.has(module))) return undefined;
  const styles = new Set([...modules].map((module) => drivers.get(module)).filter((style): style is Placeholders => style !== undefined));
  return styles.size === 1 ? [...styles][0] : undefined;
}

/** `pool` in `pool.query(…)`, judged by what created it (`new Pool()` from 'pg'), else by the file's imports. */
function jsPlaceholders(context: Context, reader: SqlReader, receiver: SyntaxNode | null): Placeholders | undefined {
  const name = receiver ? unwrapExpression(receiver) : undefined;
  const values = name?.type === 'identifier' ? reader.assignments.valuesOf(name) : [];
  if (values.length === 1) {
    const created = unwrapExpression(values[0]!);
    const constructor = created.type === 'new_expression' || created.type === 'call_expression' ? calleeOf(created) : undefined;
    const qualified = constructor ? context.flow.imports.qualify(constructor) : undefined;
    if (qualified) {
      const module = [...JS_DRIVERS.keys()].filter((candidate) => qualified === candidate || qualified.startsWith(`${candidate}.`)).sort((a, b) => b.length - a.length)[0];
      return module ? JS_DRIVERS.get(module) : undefined;
    }
  }
  return placeholdersOfImports(context.root, JS_DRIVERS, JS_OTHER_SQL_LIBRARIES);
}

interface Parameterized {
  /** The query's text with placeholders, as source between the original delimiters. */
  body: string;
  values: string[];
}

type Part = { kind: 'text'; raw: string } | { kind: 'value'; node: SyntaxNode };

const VALUE_POSITION = /(?:[=<>]|\blimit|\boffset)\s*$/i;
const VALUE_END = /^(?:\s|\)|;|,|$)/;

/**
 * Replaces each interpolation that stands for one whole SQL value (`'${name}'`, `= ${id}`) with a
 * placeholder. Undefined when any interpolation is something else (an identifier, part of a
 * literal such as `LIKE '%${q}%'`), which placeholders cannot express.
 */
function parameterize(parts: Part[], style: Placeholders, escapePercent: boolean): Parameterized | undefined {
  let body = '';
  const values: string[] = [];
  let skipQuote = false;
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'text') {
      if (part.raw.includes('\\')) return undefined;
      let raw = skipQuote ? part.raw.slice(1) : part.raw;
      if (escapePercent) raw = raw.replace(/%/g, '%%');
      body += raw;
      skipQuote = false;
      continue;
    }
    const next = parts[index + 1];
    const following = next?.kind === 'text' ? next.raw : next ? undefined : '';
    if (following === undefined) return undefined;
    const placeholder = style === 'dollar' ? `$${values.length + 1}` : style === 'format' ? '%s' : '?';
    const quotesBefore = (text: string) => (text.match(/'/g) ?? []).length;
    if (body.endsWith("'") && following.startsWith("'") && quotesBefore(body.slice(0, -1)) % 2 === 0) {
      body = body.slice(0, -1) + placeholder;
      skipQuote = true;
    } else if (quotesBefore(body) % 2 === 0 && VALUE_POSITION.test(body) && VALUE_END.test(following)) {
      body += placeholder;
    } else {
      return undefined;
    }
    values.push(part.node.text);
  }
  return { body, values };
}

/** `` pool.query(`… WHERE name = '${name}'`) `` → `pool.query('… WHERE name = $1', [name])`. */
function jsParameterFix(context: Context, reader: SqlReader, call: SyntaxNode, method: string | undefined): FixDescriptor[] {
  const callee = calleeOf(call);
  const args = positionalArguments(call);
  const query = args[0];
  if (!method || callee?.type !== 'member_expression' || args.length !== 1 || query?.type !== 'template_string') return [];
  const style = jsPlaceholders(context, reader, callee.childForFieldName('object'));
  if (!style || !JS_FIX_METHODS[style].has(method)) return [];
  const parts: Part[] = [];
  let cursor = query.startIndex + 1;
  for (const substitution of namedChildren(query).filter((child) => child.type === 'template_substitution')) {
    const expression = namedChildren(substitution)[0];
    if (!expression) return [];
    parts.push({ kind: 'text', raw: context.source.text.slice(cursor, substitution.startIndex) }, { kind: 'value', node: expression });
    cursor = substitution.endIndex;
  }
  parts.push({ kind: 'text', raw: context.source.text.slice(cursor, query.endIndex - 1) });
  const parameterized = parameterize(parts, style, false);
  if (!parameterized || parameterized.values.length === 0) return [];
  const { body, values } = parameterized;
  const literal = /['\n\r\u2028\u2029]/.test(body) ? `\`${body}\`` : `'${body}'`;
  const edits = [{ start: query.startIndex, end: query.endIndex, newText: literal }];
  let shown: string;
  if (method === 'prepare') {
    // db.prepare(sql).get() → the values go to the statement call.
    const member = call.parent;
    const statementCall = member?.type === 'member_expression' ? member.parent : null;
    const statementMethod = member?.childForFieldName('property')?.text;
    if (statementCall?.type !== 'call_expression' || !statementMethod || !STATEMENT_METHODS.has(statementMethod) || positionalArguments(statementCall).length > 0) return [];
    const argumentsNode = statementCall.childForFieldName('arguments')!;
    edits.push({ start: argumentsNode.startIndex, end: argumentsNode.endIndex, newText: `(${values.join(', ')})` });
    shown = `prepare(${shorten(literal)}).${statementMethod}(${values.join(', ')})`;
  } else {
    edits.push({ start: query.endIndex, end: query.endIndex, newText: `, [${values.join(', ')}]` });
    shown = `${method}(${shorten(literal)}, [${values.join(', ')}])`;
  }
  return [{ title: `Pass the values as query parameters: ${shown}`, edits }];
}

/** `cursor.execute(f"… WHERE name = '{name}'")` → `cursor.execute("… WHERE name = ?", (name,))`. */
function pythonParameterFix(context: Context, call: SyntaxNode, method: string | undefined): FixDescriptor[] {
  const args = positionalArguments(call);
  const query = args[0];
  if (!method || args.length !== 1 || keywordArguments(call).size > 0 || query?.type !== 'string') return [];
  const start = query.firstChild;
  const end = query.lastChild;
  const prefix = start?.type === 'string_start' ? start.text.replace(/(?<!["'])["']+$/, '') : '';
  if (!start || end?.type !== 'string_end' || !/^(?:f|F|rf|fr|Rf|fR|rF|Fr|RF|FR)$/.test(prefix)) return [];
  const style = placeholdersOfImports(context.root, PY_DRIVERS, PY_OTHER_SQL_LIBRARIES);
  if (!style || !PY_FIX_METHODS[style].has(method)) return [];
  const parts: Part[] = [];
  for (const child of namedChildren(query)) {
    if (child.type === 'string_start' || child.type === 'string_end') continue;
    if (child.type === 'string_content') {
      if (namedChildren(child).some((inner) => inner.type === 'escape_sequence')) return [];
      parts.push({ kind: 'text', raw: child.text.replace(/\{\{/g, '{').replace(/\}\}/g, '}') });
    } else if (child.type === 'interpolation') {
      const expression = child.childForFieldName('expression');
      // `{x!r}`, `{x:>3}` format the value; a placeholder would not.
      if (!expression || namedChildren(child).length > 1) return [];
      parts.push({ kind: 'value', node: expression });
    } else return [];
  }
  // Merge neighbouring text pieces so quote checks see the whole constant text around a value.
  const merged = parts.reduce<Part[]>((list, part) => {
    const last = list[list.length - 1];
    if (part.kind === 'text' && last?.kind === 'text') list[list.length - 1] = { kind: 'text', raw: last.raw + part.raw };
    else list.push(part);
    return list;
  }, []);
  if (merged[0]?.kind !== 'text') merged.unshift({ kind: 'text', raw: '' });
  const parameterized = parameterize(merged, style, style === 'format');
  if (!parameterized || parameterized.values.length === 0) return [];
  const { body, values } = parameterized;
  const opening = start.text.slice(prefix.length);
  const literal = `${prefix.replace(/f/i, '')}${opening}${body}${end.text}`;
  const passed = style === 'dollar' ? `, ${values.join(', ')}` : `, (${values.join(', ')}${values.length === 1 ? ',' : ''})`;
  return [
    {
      title: `Pass the values as query parameters: ${method}(${shorten(literal)}${passed})`,
      edits: [{ start: query.startIndex, end: query.endIndex, newText: `${literal}${passed}` }],
    },
  ];
}

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > 60 ? `${single.slice(0, 28)}…${single.slice(-28)}` : single;
}
