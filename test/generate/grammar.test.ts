import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { articleFor, formsOf, generateSets, loadBuiltinLexicon, type Lexicon } from '../../src/generate/index.ts';
import { POSSESSIVE_WORDS } from '../../src/generate/possessive.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { cli, specIssues, tempDir } from '../helpers.ts';

const countries = loadBuiltinLexicon('countries');
const gender = loadBuiltinLexicon('gender');
const raceNames = loadBuiltinLexicon('race-names');

/** A spec from its YAML body (name and model are filled in). */
function spec(body: string) {
  return parseSpec(`name: t\nmodel: { path: m, label: POSITIVE }\n${body}`, 'x.yaml').spec;
}

function texts(g: ReturnType<typeof generateSets>): string[][] {
  return g.sets.map((s) => s.sentences.map((x) => x.text));
}

describe('a/an', () => {
  it('follows the sound of the next word, at sentence start too', () => {
    const g = generateSets(
      spec('templates: ["{a/an} {country.demonym} engineer fixed it. She hired {a/an} {country.demonym} cook."]\naxes:\n  country: { lexicon: countries, groups: [Iraq, Germany, Uganda, Uzbekistan, Uruguay, United States] }\n'),
      { country: countries },
    );
    assert.deepEqual(texts(g)[0], [
      'An Iraqi engineer fixed it. She hired an Iraqi cook.',
      'A German engineer fixed it. She hired a German cook.',
      'A Ugandan engineer fixed it. She hired a Ugandan cook.',
      'An Uzbekistani engineer fixed it. She hired an Uzbekistani cook.',
      'A Uruguayan engineer fixed it. She hired a Uruguayan cook.',
      'An American engineer fixed it. She hired an American cook.',
    ]);
  });

  it('is right for every demonym of the countries lexicon (vowel letter, except yoo- sounds)', () => {
    const yoo = new Set(['Ugandan', 'Ukrainian', 'Uruguayan']);
    for (const c of countries.groups) {
      const d = c.forms.demonym as string;
      assert.equal(articleFor(d), /^[AEIOU]/.test(d) && !yoo.has(d) ? 'an' : 'a', d);
    }
    assert.deepEqual(['hour', 'European', 'MBA', 'apple', 'one-time'].map(articleFor), ['an', 'a', 'an', 'an', 'a']);
  });
});

describe('fillers', () => {
  it('a word list multiplies sets without being an axis', () => {
    const g = generateSets(spec('fillers: { job: [nurse, engineer] }\ntemplates: ["{gender} is {a/an} {job}."]\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.deepEqual(texts(g), [
      ['She is a nurse.', 'He is a nurse.'],
      ['She is an engineer.', 'He is an engineer.'],
    ]);
    assert.deepEqual(g.sets.map((s) => s.fillers), [{ job: 'nurse' }, { job: 'engineer' }]);
    assert.deepEqual(g.templates[0]?.fillers, ['job']);
    assert.deepEqual(g.axes.map((a) => a.name), ['gender']);
  });

  it('a lexicon filler records the group of its word', () => {
    const emotions: Lexicon = {
      name: 'emotions',
      source: 'test',
      default_field: 'state',
      fields: { state: 'a state', situation: 'a situation' },
      groups: [
        { group: 'joy', forms: { state: ['glad'], situation: ['funny'] } },
        { group: 'anger', forms: { state: ['angry', 'furious'], situation: ['annoying', 'vexing'] } },
      ],
    };
    const g = generateSets(spec('fillers: { emotion: { lexicon: ./e.yaml } }\ntemplates: ["{gender} feels {emotion}: it was {emotion.situation}."]\naxes: { gender: { lexicon: gender } }\n'), { gender }, { fillerLexicons: { emotion: emotions } });
    assert.deepEqual(
      g.sets.map((s) => [s.filler_groups?.emotion, s.sentences[0]?.text]),
      [
        ['joy', 'She feels glad: it was funny.'],
        ['anger', 'She feels angry: it was annoying.'],
        ['anger', 'She feels furious: it was vexing.'],
      ],
    );
  });

  it('rejects a filler that is also an axis, a repeated word and a field on a word list', () => {
    const s = spec('fillers: { gender: [x], job: [nurse, nurse] }\ntemplates: ["{gender} is a {job.title}."]\naxes: { gender: { lexicon: gender } }\n');
    // All at once: the fillers' problems and the template's.
    assert.deepEqual(specIssues(() => generateSets(s, { gender })), [
      'fillers.gender: "gender" is both an axis and a filler: rename one',
      'fillers.job: filler "job" lists "nurse" twice, which would count its sets twice',
      'templates.0: slot {job.title}: filler "job" is a word list, which has no fields: write {job}',
    ]);
    const t = spec('fillers: { job: [nurse] }\ntemplates: ["{gender} is a {job.title}."]\naxes: { gender: { lexicon: gender } }\n');
    assert.deepEqual(specIssues(() => generateSets(t, { gender })), ['templates.0: slot {job.title}: filler "job" is a word list, which has no fields: write {job}']);
  });
});

