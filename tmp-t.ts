import { generateSets, loadBuiltinLexicon } from './src/generate/index.ts';
import { parseSpec } from './src/spec/index.ts';
const c = loadBuiltinLexicon('countries', 'es'), g = loadBuiltinLexicon('gender', 'es'), r = loadBuiltinLexicon('religions', 'es');
const spec = (b: string) => parseSpec(`name: t\nlanguage: es\nmodel: { path: m, label: POSITIVE }\n${b}`, 'x.yaml').spec;
const out = generateSets(spec(`templates:
  - "{gender.subject|cap} es {country.demonym} y {religion.follower}."
  - "{gender.subject_plural|cap} son {country.demonym_plural} y {religion.followers}."
  - "{gender.article|cap} {gender.person} y {gender.indefinite} {gender.child}: {gender.this} {gender.offspring}, {gender.that} {gender.parent}, {gender.article_plural} {gender.people}."
axes:
  gender: { lexicon: gender }
  country: { lexicon: countries, groups: [Mexico, Iraq, Germany, United States] }
  religion: { lexicon: religions, groups: [Islam, Judaism, Hinduism] }
`), { country: c, gender: g, religion: r });
for (const s of out.sets) console.log(JSON.stringify(s.sentences.map(x => x.text), null, 1));
