/**
 * Writes schema/audit.schema.json, the JSON Schema of audit files, from the zod schema (the same
 * output as `counterfair schema`). Audits point their yaml-language-server modeline at it.
 */
import { writeFileSync } from 'node:fs';
import { auditJsonSchema } from '../src/spec/index.ts';

const file = new URL('../schema/audit.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(auditJsonSchema(), null, 2)}\n`);
console.log('wrote schema/audit.schema.json');
