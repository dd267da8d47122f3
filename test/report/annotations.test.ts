import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GateResult } from '../../src/index.ts';
import { inGitHubActions, renderAnnotations } from '../../src/report/index.ts';
import { syntheticRun } from './synthetic.ts';

describe('renderAnnotations', () => {
  const { results } = syntheticRun({ groups: ['a', 'b'], templates: 1, score: () => 0.5 });
  const gate = (status: GateResult['status'], message: string, extra: Partial<GateResult> = {}): GateResult => ({
    index: 0, metric: 'gap', axis: 'x', on: 'estimate', severity: 'error', max: 0.1, value: 0.2, ci: null, compared: 0.2, n: 4, status, message, line: 7, column: 3, ...extra,
  });

  it('escapes messages and properties as the Actions toolkit does', () => {
    const text = renderAnnotations(
      { ...results, name: 'a, b: c', spec: { file: 'audits/x,y.yaml', sha256: '' }, gates: [gate('fail', '100% of\r\nsets::flip'), gate('pass', 'fine')] },
      process.cwd(),
    );
    assert.equal(text, '::error file=audits/x%2Cy.yaml,line=7,col=3,title=counterfair%3A gate failed (a%2C b%3A c)::100%25 of%0D%0Asets::flip\n');
  });

  it('warns for warn and insufficient evidence, and leaves out a location it does not have', () => {
    const text = renderAnnotations({ ...results, gates: [gate('warn', 'w'), gate('insufficient_evidence', 'i', { line: undefined, column: undefined })] }, process.cwd());
    assert.equal(
      text,
      [
        '::warning file=audits/synthetic.yaml,line=7,col=3,title=counterfair%3A gate warned (Synthetic audit)::w',
        '::warning file=audits/synthetic.yaml,title=counterfair%3A insufficient evidence (Synthetic audit)::i',
        '',
      ].join('\n'),
    );
  });

  it('is on only when GITHUB_ACTIONS is "true"', () => {
    assert.equal(inGitHubActions({ GITHUB_ACTIONS: 'true' }), true);
    assert.equal(inGitHubActions({ GITHUB_ACTIONS: 'false' }), false);
    assert.equal(inGitHubActions({}), false);
  });
});