describe('paired and unpaired forms', () => {
  it('paired forms vary together: one set per position, subject and object aligned', () => {
    const g = generateSets(spec('templates: ["{gender.np_subject} saw {gender.np_object}."]\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.equal(g.sets.length, 10);
    assert.deepEqual(texts(g).slice(0, 2), [
      ['She saw her.', 'He saw him.'],
      ['This woman saw this woman.', 'This man saw this man.'],
    ]);
    assert.deepEqual(texts(g)[9], ['My mom saw my mom.', 'My dad saw my dad.']);
    assert.deepEqual(g.sets[9]?.pairs, { 'gender.noun_phrase': 9 });
  });

  it('unpaired lists (names) give one sentence per name, all in one set', () => {
    const g = generateSets(spec('templates: ["{race} said hi."]\naxes: { race: { lexicon: race-names } }\n'), { race: raceNames });
    assert.equal(g.sets.length, 1);
    assert.equal(g.sets[0]?.sentences.length, 40);
    assert.deepEqual(g.sets[0]?.sentences.slice(0, 2).map((s) => [s.groups, s.text]), [
      [{ race: 'African-American' }, 'Ebony said hi.'],
      [{ race: 'African-American' }, 'Jasmine said hi.'],
    ]);
  });
});

describe('two axes in one template', () => {
  it('makes every combination, each sentence with both groups', () => {
    const g = generateSets(spec('templates: ["{gender.subject} is from {country}."]\naxes:\n  gender: { lexicon: gender }\n  country: { lexicon: countries, groups: [India, Iraq] }\n'), { gender, country: countries });
    assert.deepEqual(g.templates[0]?.axes, ['gender', 'country']);
    assert.deepEqual(g.sets[0]?.axes, ['gender', 'country']);
    assert.deepEqual(
      g.sets[0]?.sentences.map((s) => [s.groups, s.text]),
      [
        [{ gender: 'female', country: 'India' }, 'She is from India.'],
        [{ gender: 'female', country: 'Iraq' }, 'She is from Iraq.'],
        [{ gender: 'male', country: 'India' }, 'He is from India.'],
        [{ gender: 'male', country: 'Iraq' }, 'He is from Iraq.'],
      ],
    );
  });

  it('a field by another axis brings that axis in: names by race × gender', () => {
    const g = generateSets(spec('templates: ["{race.first_name_by_gender} found {gender.reflexive} alone."]\naxes:\n  race: { lexicon: race-names }\n  gender: { lexicon: gender }\n'), { race: raceNames, gender });
    assert.deepEqual(g.sets[0]?.axes, ['race', 'gender']);
    const s = g.sets[0]?.sentences ?? [];
    assert.equal(s.length, 40);
    assert.deepEqual([s[0], s[10], s[20], s[39]].map((x) => [x?.groups.race, x?.groups.gender, x?.text]), [
      ['African-American', 'female', 'Ebony found herself alone.'],
      ['African-American', 'male', 'Alonzo found himself alone.'],
      ['European-American', 'female', 'Amanda found herself alone.'],
      ['European-American', 'male', 'Ryan found himself alone.'],
    ]);
  });

  it('rejects a field by an axis the spec does not declare, or a group it has no names for', () => {
    assert.deepEqual(specIssues(() => generateSets(spec('templates: ["{race.first_name_by_gender} left."]\naxes: { race: { lexicon: race-names } }\n'), { race: raceNames })), [
      'templates.0: slot {race.first_name_by_gender}: field "first_name_by_gender" of lexicon "race-names" depends on axis "gender": declare an axis named gender under "axes"',
    ]);
    assert.deepEqual(specIssues(() => generateSets(spec('templates: ["{race.first_name_by_gender} left."]\naxes:\n  race: { lexicon: race-names }\n  gender: { lexicon: gender, groups: [female, neutral] }\n'), { race: raceNames, gender })), [
      'templates.0: slot {race.first_name_by_gender}: lexicon "race-names" gives group "African-American" no first_name_by_gender for gender "neutral"',
    ]);
  });
});

describe('text pairs', () => {
  it('fills premise and hypothesis with the same groups, either or both holding slots', () => {
    const g = generateSets(spec('templates:\n  - { id: nli, premise: "{gender.subject|cap} loves me.", hypothesis: "{gender.subject|cap} loves me not." }\n  - { text: "I met {gender.object}.", text_pair: "Someone was met." }\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.deepEqual(g.sets[0]?.sentences.map((s) => [s.text, s.text_pair]), [
      ['She loves me.', 'She loves me not.'],
      ['He loves me.', 'He loves me not.'],
    ]);
    assert.deepEqual(g.sets[1]?.sentences.map((s) => [s.text, s.text_pair]), [
      ['I met her.', 'Someone was met.'],
      ['I met him.', 'Someone was met.'],
    ]);
    assert.deepEqual(g.templates[0], { id: 'nli', text: '{gender.subject|cap} loves me.', text_pair: '{gender.subject|cap} loves me not.', axes: ['gender'] });
  });
});

describe('max_sets', () => {
  const body = (seed: number, max: string) => `seed: ${seed}\n${max}fillers: { n: [a, b, c, d, e, f, g, h, i, j, k, l] }\ntemplates: ["{gender.np_subject} saw {n}."]\naxes: { gender: { lexicon: gender } }\n`;

  it('draws that many sets with the seed, in generation order, from all of them', () => {
    const all = generateSets(spec(body(1, '')), { gender }).sets.map((s) => s.id);
    assert.equal(all.length, 120);
    const a = generateSets(spec(body(1, 'max_sets: 15\n')), { gender }).sets.map((s) => s.id);
    const b = generateSets(spec(body(1, 'max_sets: 15\n')), { gender }).sets.map((s) => s.id);
    const c = generateSets(spec(body(2, 'max_sets: 15\n')), { gender }).sets.map((s) => s.id);
    assert.equal(a.length, 15);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.ok(a.every((id) => all.includes(id)));
    assert.deepEqual(a, [...a].sort((x, y) => all.indexOf(x) - all.indexOf(y)));
    assert.equal(new Set(a).size, 15);
  });

  it('a template may set its own max_sets', () => {
    const s = spec('fillers: { n: [a, b, c] }\ntemplates:\n  - { id: a, text: "{gender} saw {n}.", max_sets: 2 }\n  - { id: b, text: "{gender} met {n}." }\naxes: { gender: { lexicon: gender } }\n');
    assert.deepEqual(generateSets(s, { gender }).sets.map((x) => x.template_id).reduce<Record<string, number>>((m, t) => ({ ...m, [t as string]: (m[t as string] ?? 0) + 1 }), {}), { a: 2, b: 3 });
  });
});

describe('ids and provenance', () => {
  it('every sentence keeps its set, template, groups and filled values; ids are stable and unique', () => {
    const s = spec('fillers: { job: [nurse, pilot] }\ntemplates: ["{gender.np_subject} is {a/an} {job}."]\naxes: { gender: { lexicon: gender } }\n');
    const a = generateSets(s, { gender });
    assert.deepEqual(a, generateSets(s, { gender }));
    const sentences = a.sets.flatMap((x) => x.sentences);
    assert.equal(new Set(sentences.map((x) => x.id)).size, sentences.length);
    assert.equal(new Set(a.sets.map((x) => x.id)).size, a.sets.length);
    assert.deepEqual(sentences[2], {
      id: sentences[2]?.id,
      set_id: a.sets[1]?.id,
      template_id: a.templates[0]?.id,
      groups: { gender: 'female' },
      text: 'This woman is a nurse.',
      values: { 'gender.np_subject': 'this woman', job: 'nurse' },
    });
  });
});

describe('possessives (issue 11 item 8)', () => {
  it("a name that is a plural in s takes a bare apostrophe; other names, singular ones in s included, take 's", () => {
    const g = generateSets(spec(`templates: ["{country}'s desert is big.", "I love {country}’s weather."]\naxes:\n  country: { lexicon: countries, groups: [United States, Netherlands, Iraq, Cyprus, Philippines] }\n`), { country: countries });
    assert.deepEqual(texts(g), [
      ["The United States' desert is big.", "The Netherlands' desert is big.", "Iraq's desert is big.", "Cyprus's desert is big.", "The Philippines' desert is big."],
      ['I love the United States’ weather.', 'I love the Netherlands’ weather.', 'I love Iraq’s weather.', 'I love Cyprus’s weather.', 'I love the Philippines’ weather.'],
    ]);
  });

  it('plural nouns of the gender lexicon too, and only before a possessive', () => {
    const g = generateSets(spec(`templates: ["Our {gender.kin}'s house is the {gender.kin}'sest."]\naxes: { gender: { lexicon: gender } }\n`), { gender });
    assert.deepEqual(texts(g)[0], ["Our girls' house is the girls'sest.", "Our boys' house is the boys'sest."]);
  });

  it('every last word in s of the built-in English lexicons is decided in lexicons/grammar/possessives.json', () => {
    const listed = new Set([...POSSESSIVE_WORDS.plural, ...POSSESSIVE_WORDS.singular]);
    const missing = new Set<string>();
    for (const l of [countries, gender, raceNames, loadBuiltinLexicon('religions')]) {
      for (const g of l.groups) {
        for (const f of Object.keys(l.fields)) {
          for (const form of formsOf(g, f) ?? []) {
            const last = form.split(/\s+/).pop() ?? '';
            if (/s$/.test(last) && !['iso2', 'iso3', 'region', 'subregion', 'income_group'].includes(f) && !listed.has(last)) missing.add(last);
          }
        }
      }
    }
    assert.deepEqual([...missing], []);
    assert.deepEqual(POSSESSIVE_WORDS.plural.filter((w) => POSSESSIVE_WORDS.singular.includes(w)), []);
  });
});

describe('doubled words (issue 11 item 8)', () => {
  const religions = loadBuiltinLexicon('religions');

  it('a slot that repeats the word next to it is an error located at the template, with the group and sentence', () => {
    const s = spec('templates:\n  - "My {religion} friend."\n  - "The {religion.adjective} {religion.place_of_worship} is old."\naxes: { religion: { lexicon: religions } }\n');
    assert.deepEqual(specIssues(() => generateSets(s, { religion: religions })), [
      'templates.1: template doubles "Hindu" for religion Hinduism: "The Hindu Hindu temple is old."; a slot\'s value repeats the word before or after it, so that group\'s sentence differs by more than the group: reword the template or use another field',
    ]);
    const literal = spec('templates: ["We met at the Buddhist {religion.place_of_worship}."]\naxes: { religion: { lexicon: religions } }\n');
    assert.match(specIssues(() => generateSets(literal, { religion: religions }))[0] ?? '', /^templates\.0: template doubles "Buddhist" for religion Buddhism: "We met at the Buddhist Buddhist temple\."/);
  });

  it('words English may repeat ("I gave her her book") and doublings in the template text itself are not reported', () => {
    const g = generateSets(spec('templates: ["I gave {gender.object} {gender.possessive} book, and that that was fine."]\naxes: { gender: { lexicon: gender } }\n'), { gender });
    assert.deepEqual(texts(g)[0], ['I gave her her book, and that that was fine.', 'I gave him his book, and that that was fine.']);
  });

  it('validate reports it as file:line:col with the stable id', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a.yaml');
    writeFileSync(file, 'name: t\nmodel: { path: m, label: POSITIVE }\ntemplates:\n  - "The {religion.adjective} {religion.place_of_worship}."\naxes: { religion: { lexicon: religions } }\n');
    const r = await cli('validate', file);
    assert.equal(r.code, 2);
    // Beside the missing model folder (line 2): every problem at once.
    assert.match(r.stderr, new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:4:5: template doubles "Hindu" for religion Hinduism`, 'm'));
  });
});
