/**
 * The subset of SARIF 2.1.0 that GitHub code scanning relies on when it ingests an upload
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning),
 * written by hand as a JSON Schema (draft-07). It is deliberately stricter than the official schema
 * where GitHub is: relative artifact URIs, https help links, numeric security-severity strings.
 * Cross references (a result's ruleIndex pointing at the rule with its ruleId) cannot be expressed
 * in JSON Schema; the tests check them in code.
 */

const nonEmptyText = { type: 'object', required: ['text'], properties: { text: { type: 'string', minLength: 1 } } } as const;

const level = { type: 'string', enum: ['error', 'warning', 'note'] } as const;

/**
 * A relative URI reference: no leading slash or backslash, no scheme (`file:`, `C:`), and no raw
 * characters that end or break a path (`#`, `?`, spaces and other characters that must be percent-encoded).
 */
const RELATIVE_URI_PATTERN = "^(?![/\\\\])(?![A-Za-z][A-Za-z0-9+.-]*:)[A-Za-z0-9\\-._~!$&'()*+,;=:@/%]+$";

const artifactLocation = {
  type: 'object',
  required: ['uri', 'uriBaseId'],
  properties: {
    uri: { type: 'string', pattern: RELATIVE_URI_PATTERN },
    uriBaseId: { type: 'string', minLength: 1 },
  },
} as const;

const region = {
  type: 'object',
  required: ['startLine', 'startColumn'],
  properties: {
    startLine: { type: 'integer', minimum: 1 },
    startColumn: { type: 'integer', minimum: 1 },
    endLine: { type: 'integer', minimum: 1 },
    endColumn: { type: 'integer', minimum: 1 },
  },
} as const;

const reportingDescriptor = {
  type: 'object',
  required: ['id', 'shortDescription', 'helpUri', 'defaultConfiguration', 'properties'],
  properties: {
    id: { type: 'string', minLength: 1 },
    shortDescription: nonEmptyText,
    helpUri: { type: 'string', pattern: '^https://[^\\s]+$' },
    defaultConfiguration: { type: 'object', required: ['level'], properties: { level } },
    properties: {
      type: 'object',
      required: ['security-severity'],
      properties: {
        // GitHub parses this string as a number from 0.0 to 10.0.
        'security-severity': { type: 'string', pattern: '^(?:10(?:\\.0+)?|\\d(?:\\.\\d+)?)$' },
        tags: { type: 'array', items: { type: 'string' } },
      },
    },
  },
} as const;

const result = {
  type: 'object',
  required: ['ruleId', 'ruleIndex', 'level', 'message', 'locations', 'partialFingerprints'],
  properties: {
    ruleId: { type: 'string', minLength: 1 },
    ruleIndex: { type: 'integer', minimum: 0 },
    level,
    message: nonEmptyText,
    locations: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['physicalLocation'],
        properties: {
          physicalLocation: {
            type: 'object',
            required: ['artifactLocation', 'region'],
            properties: { artifactLocation, region },
          },
        },
      },
    },
    partialFingerprints: {
      type: 'object',
      minProperties: 1,
      additionalProperties: { type: 'string', minLength: 1 },
    },
  },
} as const;

export const GITHUB_SARIF_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://mcp-warden.test/github-sarif-subset.json',
  title: 'SARIF 2.1.0 as GitHub code scanning requires it',
  type: 'object',
  required: ['$schema', 'version', 'runs'],
  properties: {
    $schema: { type: 'string', pattern: '^https://\\S*sarif\\S*2\\.1\\.0\\S*\\.json$' },
    version: { const: '2.1.0' },
    runs: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        required: ['tool', 'results'],
        properties: {
          tool: {
            type: 'object',
            required: ['driver'],
            properties: {
              driver: {
                type: 'object',
                required: ['name', 'rules'],
                properties: {
                  name: { type: 'string', minLength: 1 },
                  rules: { type: 'array', minItems: 1, items: reportingDescriptor },
                },
              },
            },
          },
          results: { type: 'array', items: result },
        },
      },
    },
  },
} as const;

/** The shape of the parts of a SARIF log the tests read. */
export interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; rules: Array<{ id: string; defaultConfiguration: { level: string }; properties: Record<string, unknown> }> } };
    originalUriBaseIds?: Record<string, { uri: string }>;
    results: SarifResult[];
    invocations?: Array<{ toolExecutionNotifications?: Array<{ level: string; message: { text: string }; locations?: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }>;
  }>;
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: string;
  message: { text: string };
  locations: Array<{
    physicalLocation: {
      artifactLocation: { uri: string; uriBaseId: string };
      region: { startLine: number; startColumn: number; endLine?: number; endColumn?: number };
    };
  }>;
  partialFingerprints: Record<string, string>;
}
