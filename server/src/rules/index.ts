import type { Rule } from '../analyzer/rule';
import noPlaintextSecretInConfig from './config/no-plaintext-secret-in-config';
import noCommandInjection from './source/no-command-injection';
import noDisabledTlsVerification from './source/no-disabled-tls-verification';
import noHiddenUnicodeInDescription from './tool-metadata/no-hidden-unicode-in-description';

/** Every rule MCP Warden runs; the rules meta-test keeps this list in sync with the files on disk. */
export const allRules: readonly Rule[] = [
  noPlaintextSecretInConfig,
  noCommandInjection,
  noDisabledTlsVerification,
  noHiddenUnicodeInDescription,
];
