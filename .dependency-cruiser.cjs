/**
 * The doors between counterfair's stages, checked by `npm test` (test/architecture.test.ts).
 * The rules are the flow written down:
 *
 *   spec ─► generate ─► classify ─► metrics ─► gate ─► results ─► report ─► compare
 *                                                                 (augment beside report)
 *
 *   results/ is the contract between the run and its readers: the schema and types of the
 *   files a run writes, and their writers and readers. The audit assembles results.json
 *   through it; report and compare read only its types.
 *
 * - A stage imports only earlier stages, never a later one; audit/ (the pipeline) and cli/ sit
 *   above every stage, and shared/ below them all.
 * - Another stage is entered through its index.ts only; shared/ is a toolbox of small modules,
 *   imported file by file.
 * - The spec is assembled from sections each stage owns (`<stage>/schema.ts`); apart from those
 *   sections, no stage imports src/spec/.
 * - No cycles.
 */
const STAGES = ['spec', 'generate', 'classify', 'metrics', 'gate', 'results', 'report', 'compare', 'augment'];
/** Stages each one may import (besides shared/): the earlier ones. augment sits beside report. */
const EARLIER = {
  spec: [],
  generate: ['spec'],
  classify: ['spec', 'generate'],
  metrics: ['spec', 'generate', 'classify'],
  gate: ['spec', 'generate', 'classify', 'metrics'],
  results: ['spec', 'generate', 'classify', 'metrics', 'gate'],
  report: ['spec', 'generate', 'classify', 'metrics', 'gate', 'results'],
  compare: ['spec', 'generate', 'classify', 'metrics', 'gate', 'results', 'report'],
  augment: ['spec', 'generate'],
};

const flow = STAGES.map((stage) => ({
  name: `flow-${stage}`,
  comment: `${stage} imports only earlier stages (${EARLIER[stage].join(', ') || 'none'}) and shared/`,
  severity: 'error',
  from: { path: `^src/${stage}/` },
  to: { path: '^src/', pathNot: [`^src/(${[stage, ...EARLIER[stage], 'shared'].join('|')})/`, '^src/[^/]+/schema\\.ts$'] },
}));

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    ...flow,
    {
      name: 'shared-is-the-floor',
      comment: 'shared/ holds helpers every stage may use; it imports no stage',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/', pathNot: '^src/shared/' },
    },
    {
      name: 'spec-is-composed-not-imported',
      comment: 'the spec assembles the sections stages own; a stage reads its own section’s types, not the spec',
      severity: 'error',
      from: { path: `^src/(${STAGES.filter((s) => s !== 'spec').join('|')})/` },
      to: { path: '^src/spec/' },
    },
    {
      name: 'through-the-door',
      comment: 'another stage is entered through its index.ts (its schema.ts section for the spec)',
      severity: 'error',
      from: { path: '^src/([^/]+)/' },
      to: { path: '^src/[^/]+/', pathNot: ['^src/$1/', '^src/shared/', '^src/[^/]+/index\\.ts$', '^src/[^/]+/schema\\.ts$'] },
    },
    {
      name: 'pipeline-on-top',
      comment: 'only the CLI and the library entry import the pipeline (audit/) or the CLI',
      severity: 'error',
      from: { path: '^src/', pathNot: ['^src/(cli|audit)/', '^src/index\\.ts$'] },
      to: { path: '^src/(cli|audit)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '\\.d\\.ts$' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js'] },
  },
};
