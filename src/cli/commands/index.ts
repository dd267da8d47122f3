/** Every command of the CLI, in the order `--help` lists them. Adding a command: a module and a row. */
import type { CliCommand } from '../command.js';
import { augmentCommand } from './augment.js';
import { compareCommand } from './compare.js';
import { generateCommand } from './generate.js';
import { lexiconsCommand } from './lexicons.js';
import { modelsCommand } from './models.js';
import { reportCommand } from './report.js';
import { runCommand } from './run.js';
import { schemaCommand } from './schema.js';
import { validateCommand } from './validate.js';

export const COMMANDS: readonly CliCommand[] = [
  runCommand,
  validateCommand,
  generateCommand,
  reportCommand,
  compareCommand,
  augmentCommand,
  lexiconsCommand,
  modelsCommand,
  schemaCommand,
];
