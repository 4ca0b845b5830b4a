/**
 * Validates CycloneDX JSON against the official schema files the CycloneDX library ships
 * (res/schema), offline. The library's own JsonValidator needs the optional ajv-formats and
 * ajv-formats-draft2019 packages; this checks the formats the 1.6 schema and its JSF schema use,
 * exactly as loosely as the library does for `iri-reference`.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Ajv, { type ErrorObject } from 'ajv';

const SCHEMA_FOLDER = join(dirname(require.resolve('@cyclonedx/cyclonedx-library/package.json')), 'res', 'schema');

function load(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(SCHEMA_FOLDER, file), 'utf8')) as Record<string, unknown>;
}

// RFC 3339 date-time (what JSON Schema's `date-time` format means).
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

let validator: ((data: unknown) => boolean) & { errors?: ErrorObject[] | null } | undefined;

/** Schema errors of a CycloneDX 1.6 JSON document, or [] when it is valid. */
export function cycloneDxErrors(document: unknown): string[] {
  if (!validator) {
    const ajv = new Ajv({
      strict: false,
      allErrors: true,
      schemas: {
        'http://cyclonedx.org/schema/spdx.SNAPSHOT.schema.json': load('spdx.SNAPSHOT.schema.json'),
        'http://cyclonedx.org/schema/jsf-0.82.SNAPSHOT.schema.json': load('jsf-0.82.SNAPSHOT.schema.json'),
        'http://cyclonedx.org/schema/cryptography-defs.SNAPSHOT.schema.json': load('cryptography-defs.SNAPSHOT.schema.json'),
      },
      loadSchema: (uri) => Promise.reject(new Error(`remote schemas are disabled: ${uri}`)),
    });
    ajv.addFormat('date-time', DATE_TIME);
    ajv.addFormat('idn-email', /^[^\s@]+@[^\s@]+$/);
    ajv.addFormat('iri-reference', true);
    ajv.addFormat('uri', /^[a-z][a-z0-9+.-]*:\S*$/i);
    validator = ajv.compile(load('bom-1.6.SNAPSHOT.schema.json'));
  }
  return validator(document) ? [] : (validator.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
}
