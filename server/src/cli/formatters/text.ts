import type { Severity } from '../../analyzer/finding';
import type { ScanReport } from '../report';

const COLORS: Record<Severity | 'dim' | 'bold' | 'reset' | 'underline', string> = {
  error: '\x1b[31m',
  warning: '\x1b[33m',
  info: '\x1b[36m',
  hint: '\x1b[90m',
  dim: '\x1b[2m',
  bold: '\x1b[1m',
  underline: '\x1b[4m',
  reset: '\x1b[0m',
};

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}

/** ESLint "stylish"-like output, grouped by file. */
export function formatText(report: ScanReport, color: boolean): string {
  const paint = (style: keyof typeof COLORS, text: string) => (color ? `${COLORS[style]}${text}${COLORS.reset}` : text);
  const out: string[] = [];
  const files = [...new Set(report.findings.map((finding) => finding.file))];
  for (const file of files) {
    out.push(paint('underline', file));
    const findings = report.findings.filter((finding) => finding.file === file);
    const positionWidth = Math.max(...findings.map((finding) => `${finding.line}:${finding.column}`.length));
    const severityWidth = Math.max(...findings.map((finding) => finding.severity.length));
    for (const finding of findings) {
      const position = `${finding.line}:${finding.column}`.padEnd(positionWidth);
      const severity = paint(finding.severity, finding.severity.padEnd(severityWidth));
      out.push(`  ${paint('dim', position)}  ${severity}  ${finding.message}  ${paint('dim', finding.ruleId)}`);
    }
    out.push('');
  }
  const count = (severity: Severity) => report.findings.filter((finding) => finding.severity === severity).length;
  if (report.findings.length === 0) {
    out.push(`No problems found in ${plural(report.files, 'file')}.`);
  } else {
    const parts = (['error', 'warning', 'info', 'hint'] as const).filter((severity) => count(severity) > 0).map((severity) => plural(count(severity), severity === 'info' ? 'info' : severity).replace(/infos$/, 'info'));
    out.push(paint('bold', `✖ ${plural(report.findings.length, 'problem')} (${parts.join(', ')}) in ${plural(report.files, 'file')}`));
    const fixable = report.findings.filter((finding) => finding.fixes.length > 0).length;
    if (fixable > 0) out.push(paint('dim', `  ${fixable} of them ${fixable === 1 ? 'has a quick fix' : 'have quick fixes'} in the editor.`));
  }
  return `${out.join('\n')}\n`;
}
