/**
 * GitHub Actions workflow commands: one `::error` per failed gate and one `::warning` per gate
 * that warned or lacked evidence, pointing at the line of the spec where the gate is written,
 * so the failure shows on that line of the pull request.
 */
import path from 'node:path';
import type { AuditResults, GateResult } from '../results/index.js';

/** Whether annotations are wanted: GitHub Actions sets GITHUB_ACTIONS=true in every step. */
export function inGitHubActions(env: NodeJS.ProcessEnv = process.env): boolean {
  return env['GITHUB_ACTIONS'] === 'true';
}

/**
 * The workflow commands for an audit's gates, one per line.
 * @param cwd where paths are made relative from (the workspace root in Actions).
 */
export function renderAnnotations(results: AuditResults, cwd: string = process.cwd()): string {
  const file = path.relative(cwd, path.resolve(cwd, results.spec.file)).split(path.sep).join('/');
  return results.gates
    .filter((g) => g.status !== 'pass')
    .map((g) => annotation(g, file, results.name))
    .join('');
}

function annotation(g: GateResult, file: string, audit: string): string {
  const command = g.status === 'fail' && g.severity === 'error' ? 'error' : 'warning';
  const props = [
    `file=${property(file)}`,
    ...(g.line !== undefined ? [`line=${g.line}`] : []),
    ...(g.column !== undefined ? [`col=${g.column}`] : []),
    `title=${property(`counterfair: ${g.status === 'insufficient_evidence' ? 'insufficient evidence' : `gate ${g.status === 'fail' ? 'failed' : 'warned'}`} (${audit})`)}`,
  ];
  return `::${command} ${props.join(',')}::${data(g.message)}\n`;
}

/** Escapes a command's message, as the Actions runner's toolkit does. */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a command property: as data, plus `:` and `,`, which end properties. */
function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
