import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { Analyzer, AnalyzerSettings } from '../../server/src/analyzer/analyze';
import type { Finding } from '../../server/src/analyzer/finding';
import type { Rule } from '../../server/src/analyzer/rule';
import { applyEdits, nonOverlappingFixes } from '../../server/src/analyzer/text-edits';
import { RULES_DIRECTORY } from './paths';

export type AnnotationKind = 'ruleid' | 'ok' | 'todoruleid' | 'todook';

/** A semgrep-style expectation: `// ruleid: <id>` applies to the next line that is not an annotation. */
export interface Annotation {
  kind: AnnotationKind;
  ruleId: string;
  /** Zero-based line the expectation is about. */
  line: number;
}

export interface Fixture {
  file: string;
  text: string;
  /** The path the analyzer is told the text has (`// fixture-path:` header), else the file itself. */
  analyzedPath: string;
  annotations: Annotation[];
  fixedFile: string | undefined;
}

const ANNOTATION = /^\s*(?:\/\/|#)\s*(ruleid|ok|todoruleid|todook)\s*:\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*$/;
const FIXTURE_PATH = /^\s*(?:\/\/|#)\s*fixture-path:\s*(\S+)\s*$/;

export function parseAnnotations(text: string): Annotation[] {
  const annotations: Annotation[] = [];
  let pending: Array<{ kind: AnnotationKind; ruleId: string }> = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const match = ANNOTATION.exec(line);
    if (match) {
      for (const ruleId of match[2]!.split(/\s*,\s*/)) pending.push({ kind: match[1] as AnnotationKind, ruleId });
      return;
    }
    annotations.push(...pending.map((annotation) => ({ ...annotation, line: index })));
    pending = [];
  });
  return annotations;
}

/** `<id>.fixture.<ext>` and `<id>.fixture-<variant>.<ext>` beside the rule; `fixed` in place of `fixture` for the fixed twin. */
export function fixturesOf(rule: Rule): Fixture[] {
  const directory = join(RULES_DIRECTORY, rule.meta.group);
  return readdirSync(directory)
    .filter((name) => name.startsWith(`${rule.meta.id}.fixture`) && /^\.fixture(?:-[\w-]+)?\.\w+$/.test(name.slice(rule.meta.id.length)))
    .sort()
    .map((name) => {
      const file = join(directory, name);
      const text = readFileSync(file, 'utf8');
      const header = FIXTURE_PATH.exec(text.split(/\r?\n/, 1)[0] ?? '');
      const fixedFile = join(directory, name.replace('.fixture', '.fixed'));
      return {
        file,
        text,
        analyzedPath: header ? join(directory, header[1]!) : file,
        annotations: parseAnnotations(text),
        fixedFile: existsSync(fixedFile) ? fixedFile : undefined,
      };
    });
}

export function fixtureLabel(fixture: Fixture): string {
  return basename(fixture.file);
}

export async function findingsOf(analyzer: Analyzer, rule: Rule, path: string, text: string, settings?: AnalyzerSettings): Promise<Finding[]> {
  const result = await analyzer.analyze({ path, text }, settings);
  const crashed = result.notices.filter((notice) => notice.kind === 'rule-error' || notice.kind === 'parse-error');
  if (crashed.length > 0) throw new Error(`analysis of ${path} failed: ${crashed.map((notice) => notice.message).join('; ')}`);
  return result.findings.filter((finding) => finding.ruleId === rule.meta.id);
}

/** Applies the first fix of every finding, re-analyzing between passes until nothing fixable is left. */
export async function applyAllFixes(analyzer: Analyzer, rule: Rule, path: string, text: string, maxPasses = 10): Promise<string> {
  let current = text;
  for (let pass = 0; pass < maxPasses; pass++) {
    const findings = await findingsOf(analyzer, rule, path, current);
    const fixes = nonOverlappingFixes(findings.flatMap((finding) => finding.fixes.slice(0, 1)));
    if (fixes.length === 0) return current;
    current = applyEdits(current, fixes.flatMap((fix) => fix.edits));
  }
  throw new Error(`fixes of ${rule.meta.id} did not converge in ${maxPasses} passes`);
}
