import type { SyntaxNode } from '../syntax/syntax-tree';
import type { RelatedLocation } from '../finding';
import type { TaintedInput } from './tool-flow';

/** "`branch` (tool 'git_log')", or several, for messages. */
export function describeInputs(inputs: readonly TaintedInput[]): string {
  const described = inputs.slice(0, 3).map((input) => `\`${input.name}\`${input.toolName ? ` (tool '${input.toolName}')` : ''}`);
  const more = inputs.length > 3 ? ` and ${inputs.length - 3} more` : '';
  return `${described.join(', ')}${more}`;
}

/** " through `runGit()`" when the input reached the sink via helper calls. */
export function describeVia(inputs: readonly TaintedInput[]): string {
  const via = inputs[0]?.via ?? [];
  if (via.length === 0) return '';
  return ` through ${via.map((call) => `\`${(call.childForFieldName('function')?.text ?? 'a helper').slice(0, 40)}()\``).join(' → ')}`;
}

/** Related locations: where each tool input enters its handler, and the helper calls on the way. */
export function relatedLocations(inputs: readonly TaintedInput[]): RelatedLocation[] {
  const related: RelatedLocation[] = [];
  for (const input of inputs.slice(0, 3)) {
    const fn = input.handler.function;
    const parameters = fn.childForFieldName('parameters') ?? fn.childForFieldName('parameter') ?? fn;
    related.push({ start: parameters.startIndex, end: parameters.endIndex, message: `tool input \`${input.name}\` enters here${input.toolName ? ` (tool '${input.toolName}')` : ''}` });
    for (const call of input.via) related.push({ start: call.startIndex, end: call.endIndex, message: 'passed on here' });
  }
  return related;
}

export function sinkLabel(callee: SyntaxNode | null | undefined): string {
  return `\`${(callee?.text ?? 'call').replace(/\s+/g, '').slice(0, 60)}\``;
}
