import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { fieldInfo, generateSets, loadBuiltinLexicon, loadGenerateInputs, perturbCorpus, type AxisInfo, type CorpusTable, type Lexicon } from '../../src/generate/index.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { cli, specIssues, tempDir } from '../helpers.ts';

const countries = loadBuiltinLexicon('countries', 'es');
const gender = loadBuiltinLexicon('gender', 'es');
const religions = loadBuiltinLexicon('religions', 'es');

function spec(body: string) {
  return parseSpec(`name: t\nlanguage: es\nmodel: { path: m, label: POSITIVE }\n${body}`, 'x.yaml').spec;
}

function texts(g: ReturnType<typeof generateSets>): string[][] {
  return g.sets.map((s) => s.sentences.map((x) => x.text));
}

describe('Spanish templates: agreement with the gender axis', () => {
  const body = `templates:
  - "{gender.subject|cap} es {country.demonym} y {religion.follower}."
  - "{gender.subject_plural|cap} son {country.demonym_plural} y {religion.followers}."
  - "{gender.article|cap} {gender.person} y {gender.indefinite} {gender.child}: {gender.this} {gender.offspring}, {gender.that} {gender.parent}, {gender.article_plural} {gender.people}."
axes:
  gender: { lexicon: gender }
  country: { lexicon: countries, groups: [Mexico, Iraq, Germany, United States] }
  religion: { lexicon: religions, groups: [Islam, Judaism, Hinduism] }
`;

  it('every agreeing slot, for both genders, word for word', () => {
    const g = generateSets(spec(body), { gender, country: countries, religion: religions });
    const [singular, plural, determiners] = texts(g);
    const pick = (list: string[] | undefined, ...i: number[]) => i.map((k) => list?.[k]);
    assert.equal(singular?.length, 24);
    assert.deepEqual(pick(singular, 0, 1, 2, 3, 7, 11, 12, 13, 14, 15, 19, 23), [
      'Ella es mexicana y musulmana.',
      'Ella es mexicana y judía.',
      'Ella es mexicana y hindú.',
      'Ella es iraquí y musulmana.',
      'Ella es alemana y judía.',
      'Ella es estadounidense y hindú.',
      'Él es mexicano y musulmán.',
      'Él es mexicano y judío.',
      'Él es mexicano y hindú.',
      'Él es iraquí y musulmán.',
      'Él es alemán y judío.',
      'Él es estadounidense y hindú.',
    ]);
    assert.deepEqual(pick(plural, 0, 4, 8, 11, 12, 16, 20, 23), [
      'Ellas son mexicanas y musulmanas.',
      'Ellas son iraquíes y judías.',
      'Ellas son alemanas y hindúes.',
      'Ellas son estadounidenses y hindúes.',
      'Ellos son mexicanos y musulmanes.',
      'Ellos son iraquíes y judíos.',
      'Ellos son alemanes y hindúes.',
      'Ellos son estadounidenses y hindúes.',
    ]);
    assert.deepEqual(determiners, ['La mujer y una niña: esta hija, esa madre, las mujeres.', 'El hombre y un niño: este hijo, ese padre, los hombres.']);
    assert.deepEqual(g.sets[0]?.sentences[12]?.groups, { gender: 'male', country: 'Mexico', religion: 'Islam' });
  });

  it('the test above covers every field of the Spanish lexicons that agrees with gender', () => {
    const agreeing = [countries, religions].flatMap((l) => Object.keys(l.fields).filter((f) => fieldInfo(l, f).by === 'gender').map((f) => `${l === countries ? 'country' : 'religion'}.${f}`));
    assert.deepEqual(agreeing.filter((slot) => !body.includes(`{${slot}}`)), []);
    const determiners = ['subject', 'subject_plural', 'article', 'article_plural', 'indefinite', 'this', 'that'];
    assert.deepEqual(determiners.filter((f) => !body.includes(`{gender.${f}`)), []);
  });

  it('the notebook\'s gender cases: "Ella es ingeniera." / "Él es ingeniero.", "una ingeniera" / "un ingeniero"', () => {
    const g = generateSets(spec('templates: ["{gender.subject|cap} es {gender.occupation}.", "Conocí a {gender.indefinite} {gender.occupation}."]\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.deepEqual(texts(g)[0], ['Ella es ingeniera.', 'Él es ingeniero.']);
    assert.deepEqual(texts(g)[32], ['Conocí a una ingeniera.', 'Conocí a un ingeniero.']);
    assert.deepEqual(texts(g)[13], ['Ella es jueza.', 'Él es juez.']);
  });
});

describe('Spanish templates: articles and contractions', () => {
  it('"de el" → "del", "a el" → "al"; a capitalised article that is part of a name and the pronoun "él" do not contract', () => {
    const g = generateSets(
      spec('templates:\n  - "Soy de {country}."\n  - "Soy de {country.definite}."\n  - "Fui a {country.definite}."\n  - "¿{country.definite}? Sí."\naxes:\n  country: { lexicon: countries, groups: [India, Iraq, Peru, United Kingdom, El Salvador, United States] }\n'),
      { country: countries },
    );
    assert.deepEqual(texts(g), [
      ['Soy de India.', 'Soy de Irak.', 'Soy de Perú.', 'Soy del Reino Unido.', 'Soy de El Salvador.', 'Soy de Estados Unidos.'],
      ['Soy de la India.', 'Soy de Irak.', 'Soy del Perú.', 'Soy del Reino Unido.', 'Soy de El Salvador.', 'Soy de los Estados Unidos.'],
      ['Fui a la India.', 'Fui a Irak.', 'Fui al Perú.', 'Fui al Reino Unido.', 'Fui a El Salvador.', 'Fui a los Estados Unidos.'],
      ['¿La India? Sí.', '¿Irak? Sí.', '¿El Perú? Sí.', '¿El Reino Unido? Sí.', '¿El Salvador? Sí.', '¿Los Estados Unidos? Sí.'],
    ]);
    const h = generateSets(spec('templates: ["De {gender.article} {gender.offspring} hablé a {gender.subject}; fuimos a {religion.place_of_worship}."]\naxes:\n  gender: { lexicon: gender }\n  religion: { lexicon: religions, groups: [Islam, Hinduism] }\n'), { gender, religion: religions });
    assert.deepEqual(texts(h)[0], [
      'De la hija hablé a ella; fuimos a la mezquita.',
      'De la hija hablé a ella; fuimos al templo hindú.',
      'Del hijo hablé a él; fuimos a la mezquita.',
      'Del hijo hablé a él; fuimos al templo hindú.',
    ]);
  });

  it('a value after ¿ or ¡ begins a sentence', () => {
    const g = generateSets(spec('templates: ["¿{gender.subject} es {gender.indefinite} {gender.occupation}? ¡{gender.subject} sí!"]\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.deepEqual(texts(g)[0], ['¿Ella es una ingeniera? ¡Ella sí!', '¿Él es un ingeniero? ¡Él sí!']);
  });

  it('country attributes say which article a name takes and whether it contracts', () => {
    const attrs = (group: string) => countries.groups.find((g) => g.group === group)?.attributes;
    assert.deepEqual(attrs('Peru'), { un_member: true, article: 'el', article_use: 'optional', contracts: true });
    assert.deepEqual(attrs('India'), { un_member: true, article: 'la', article_use: 'optional', contracts: false });
    assert.deepEqual(attrs('United Kingdom'), { un_member: true, article: 'el', article_use: 'obligatory', contracts: true });
    assert.deepEqual(attrs('El Salvador'), { un_member: true, article: 'el', article_use: 'part of the name', contracts: false });
    assert.deepEqual(attrs('Mexico'), { un_member: true, article: 'none', article_use: 'none', contracts: false });
    // The attribute agrees with what generation does.
    const out = generateSets(spec('templates: ["Soy de {country.definite}."]\naxes: { country: { lexicon: countries } }\n'), { country: countries });
    const contracted = (out.sets[0]?.sentences ?? []).map((x) => [x.groups.country, x.text.startsWith('Soy del ')]);
    assert.deepEqual(contracted, countries.groups.map((g) => [g.group, g.attributes?.contracts]));
    assert.equal(contracted.filter(([, c]) => c).length, 14);
  });

  it('shares the English lexicon\'s groups and ISO codes, and has every demonym in four forms', () => {
    const english = loadBuiltinLexicon('countries');
    assert.deepEqual(countries.groups.map((g) => [g.group, g.forms.iso3]), english.groups.map((g) => [g.group, g.forms.iso3]));
    for (const g of countries.groups) {
      for (const f of ['masculine', 'feminine', 'masculine_plural', 'feminine_plural']) assert.match(String(g.forms[f]), /^\p{Ll}[\p{Ll}ü-]*$/u, `${g.group}.${f}`);
      assert.deepEqual(g.forms.demonym, { female: g.forms.feminine, male: g.forms.masculine });
      assert.match(g.source ?? '', /demonyms: /);
    }
  });

  it('the generated Spanish countries lexicon is what the build script writes', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-lexicons.ts', '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /lexicons\/es\/countries\.json is up to date/);
  });
});

describe('Spanish specs: English-only constructs and lexicons are located errors', () => {
  it('{a/an} in a Spanish template', () => {
    assert.deepEqual(specIssues(() => generateSets(spec('templates: ["Conocí a {a/an} {country.masculine}."]\naxes: { country: { lexicon: countries } }\n'), { country: countries })), [
      'templates.0: {a/an} is English grammar, but this audit is in Spanish (language: es): take the article from the gender lexicon, which agrees with the person: {gender.indefinite} (una / un) or {gender.article} (la / el)',
    ]);
  });

  it('a built-in name resolves in the spec\'s language; an English-only built-in or an English lexicon file is an error', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'en.yaml'), 'name: mine\nlanguage: en\nsource: x\ndefault_field: w\nfields: { w: w }\ngroups:\n  - { group: a, forms: { w: x }, source: x }\n  - { group: b, forms: { w: y }, source: x }\n');
    const s = spec('templates: ["{a} {b} {c}"]\naxes:\n  a: { lexicon: countries }\n  b: { lexicon: race-names }\n  c: { lexicon: ./en.yaml }\n');
    assert.equal(loadGenerateInputs(spec('templates: ["{a}"]\naxes: { a: { lexicon: countries } }\n'), dir).lexicons.a?.language, 'es');
    assert.deepEqual(specIssues(() => loadGenerateInputs(s, dir)), [
      'axes.b.lexicon: unknown lexicon "race-names" ("race-names" is a built-in lexicon in English, not in Spanish); built-in Spanish lexicons are countries, gender, religions, or give a path to a YAML/JSON file',
      'axes.c.lexicon: lexicon "mine" is in English but this audit is in Spanish (language: es): use a Spanish lexicon or set language: en',
    ]);
  });

  it('validate prints each as file:line:col', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'name: t\nlanguage: es\nmodel: { path: m, label: POSITIVE }\ntemplates:\n  - "Conocí a {a/an} {country.masculine}."\naxes: { country: { lexicon: countries } }\n');
    const r = await cli('validate', file);
    assert.equal(r.code, 2);
    // The second line: the first is the placeholder model folder, reported at the same time.
    assert.equal(r.stderr.split('\n')[1], `${file}:5:5: {a/an} is English grammar, but this audit is in Spanish (language: es): take the article from the gender lexicon, which agrees with the person: {gender.indefinite} (una / un) or {gender.article} (la / el)`);
    writeFileSync(file, 'name: t\nlanguage: fr\nmodel: { path: m, label: POSITIVE }\ntemplates: ["{c}"]\naxes: { c: { lexicon: countries } }\n');
    const fr = await cli('validate', file);
    assert.equal(fr.code, 2);
    assert.match(fr.stderr, /:2:11: .*"en"/);
  });
});

