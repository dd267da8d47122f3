/** Spec stage: audit YAML → a validated, typed AuditSpec. */
export { draftSpec, draftSpecFile, loadSpec, parseSpec, specError, type LoadedSpec, type SpecDraft } from './load.js';
export { auditJsonSchema, AuditSpecSchema } from './schema.js';
export type { AuditSpec, AuditSpecInput, AxisSpec, GateSpec, ModelSpec, TemplateSpec } from './schema.js';
export type { Locator } from '../shared/yaml/locate.js';
