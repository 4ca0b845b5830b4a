import type { SyntaxNode } from '../syntax/syntax-tree';
import { dottedName, isIdentifierPart, isIdentifierStart, staticString } from '../syntax/nodes';
import { namedChildren } from '../syntax/tree';

/** The last names of qualified names (`fs.readFile` → readFile), for callee-filtered handlers. */
export function lastNames(qualified: Iterable<string>): Set<string> {
  return new Set([...qualified].map((name) => name.slice(name.lastIndexOf('.') + 1)));
}

/**
 * The name a callee's text starts with (`a` of `a.b(…)`), when that is surely the root of its dotted
 * name: not for `(a).b`, `await a.b` or a name with characters beyond ASCII, where it may not be.
 */
function leadingWord(node: SyntaxNode): string | undefined {
  const text = node.tree.text;
  let end = node.startIndex;
  while (end < node.endIndex && isIdentifierPart(text.charCodeAt(end))) end++;
  if (end === node.startIndex || !isIdentifierStart(text.charCodeAt(node.startIndex)) || (end < node.endIndex && text.charCodeAt(end) >= 0x80)) return undefined;
  const word = text.slice(node.startIndex, end);
  return word === 'await' ? undefined : word;
}

/** What a local name stands for: a module (`import * as cp`), or one export of it (`import { exec }`). */
export interface Binding {
  module: string;
  /** The exported name; undefined when the name is the module itself. */
  name: string | undefined;
}

/** `node:fs` and `fs` are the same module; `fs/promises` keeps its own name. */
function normalizeModule(specifier: string): string {
  return specifier.replace(/^node:/, '');
}

/**
 * Module bindings of a file, so sinks are recognised by what they are (`child_process.exec`) rather
 * than by a name that any object may have (`regex.exec`).
 */
export class ImportTable {
  private readonly bindings = new Map<string, Binding>();
  /** qualify() results by callee node id; cleared when a binding changes. */
  private readonly qualified = new Map<number, string | undefined>();

  static ofJavaScript(root: SyntaxNode): ImportTable {
    const table = new ImportTable();
    for (const statement of namedChildren(root)) {
      if (statement.type === 'import_statement') table.addJsImport(statement);
      else if (statement.type === 'lexical_declaration' || statement.type === 'variable_declaration') {
        for (const declarator of namedChildren(statement).filter((child) => child.type === 'variable_declarator')) table.addJsRequire(declarator);
      }
    }
    // promisify() targets were qualified while the table was still being filled.
    table.qualified.clear();
    return table;
  }

  static ofPython(root: SyntaxNode): ImportTable {
    const table = new ImportTable();
    const visit = (node: SyntaxNode, depth: number) => {
      for (const statement of namedChildren(node)) {
        if (statement.type === 'import_statement') table.addPythonImport(statement);
        else if (statement.type === 'import_from_statement') table.addPythonFromImport(statement);
        // Imports inside try/except or if blocks (optional dependencies) count too.
        else if (depth < 2 && ['try_statement', 'if_statement', 'block', 'except_clause', 'else_clause'].includes(statement.type)) visit(statement, depth + 1);
      }
    };
    visit(root, 0);
    return table;
  }

  lookup(name: string): Binding | undefined {
    return this.bindings.get(name);
  }

  /** Whether anything is imported from one of `modules`. */
  importsAny(modules: ReadonlySet<string>): boolean {
    for (const binding of this.bindings.values()) if (modules.has(binding.module)) return true;
    return false;
  }

  /** `names` plus the local names bound to an import of one of them (`import { readFile as rf }` adds rf). */
  withAliases(names: ReadonlySet<string>): ReadonlySet<string> {
    const aliases = [...this.bindings].filter(([local, binding]) => binding.name !== undefined && names.has(binding.name) && !names.has(local)).map(([local]) => local);
    return aliases.length === 0 ? names : new Set([...names, ...aliases]);
  }

  /** Records `alias` as standing for what `target` stands for (`const run = promisify(exec)`). */
  alias(alias: string, target: string): void {
    const binding = this.bindings.get(target);
    if (binding) this.bindings.set(alias, binding);
    this.qualified.clear();
  }

