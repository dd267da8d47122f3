/**
 * counterfair's library API. The stages, in the order an audit runs them:
 * spec → generate → classify → metrics → gate → report. Named exports only.
 */
export { generateFromSpec, prepareAudit, resolveRunOptions, runAudit, type AuditRun, type PreparedAudit, type RunOptions, type RunOverrides, type StageName } from './audit/index.js';
export { main, EXIT, type CliIo } from './cli/index.js';
export { CounterfairError, formatProblem, SpecIssueError, type ErrorCode, type Problem, type SourceLocation, type SpecIssue } from './shared/errors.js';

export { auditJsonSchema, AuditSpecSchema, loadSpec, parseSpec, type AuditSpec, type AuditSpecInput, type AxisSpec, type GateSpec, type LoadedSpec, type ModelSpec, type TemplateSpec } from './spec/index.js';
export {
  articleFor,
  builtinLexiconNames,
  fillSlots,
  generateSets,
  lintLexiconFile,
  loadAxisLexicons,
  loadBuiltinLexicon,
  loadGenerateInputs,
  parseSlots,
  perturbCorpus,
  readCorpus,
  readLexiconFile,
  renderGenerated,
  type AxisInfo,
  type CorpusTable,
  type CounterfactualSet,
  type FieldInfo,
  type GenerateInputs,
  type Generated,
  type Lexicon,
  type LexiconGroup,
  type Sentence,
  type TemplateInfo,
} from './generate/index.js';
export {
  configureHub,
  fetchModel,
  inputKey,
  loadClassifier,
  loadKServeClassifier,
  loadModuleClassifier,
  loadOnnxClassifier,
  loadOpenAiClassifier,
  loadTeiClassifier,
  modelFingerprint,
  openPredictionCache,
  predictInputs,
  resolveModelSource,
  type BatchPlan,
  type Classifier,
  type HubSettings,
  type ModelSource,
  type PlannedBatch,
  type PredictionCache,
  type Predictions,
  type TextInput,
} from './classify/index.js';
export {
  METRICS,
  METRIC_NAMES,
  metricInfo,
  computeAxis,
  computeAxes,
  createRng,
  normalQuantile,
  percentileBootstrap,
  quantileSorted,
  wilsonInterval,
  pairedTTest,
  wilcoxonSignedRank,
  signFlipTest,
  holmAdjust,
  benjaminiHochbergAdjust,
  studentTSf,
  normalSf,
  type LabelOptions,
  type TestOutcome,
  type AxisResult,
  type GroupResult,
  type Interval,
  type IntervalOptions,
  type LabelResult,
  type MetricInfo,
  type MetricValue,
  type TestResult,
  type Rng,
  type SentenceScore,
} from './metrics/index.js';
export { checkGates, evaluateGates, overallVerdict, type GateResult, type GateStatus, type Verdict, type VerdictName } from './gate/index.js';
export { renderReports, writeReports, RESULTS_SCHEMA, type AuditResults, type SentenceRow } from './report/index.js';
export {
  buildCharts,
  readRun,
  readSentencesCsv,
  renderAnnotations,
  renderJunit,
  renderSummaryMd,
  renderSvg,
  startChartRenderer,
  stopChartRenderer,
  type Chart,
  type ReportOptions,
  type StoredRun,
  type Timings,
} from './report/index.js';
export { compareResults, compareRuns, renderCompareMd, writeComparison, type Comparison, type CompareOptions, type MetricChange } from './compare/index.js';
export { VERSION } from './shared/version.js';
