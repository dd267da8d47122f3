/** `counterfair schema`: the JSON Schema of audit files, for editors. */
import { auditJsonSchema } from '../../spec/index.js';
import type { CliCommand } from '../command.js';
import { EXIT } from '../context.js';

export const schemaCommand: CliCommand = {
  name: 'schema',
  summary: 'print the JSON Schema of audit files (for yaml-language-server and editors)',
  configure: (c) => c,
  run(ctx) {
    ctx.io.stdout(`${JSON.stringify(auditJsonSchema(), null, 2)}\n`);
    return EXIT.pass;
  },
};
