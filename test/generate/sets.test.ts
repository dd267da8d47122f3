import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fillSlots, generateSets, loadBuiltinLexicon, parseSlots, type Lexicon } from '../../src/generate/index.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { specIssues } from '../helpers.ts';

const countries = loadBuiltinLexicon('countries');
const gender = loadBuiltinLexicon('gender');

function spec(templates: string[], axes = 'country: { lexicon: countries, groups: [India, Iraq, United States] }') {
  const text = `name: t\nmodel: { path: m, label: POSITIVE }\ntemplates:\n${templates.map((t) => `  - ${JSON.stringify(t)}`).join('\n')}\naxes:\n  ${axes}\n`;
  return parseSpec(text, 'x.yaml').spec;
}

describe('generateSets', () => {
  it('makes one set per template with one sentence per group, in group order', () => {
    const g = generateSets(spec(['I am from {country}.', 'The {country.demonym} film was long.']), { country: countries });
    assert.equal(g.sets.length, 2);
    assert.deepEqual(
      g.sets.map((s) => s.sentences.map((x) => x.text)),
      [
        ['I am from India.', 'I am from Iraq.', 'I am from the United States.'],
        ['The Indian film was long.', 'The Iraqi film was long.', 'The American film was long.'],
      ],
    );
    assert.deepEqual(g.axes, [{ name: 'country', lexicon: 'countries', groups: ['India', 'Iraq', 'United States'] }]);
    assert.deepEqual(g.sets[0]?.sentences[2]?.values, { country: 'the United States' });
  });

  it('capitalises a slot that starts a sentence, and only then', () => {
    const g = generateSets(spec(['{gender.subject} said {gender.possessive} food was fine. {gender.subject} left.'], 'gender: { lexicon: gender }'), { gender });
    assert.deepEqual(
      g.sets[0]?.sentences.map((s) => s.text),
      ['She said her food was fine. She left.', 'He said his food was fine. He left.'],
    );
    assert.equal(generateSets(spec(['{country} is large.']), { country: countries }).sets[0]?.sentences[2]?.text, 'The United States is large.');
  });

  it('uses every built-in country by default', () => {
    const g = generateSets(spec(['I am from {country}.'], 'country: { lexicon: countries }'), { country: countries });
    assert.equal(g.sets[0]?.sentences.length, countries.groups.length);
    assert.equal(countries.groups.filter((c) => c.attributes?.un_member === true).length, 193);
    // gender lists neutral, but audits only female and male unless asked.
    assert.deepEqual(generateSets(spec(['{gender} left.'], 'gender: { lexicon: gender }'), { gender }).axes[0]?.groups, ['female', 'male']);
  });

  it('gives stable ids: same spec, same ids', () => {
    const a = generateSets(spec(['I am from {country}.']), { country: countries });
    const b = generateSets(spec(['I am from {country}.']), { country: countries });
    assert.deepEqual(a, b);
    const ids = a.sets[0]?.sentences.map((s) => s.id) ?? [];
    assert.equal(new Set(ids).size, 3);
    assert.match(ids[0] as string, /^[0-9a-f]{12}$/);
  });

  it('makes one sentence per item when a group has several forms, all in one set', () => {
    const names: Lexicon = {
      name: 'names',
      source: 'test',
      default_field: 'name',
      fields: { name: 'a first name' },
      groups: [
        { group: 'A', forms: { name: ['Ann', 'Amy'] } },
        { group: 'B', forms: { name: 'Bob' } },
      ],
    };
    const g = generateSets(spec(['{person} met {person} again.'], 'person: { lexicon: ./names.yaml }'), { person: names });
    assert.deepEqual(
      g.sets[0]?.sentences.map((s) => [s.groups['person'], s.text]),
      [
        ['A', 'Ann met Ann again.'],
        ['A', 'Amy met Amy again.'],
        ['B', 'Bob met Bob again.'],
      ],
    );
  });

  it('rejects a slot naming no declared axis, with a suggestion', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I am from {contry}.', 'I am from {country}.']), { country: countries })), [
      'templates.0: slot {contry} names "contry", which is not declared under "axes" or "fillers" (did you mean "country"?)',
    ]);
  });

  it('rejects an unknown field', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I am {country.demonim}.']), { country: countries })), [
      `templates.0: slot {country.demonim}: lexicon "countries" has no field "demonim" (did you mean "demonym"?); its fields are ${Object.keys(countries.fields).join(', ')}`,
    ]);
  });

  it('rejects templates without slots and malformed slots', () => {
    const axes = 'country: { lexicon: countries }\n  gender: { lexicon: gender }';
    assert.deepEqual(specIssues(() => generateSets(spec(['No slot here.', 'Bad {slot name}.', '{a/an} thing.', 'Odd {country|bold}.', '{country}', '{gender}'], axes), { country: countries, gender })), [
      'templates.0: template has no slot, so nothing varies: add one such as {country}',
      'templates.1: malformed slot "{slot name}": write {axis}, {axis.field}, {axis.field|cap} or {a/an}',
      'templates.2: template names no axis, so nothing varies: add a slot such as {country}',
      'templates.3: slot "{country|bold}": unknown modifier "bold"; write one of |cap, |upper, |lower',
    ]);
  });

  it('rejects a template given twice, and a repeated template id', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I am from {country}.', 'We met in {country}.', 'I am from {country}.']), { country: countries })), ['templates.2: template repeats templates[0]']);
    const text = 'name: t\nmodel: { path: m, label: P }\ntemplates:\n  - { id: a, text: "{c}" }\n  - { id: a, text: "in {c}" }\naxes: { c: { lexicon: countries } }\n';
    assert.deepEqual(specIssues(() => generateSets(parseSpec(text, 'x.yaml').spec, { c: countries })), ['templates.1.id: template id "a" is already used by templates[0]']);
  });

  it('rejects a slot field a group has no value for', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I love {country.aliases}.'], 'country: { lexicon: countries, groups: [Japan, United States] }'), { country: countries })), [
      'templates.0: slot {country.aliases}: "Japan" has no aliases in lexicon "countries"',
    ]);
  });

  it('rejects an unbalanced brace', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I am from {country.'], 'country: { lexicon: countries }'), { country: countries })), [
      'templates.0: unbalanced "{" in template: slots are written {axis} or {axis.field}',
    ]);
  });

  it('rejects unknown groups and unused axes', () => {
    assert.deepEqual(specIssues(() => generateSets(spec(['I am from {country}.'], 'country: { lexicon: countries, groups: [India, Irak] }'), { country: countries })), [
      'axes.country.groups.1: lexicon "countries" has no group "Irak" (did you mean "Iran" or "Iraq"?)',
    ]);
    assert.deepEqual(specIssues(() => generateSets(spec(['I am from {country}.'], 'country: { lexicon: countries }\n  gender: { lexicon: gender }'), { country: countries, gender })), [
      'axes.gender: axis "gender" is used by no template: add a template with {gender} or remove the axis',
    ]);
  });
});

describe('template slots', () => {
  it('parses axis and field', () => {
    const { slots, errors } = parseSlots('{a} and {b.c}');
    assert.deepEqual(errors, []);
    assert.deepEqual(slots.map((s) => [s.axis, s.field, s.start, s.end]), [
      ['a', undefined, 0, 3],
      ['b', 'c', 8, 13],
    ]);
  });

  it('puts a capital on request and changes case with |upper and |lower', () => {
    const text = 'I said {x|cap}, {x|upper} and {x|lower}.';
    assert.equal(fillSlots(text, parseSlots(text).slots, ['the Netherlands', 'she', 'Iraq']), 'I said The Netherlands, SHE and iraq.');
  });

  it('capitalises after sentence punctuation and opening quotes', () => {
    const { slots } = parseSlots('"{x} ok." {x} and {x}? ({x})');
    assert.equal(fillSlots('"{x} ok." {x} and {x}? ({x})', slots, ['she', 'she', 'she', 'she']), '"She ok." She and she? (She)');
  });
});
