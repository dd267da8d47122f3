import { generateSets, loadBuiltinLexicon } from './src/generate/index.ts';
import { parseSpec } from './src/spec/index.ts';
const countries = loadBuiltinLexicon('countries');
const religions = loadBuiltinLexicon('religions');
const spec = (b: string) => parseSpec(`name: t\nmodel: { path: m, label: POSITIVE }\n${b}`, 'x.yaml').spec;
const g = generateSets(spec('templates: ["{country}\'s desert is big.", "I love {country}’s weather."]\naxes:\n  country: { lexicon: countries, groups: [United States, Netherlands, Iraq, Cyprus, Philippines] }\n'), { country: countries });
console.log(g.sets.map(s => s.sentences.map(x => x.text)));
try { generateSets(spec('templates: ["The {religion.adjective} {religion.place_of_worship} is old."]\naxes:\n  religion: { lexicon: religions }\n'), { religion: religions }); } catch (e) { console.log(e.issues); }
try { generateSets(spec('language: es\ntemplates: ["Conocí a {a/an} {country.demonym}."]\naxes:\n  country: { lexicon: countries }\n'), { country: countries }); } catch (e) { console.log(e.issues); }
