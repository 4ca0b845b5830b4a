/** What the language status item shows for the active file (no `vscode` here, so it is unit-tested). */
export interface FileStatus {
  findings: number;
  errors: number;
  /** An analysis of the file is running. */
  analyzing: boolean;
  /** The last analysis went over the time budget: the server's account of it, slowest rule named. */
  slow: string | undefined;
}

export interface StatusPresentation {
  text: string;
  detail: string;
  severity: 'information' | 'warning' | 'error';
  busy: boolean;
}

export function presentStatus(status: FileStatus): StatusPresentation {
  const { findings, errors, analyzing, slow } = status;
  const counts = findings === 0 ? 'no findings in this file' : `${findings} finding${findings === 1 ? '' : 's'}${errors ? `, ${errors} error${errors === 1 ? '' : 's'}` : ''}`;
  return {
    text: `$(shield) MCP Warden${findings === 0 ? '' : `: ${findings}`}${slow ? ' $(warning)' : ''}`,
    detail: slow ? `${counts}; slow: ${slow}` : counts,
    // A slow analysis is worth a look even in a clean file; findings that are errors still come first.
    severity: errors > 0 ? 'error' : findings > 0 || slow ? 'warning' : 'information',
    busy: analyzing,
  };
}