  /**
   * The qualified name of a callee: `cp.exec` → `child_process.exec`, `exec` imported from
   * child_process → `child_process.exec`, `os.path.join` → `os.path.join`. Undefined when the
   * callee's root is not an import.
   */
  qualify(callee: SyntaxNode | null | undefined): string | undefined {
    if (!callee) return undefined;
    // Every call-handling rule qualifies the same callees; nodes of one tree have unique ids.
    if (this.qualified.has(callee.id)) return this.qualified.get(callee.id);
    const qualified = this.qualifyName(callee);
    this.qualified.set(callee.id, qualified);
    return qualified;
  }

  private qualifyName(callee: SyntaxNode): string | undefined {
    // Most callees start with a name no import binds (locals, `this`, parameters): that is decided
    // from the first word of the text, without building the dotted name.
    const word = leadingWord(callee);
    if (word !== undefined && !this.bindings.has(word)) return undefined;
    const dotted = dottedName(callee);
    if (!dotted) return undefined;
    const dot = dotted.indexOf('.');
    const binding = this.bindings.get(dot < 0 ? dotted : dotted.slice(0, dot));
    if (!binding) return undefined;
    const rest = dot < 0 ? '' : dotted.slice(dot);
    return binding.name ? `${binding.module}.${binding.name}${rest}` : `${binding.module}${rest}`;
  }

  private addJsImport(statement: SyntaxNode): void {
    const module = staticString(statement.childForFieldName('source'));
    const clause = namedChildren(statement).find((child) => child.type === 'import_clause');
    if (module === undefined || !clause) return;
    const normalized = normalizeModule(module);
    for (const part of namedChildren(clause)) {
      if (part.type === 'identifier') this.bindings.set(part.text, { module: normalized, name: undefined });
      else if (part.type === 'namespace_import') {
        const name = namedChildren(part)[0];
        if (name) this.bindings.set(name.text, { module: normalized, name: undefined });
      } else if (part.type === 'named_imports') {
        for (const specifier of namedChildren(part).filter((child) => child.type === 'import_specifier')) {
          const imported = specifier.childForFieldName('name')?.text;
          const local = specifier.childForFieldName('alias')?.text ?? imported;
          if (imported && local) this.bindings.set(local, { module: normalized, name: imported });
        }
      }
    }
  }

  /** `const cp = require('x')`, `const { exec } = require('x')`, `const run = promisify(exec)`. */
  private addJsRequire(declarator: SyntaxNode): void {
    const name = declarator.childForFieldName('name');
    const value = declarator.childForFieldName('value');
    if (!name || value?.type !== 'call_expression') return;
    const callee = dottedName(value.childForFieldName('function'));
    const [argument] = namedChildren(value.childForFieldName('arguments') ?? value);
    if (callee === 'require') {
      const module = staticString(argument);
      if (module === undefined) return;
      const normalized = normalizeModule(module);
      if (name.type === 'identifier') this.bindings.set(name.text, { module: normalized, name: undefined });
      else if (name.type === 'object_pattern') {
        for (const property of namedChildren(name)) {
          if (property.type === 'shorthand_property_identifier_pattern') this.bindings.set(property.text, { module: normalized, name: property.text });
          else if (property.type === 'pair_pattern') {
            const key = property.childForFieldName('key')?.text;
            const local = property.childForFieldName('value');
            if (key && local?.type === 'identifier') this.bindings.set(local.text, { module: normalized, name: key });
          }
        }
      }
    } else if ((callee === 'promisify' || callee === 'util.promisify') && name.type === 'identifier' && argument) {
      const target = this.qualify(argument);
      if (target) {
        const dot = target.lastIndexOf('.');
        this.bindings.set(name.text, { module: target.slice(0, dot), name: target.slice(dot + 1) });
      }
    }
  }

  private addPythonImport(statement: SyntaxNode): void {
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'dotted_name') {
        // `import os.path` binds `os`.
        const head = name.text.split('.')[0]!;
        this.bindings.set(head, { module: head, name: undefined });
      } else if (name.type === 'aliased_import') {
        const module = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (module && alias) this.bindings.set(alias, { module, name: undefined });
      }
    }
  }

  private addPythonFromImport(statement: SyntaxNode): void {
    const module = statement.childForFieldName('module_name')?.text;
    if (!module) return;
    for (const name of statement.childrenForFieldName('name')) {
      if (!name) continue;
      if (name.type === 'dotted_name') this.bindings.set(name.text, { module, name: name.text });
      else if (name.type === 'aliased_import') {
        const imported = name.childForFieldName('name')?.text;
        const alias = name.childForFieldName('alias')?.text;
        if (imported && alias) this.bindings.set(alias, { module, name: imported });
      }
    }
  }
}