function axis(name: string, lexicon: Lexicon, groups: string[]): { axis: AxisInfo; lexicon: Lexicon } {
  return { axis: { name, lexicon: lexicon.name, groups }, lexicon };
}

function corpus(...rows: string[]): CorpusTable {
  return { file: 'c.csv', rows: rows.map((text, row) => ({ row, text })) };
}

const GENDER = axis('gender', gender, ['female', 'male']);
const COUNTRY = axis('country', countries, ['Mexico', 'Peru', 'India', 'United Kingdom', 'United States']);

/** Each row's sentences, or its skip reason. */
function perturbed(a: { axis: AxisInfo; lexicon: Lexicon }, ...rows: string[]): (string[] | string)[] {
  const r = perturbCorpus(corpus(...rows), [a], { language: 'es' });
  return rows.map((_, i) => r.sets.find((s) => s.corpus_row === i)?.sentences.map((s) => s.text) ?? r.skipped.find((x) => x.row === i)?.reason ?? '?');
}

describe('Spanish corpora: gender with agreement', () => {
  it('swaps a determiner–noun–adjective phrase, both ways, keeping case', () => {
    assert.deepEqual(perturbed(GENDER, 'La ingeniera mexicana llegó ayer.', 'Un buen padre y una nueva madre.', 'ÉL ES UN BUEN PADRE.'), [
      ['La ingeniera mexicana llegó ayer.', 'El ingeniero mexicano llegó ayer.'],
      'gender: mentions several groups (male, female)',
      ['ELLA ES UNA BUENA MADRE.', 'ÉL ES UN BUEN PADRE.'],
    ]);
    assert.deepEqual(perturbed(GENDER, 'Aquel hombre alto es mi hermano.'), [['Aquella mujer alta es mi hermana.', 'Aquel hombre alto es mi hermano.']]);
  });

  it('a copula carries agreement to its complement; de/a + el contract', () => {
    assert.deepEqual(perturbed(GENDER, 'Mi hija es muy alta y simpática.', 'Ella es ingeniera.', 'Hablé con la madre de la novia.', 'Del padre no sé nada.', 'María no es alta.'), [
      ['Mi hija es muy alta y simpática.', 'Mi hijo es muy alto y simpático.'],
      ['Ella es ingeniera.', 'Él es ingeniero.'],
      ['Hablé con la madre de la novia.', 'Hablé con el padre del novio.'],
      ['De la madre no sé nada.', 'Del padre no sé nada.'],
      ['María no es alta.', 'Antonio no es alto.'],
    ]);
  });

  it('leaves words that agree with something else, and counts the rows it cannot swap safely, with why', () => {
    const r = perturbCorpus(corpus('Ella compró una casa roja.', 'La ingeniera pelirroja ganó.', 'Ella es pelirroja.', 'Una rara ingeniera.', 'El tiempo es bueno.'), [GENDER], { language: 'es' });
    assert.deepEqual(r.sets.map((s) => s.sentences.map((x) => x.text)), [['Ella compró una casa roja.', 'Él compró una casa roja.']]);
    assert.deepEqual(r.skipped, [
      { row: 1, reason: 'gender: "pelirroja" after "ingeniera" may agree with the swapped word and is in no agreement table (lexicons/grammar/es.json)' },
      { row: 2, reason: 'gender: "pelirroja" after "es" may agree with the swapped word and is in no agreement table (lexicons/grammar/es.json)' },
      { row: 3, reason: 'gender: "rara" after "Una" may agree with the swapped word and is in no agreement table (lexicons/grammar/es.json)' },
      { row: 4, reason: 'no mention of gender' },
    ]);
  });
});

