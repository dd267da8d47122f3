/**
 * `npm run build:docs`: writes the documentation generated from code, today docs/metrics.md
 * from the metric catalog.
 *
 * @module
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { renderMetricsDoc } from './docs/metrics-doc.js';

const file = path.join('docs', 'metrics.md');
writeFileSync(file, renderMetricsDoc());
console.error(`wrote ${file}`);
