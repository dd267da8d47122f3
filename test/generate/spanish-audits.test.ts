import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { generateSets, loadBuiltinLexicon } from '../../src/generate/index.ts';
import { loadSpec, parseSpec } from '../../src/spec/index.ts';
import { cli } from '../helpers.ts';

describe('audits/es', () => {
  it('validate, and generate the notebook\'s sentences', async () => {
    for (const [file, counts] of [['audits/es/paises.yaml', '2 axes, 8 sets, 100 sentences'], ['audits/es/genero.yaml', '1 axis, 128 sets, 256 sentences']]) {
      const r = await cli('validate', file as string);
      assert.deepEqual([r.code, r.stdout], [0, `${file}: valid (${counts})\n`], r.stderr);
    }
    const r = await cli('generate', 'audits/es/paises.yaml');
    const texts = r.stdout.trim().split('\n').map((l) => (JSON.parse(l) as { text: string }).text);
    assert.deepEqual(texts.slice(0, 2), ['Soy de India.', 'Soy de Irak.']);
    assert.ok(texts.includes('Crecí en el Reino Unido.') && texts.includes('Pasamos el verano en el Perú.') && texts.includes('Conocí a una iraquí en el trabajo.'));
    const g = await cli('generate', 'audits/es/genero.yaml');
    assert.deepEqual(g.stdout.trim().split('\n').slice(0, 2).map((l) => (JSON.parse(l) as { text: string }).text), ['Ella es ingeniera.', 'Él es ingeniero.']);
  });

  it('the stand-in classifier scores the notebook\'s pair apart only through its planted words', async () => {
    const file: string = '../../audits/es/sentimiento.js';
    const { classify, labels } = (await import(file)) as { classify: (t: string[]) => Promise<Record<string, number>[]>; labels: string[] };
    assert.deepEqual(labels, ['NEGATIVO', 'POSITIVO']);
    const [india, iraq, ella, el] = await classify(['Soy de India.', 'Soy de Irak.', 'Ella es ingeniera.', 'Él es ingeniero.']);
    assert.deepEqual([india?.POSITIVO, ella?.POSITIVO, el?.POSITIVO], [0.5, 0.5, 0.5]);
    assert.equal(iraq?.POSITIVO, 1 / (1 + Math.exp(1.5)));
  });

  it('a Spanish corpus in a spec is perturbed with Spanish rules', () => {
    const spec = parseSpec('name: t\nlanguage: es\nmodel: { path: m, label: POSITIVE }\ncorpus: { path: c.csv, text: text }\nperturb: [gender]\naxes: { gender: { lexicon: gender } }\n', 'x.yaml').spec;
    const g = generateSets(spec, { gender: loadBuiltinLexicon('gender', 'es') }, { corpus: { file: 'c.csv', rows: [{ row: 0, text: 'La ingeniera mexicana es muy simpática.' }] } });
    assert.deepEqual(g.sets[0]?.sentences.map((s) => s.text), ['La ingeniera mexicana es muy simpática.', 'El ingeniero mexicano es muy simpático.']);
    assert.equal(loadSpec('audits/es/genero.yaml').spec.language, 'es');
  });
});
