import type { SyntaxNode } from '../syntax/syntax-tree';
import { namedChildren } from '../syntax/tree';
import { FUNCTION_TYPES } from './tool-handlers';

/** The function (or, at top level, the module) `node` belongs to. */
export function enclosingScope(node: SyntaxNode): SyntaxNode | undefined {
  for (let current = node.parent; current; current = current.parent) if (FUNCTION_TYPES.has(current.type) || !current.parent) return current;
  return undefined;
}

/** The name a node binds and the expression it binds it to: `x = …`, `x += …`, `with … as x`. */
function assignment(node: SyntaxNode): { name: string; value: SyntaxNode } | undefined {
  let target: SyntaxNode | null | undefined = null;
  let value: SyntaxNode | null | undefined = null;
  if (node.type === 'variable_declarator') {
    target = node.childForFieldName('name');
    value = node.childForFieldName('value');
  } else if (['assignment_expression', 'augmented_assignment_expression', 'assignment', 'augmented_assignment'].includes(node.type)) {
    target = node.childForFieldName('left');
    value = node.childForFieldName('right');
  } else if (node.type === 'as_pattern') {
    const alias = node.childForFieldName('alias');
    target = alias?.type === 'identifier' ? alias : alias ? namedChildren(alias)[0] : undefined;
    value = namedChildren(node)[0];
  }
  return target?.type === 'identifier' && value ? { name: target.text, value } : undefined;
}

/**
 * What was assigned to a name where it is read: earlier assignments in its function (appends with
 * `+=` included), else module-level ones. A rough reaching-definitions for rules that follow a name
 * back to what built it (SQL text, a file handle, a schema) — the taint itself comes from ToolFlow.
 * Indexed once per function; create one per analysis.
 */
export class AssignmentIndex {
  private readonly byScope = new Map<number, Map<string, Array<{ start: number; value: SyntaxNode }>>>();

  valuesOf(use: SyntaxNode): SyntaxNode[] {
    for (let scope = enclosingScope(use); scope; scope = enclosingScope(scope)) {
      const isModule = !scope.parent;
      const entries = this.index(scope).get(use.text) ?? [];
      const values = entries.filter((entry) => isModule || entry.start < use.startIndex).map((entry) => entry.value);
      if (values.length > 0) return values;
    }
    return [];
  }

  private index(scope: SyntaxNode): Map<string, Array<{ start: number; value: SyntaxNode }>> {
    const known = this.byScope.get(scope.id);
    if (known) return known;
    const index = new Map<string, Array<{ start: number; value: SyntaxNode }>>();
    const visit = (node: SyntaxNode) => {
      for (const child of namedChildren(node)) {
        if (FUNCTION_TYPES.has(child.type)) continue;
        const assigned = assignment(child);
        if (assigned) index.set(assigned.name, [...(index.get(assigned.name) ?? []), { start: child.startIndex, value: assigned.value }]);
        visit(child);
      }
    };
    visit(scope.childForFieldName('body') ?? scope);
    this.byScope.set(scope.id, index);
    return index;
  }
}

/** A Python `dict` literal, directly or through the variable it was assigned to. */
export function pythonDictionary(value: SyntaxNode, assignments: AssignmentIndex): SyntaxNode | undefined {
  if (value.type === 'dictionary') return value;
  if (value.type !== 'identifier') return undefined;
  const values = assignments.valuesOf(value);
  const last = values[values.length - 1];
  return last?.type === 'dictionary' ? last : undefined;
}