describe('Spanish corpora: countries', () => {
  it('finds names with and without their article, inside del/al, and aliases', () => {
    assert.deepEqual(perturbed(COUNTRY, 'Soy de México.', 'Vengo del Perú.', 'Viví en los Estados Unidos.', 'Fui a Holanda.'), [
      ['Soy de México.', 'Soy de Perú.', 'Soy de India.', 'Soy del Reino Unido.', 'Soy de Estados Unidos.'],
      ['Vengo de México.', 'Vengo del Perú.', 'Vengo de la India.', 'Vengo del Reino Unido.', 'Vengo de los Estados Unidos.'],
      ['Viví en México.', 'Viví en el Perú.', 'Viví en la India.', 'Viví en el Reino Unido.', 'Viví en los Estados Unidos.'],
      "country: mentions Netherlands, which is not one of the axis's groups",
    ]);
  });

  it('a demonym takes the gender and number it had; the capital tells "Argentina" from "argentina"', () => {
    const a = axis('country', countries, ['Argentina', 'Mexico', 'Iraq']);
    assert.deepEqual(perturbed(a, 'Amo Argentina.', 'Ella es argentina.', 'Los vinos argentinos son buenos.', 'Es una iraquí simpática.', 'Es iraquí.'), [
      ['Amo Argentina.', 'Amo México.', 'Amo Irak.'],
      ['Ella es argentina.', 'Ella es mexicana.', 'Ella es iraquí.'],
      ['Los vinos argentinos son buenos.', 'Los vinos mexicanos son buenos.', 'Los vinos iraquíes son buenos.'],
      ['Es una argentina simpática.', 'Es una mexicana simpática.', 'Es una iraquí simpática.'],
      'country: "iraquí" could be masculine or feminine here, and the Argentina forms differ',
    ]);
  });
});
