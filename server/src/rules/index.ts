import type { Rule } from '../analyzer/rule';
import noPlaintextSecretInConfig from './config/no-plaintext-secret-in-config';
import noCodeInjection from './source/no-code-injection';
import noCommandInjection from './source/no-command-injection';
import noDisabledTlsVerification from './source/no-disabled-tls-verification';
import noHardcodedSecret from './source/no-hardcoded-secret';
import noPathTraversal from './source/no-path-traversal';
import noSecretInLogs from './source/no-secret-in-logs';
import noSqlInjection from './source/no-sql-injection';
import noSsrf from './source/no-ssrf';
import noStdoutInStdioServer from './source/no-stdout-in-stdio-server';
import noUnsafeDeserialization from './source/no-unsafe-deserialization';
import noUnvalidatedToolInput from './source/no-unvalidated-tool-input';
import requireOutboundTimeout from './source/require-outbound-timeout';
import noBindAllInterfaces from './transport/no-bind-all-interfaces';
import requireOriginValidation from './transport/require-origin-validation';
import noPermissiveCors from './transport/no-permissive-cors';
import requireHttpAuth from './transport/require-http-auth';
import noUnverifiedJwt from './auth/no-unverified-jwt';
import requireTokenAudience from './auth/require-token-audience';
import requirePkceS256 from './auth/require-pkce-s256';
import requireOauthState from './auth/require-oauth-state';
import requireResourceIndicator from './auth/require-resource-indicator';
import requireExactRedirectUri from './auth/require-exact-redirect-uri';
import requireDcrConsent from './auth/require-dcr-consent';
import noUnsafeUrlOpen from './auth/no-unsafe-url-open';
import requireNonRootUser from './container/require-non-root-user';
import noInsecureRandomness from './auth/no-insecure-randomness';
import requireSecureCookie from './auth/require-secure-cookie';
import validToolName from './tool-metadata/valid-tool-name';
import requireAccurateAnnotations from './tool-metadata/require-accurate-annotations';
import noSecretElicitation from './auth/no-secret-elicitation';
import noExfiltrationParameter from './tool-metadata/no-exfiltration-parameter';
import noExfiltrationDestination from './tool-metadata/no-exfiltration-destination';
import noCommandInDescription from './tool-metadata/no-command-in-description';
import noTokenPassthrough from './auth/no-token-passthrough';
import noSessionAsAuth from './auth/no-session-as-auth';
import noInstructionTags from './tool-metadata/no-instruction-tags';
import noConcealedPayload from './tool-metadata/no-concealed-payload';
import noConcealmentDirective from './tool-metadata/no-concealment-directive';
import noHiddenSideEffect from './tool-metadata/no-hidden-side-effect';
import noInstructionOverride from './tool-metadata/no-instruction-override';
import noCoerciveToolOrdering from './tool-metadata/no-coercive-tool-ordering';
import noCrossToolReference from './tool-metadata/no-cross-tool-reference';
import noSensitiveFileRequest from './tool-metadata/no-sensitive-file-request';
import noConversationExfiltration from './tool-metadata/no-conversation-exfiltration';
import noHiddenUnicodeInDescription from './tool-metadata/no-hidden-unicode-in-description';
import validConfigSchema from './config/valid-config-schema';
import noUnpinnedPackage from './config/no-unpinned-package';
import noUnsafeContainerOptions from './config/no-unsafe-container-options';
import noTyposquatPackage from './config/no-typosquat-package';
import noShellInConfig from './config/no-shell-in-config';
import noInsecureRemoteUrl from './config/no-insecure-remote-url';
import noTlsOverrideInConfig from './config/no-tls-override-in-config';
import noUnsupportedInterpolation from './config/no-unsupported-interpolation';
import noMachineSpecificPath from './config/no-machine-specific-path';
import noAutoApprove from './config/no-auto-approve';
import noBroadFilesystemAccess from './config/no-broad-filesystem-access';
import requireAuditLogging from './transport/require-audit-logging';
import requirePinnedMcpDependency from './supply-chain/require-pinned-mcp-dependency';
import noVulnerableMcpPackage from './supply-chain/no-vulnerable-mcp-package';
import noAutorunTask from './supply-chain/no-autorun-task';

/** Every rule MCP Warden runs; the rules meta-test keeps this list in sync with the files on disk. */
export const allRules: readonly Rule[] = [
  noPlaintextSecretInConfig,
  noCodeInjection,
  noCommandInjection,
  noDisabledTlsVerification,
  noHardcodedSecret,
  noPathTraversal,
  noSecretInLogs,
  noSqlInjection,
  noSsrf,
  noStdoutInStdioServer,
  noUnsafeDeserialization,
  noUnvalidatedToolInput,
  requireOutboundTimeout,
  noBindAllInterfaces,
  requireOriginValidation,
  noPermissiveCors,
  requireHttpAuth,
  noUnverifiedJwt,
  requireTokenAudience,
  requirePkceS256,
  requireOauthState,
  requireResourceIndicator,
  requireExactRedirectUri,
  requireDcrConsent,
  noUnsafeUrlOpen,
  requireNonRootUser,
  noInsecureRandomness,
  requireSecureCookie,
  validToolName,
  requireAccurateAnnotations,
  noSecretElicitation,
  noExfiltrationParameter,
  noExfiltrationDestination,
  noCommandInDescription,
  noTokenPassthrough,
  noSessionAsAuth,
  noInstructionTags,
  noConcealedPayload,
  noConcealmentDirective,
  noHiddenSideEffect,
  noInstructionOverride,
  noCoerciveToolOrdering,
  noCrossToolReference,
  noSensitiveFileRequest,
  noConversationExfiltration,
  noHiddenUnicodeInDescription,
  validConfigSchema,
  noUnpinnedPackage,
  noUnsafeContainerOptions,
  noTyposquatPackage,
  noShellInConfig,
  noInsecureRemoteUrl,
  noTlsOverrideInConfig,
  noUnsupportedInterpolation,
  noMachineSpecificPath,
  noAutoApprove,
  noBroadFilesystemAccess,
  requireAuditLogging,
  requirePinnedMcpDependency,
  noVulnerableMcpPackage,
  noAutorunTask,
];
