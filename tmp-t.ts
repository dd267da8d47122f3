import { loadBuiltinLexicon, perturbCorpus } from './src/generate/index.ts';
const c = loadBuiltinLexicon('countries', 'es'), g = loadBuiltinLexicon('gender', 'es');
const rows = [
  'La ingeniera mexicana llegó ayer.',
  'Mi hija es muy alta y simpática.',
  'Ella es ingeniera.',
  'La ingeniera pelirroja ganó.',
  'Hablé con la madre de la novia.',
  'Del padre no sé nada.',
  'ÉL ES UN BUEN PADRE.',
  'Ella compró una casa roja.',
  'María es alta.',
];
const r = perturbCorpus({ file: 'c', rows: rows.map((text, row) => ({ row, text })) }, [{ axis: { name: 'gender', lexicon: 'gender', groups: ['female', 'male'] }, lexicon: g }], { language: 'es' });
for (const s of r.sets) console.log(s.sentences.map((x) => x.text).join(' -> '));
console.log(r.skipped);
const rows2 = ['Soy de México.', 'Vengo del Perú.', 'Viví en los Estados Unidos y en Estados Unidos.', 'Es una iraquí muy simpática.', 'Es iraquí.', 'La comida mexicana es rica.', 'Amo Argentina.', 'Ella es argentina.', 'Fui a la India.'];
const r2 = perturbCorpus({ file: 'c', rows: rows2.map((text, row) => ({ row, text })) }, [{ axis: { name: 'country', lexicon: 'countries', groups: ['Mexico', 'Peru', 'India', 'United Kingdom', 'Iraq', 'Argentina', 'United States'] }, lexicon: c }], { language: 'es' });
for (const s of r2.sets) console.log(s.sentences.map((x) => x.text).join(' | '));
console.log(r2.skipped);
