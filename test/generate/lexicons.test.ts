import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { CounterfairError, SpecIssueError } from '../../src/shared/errors.ts';
import { builtinLexiconFile, builtinLexiconNames, loadAxisLexicons, loadBuiltinLexicon, readLexiconFile } from '../../src/generate/index.ts';
import { parseSpec } from '../../src/spec/index.ts';
import { tempDir } from '../helpers.ts';

describe('built-in lexicons', () => {
  it('are listed by name', () => {
    assert.deepEqual(builtinLexiconNames(), ['countries', 'gender', 'race-names', 'religions']);
    assert.deepEqual(builtinLexiconNames('es'), ['countries', 'gender', 'religions']);
  });

  it('countries: every UN member state with name and demonym, no duplicates', () => {
    const c = loadBuiltinLexicon('countries');
    assert.equal(c.default_field, 'name');
    assert.equal(c.groups.filter((g) => g.attributes?.un_member === true).length, 193);
    // Demonyms may repeat (both Congos are "Congolese"); names and codes may not.
    for (const field of ['name', 'short_name', 'iso2', 'iso3']) {
      const values = c.groups.map((g) => g.forms[field]);
      assert.equal(new Set(values).size, values.length, `${field} values are unique`);
    }
    const iraq = c.groups.find((g) => g.group === 'Iraq');
    assert.deepEqual([iraq?.forms.name, iraq?.forms.demonym, iraq?.forms.iso3], ['Iraq', 'Iraqi', 'IRQ']);
  });

  it('countries: aliases, income groups, and fields swapped in corpora', () => {
    const c = loadBuiltinLexicon('countries');
    const us = c.groups.find((g) => g.group === 'United States');
    assert.deepEqual(us?.forms.aliases, ['the United States of America', 'the US', 'the USA', 'the U.S.', 'the U.S.A.', 'the States', 'America']);
    assert.deepEqual(['United States', 'India', 'Iraq', 'Afghanistan', 'Venezuela'].map((n) => c.groups.find((g) => g.group === n)?.forms.income_group), ['High income', 'Lower middle income', 'Upper middle income', 'Low income', 'Not classified']);
    const incomes = c.groups.map((g) => g.forms.income_group as string);
    assert.deepEqual(['Low income', 'Lower middle income', 'Upper middle income', 'High income', 'Not classified'].map((i) => incomes.filter((x) => x === i).length), [26, 51, 54, 64, 2]);
    assert.deepEqual(c.fields.aliases, { doc: c.fields.aliases && typeof c.fields.aliases === 'object' ? c.fields.aliases.doc : '', swap: 'name' });
  });

  it('gender: female, male and an optional neutral group with the same fields, pronouns in every case', () => {
    const g = loadBuiltinLexicon('gender');
    assert.deepEqual(g.groups.map((x) => x.group), ['female', 'male', 'neutral']);
    assert.deepEqual(g.default_groups, ['female', 'male']);
    const [f, m] = g.groups;
    assert.deepEqual(Object.keys(f?.forms ?? {}), Object.keys(m?.forms ?? {}));
    assert.deepEqual(
      ['subject', 'object', 'possessive', 'possessive_pronoun', 'reflexive'].map((k) => [f?.forms[k], m?.forms[k]]),
      [['she', 'he'], ['her', 'him'], ['her', 'his'], ['hers', 'his'], ['herself', 'himself']],
    );
  });
});

describe('lexicon files', () => {
  function lexiconError(text: string): string {
    const file = path.join(tempDir(), 'lex.yaml');
    writeFileSync(file, text);
    try {
      readLexiconFile(file, 'lex.yaml');
    } catch (err) {
      assert.ok(err instanceof CounterfairError, String(err));
      assert.equal(err.code, 'lexicon');
      return err.message;
    }
    assert.fail('expected the lexicon to be rejected');
  }

  const HEAD = 'name: teams\nsource: test\ndefault_field: name\nfields: { name: team name, city: home city }\ngroups:\n';

  it('reads a built-in JSON lexicon as the YAML path does, and still locates its problems', () => {
    const file = builtinLexiconFile('countries') as string;
    assert.deepEqual(readLexiconFile(file, 'countries.json', { builtin: true }), readLexiconFile(file, 'countries.json'));
    const bad = path.join(tempDir(), 'lex.json');
    const groups = [
      { group: 'a', forms: { name: 'A', city: 'X' } },
      { group: 'b', forms: { name: 'B' } },
    ];
    writeFileSync(bad, JSON.stringify({ name: 'teams', source: 'test', default_field: 'name', fields: { name: 'team name', city: 'home city' }, groups }, null, 2));
    const messages = [{ builtin: true }, {}].map((options) => {
      try {
        readLexiconFile(bad, 'lex.json', options);
      } catch (err) {
        return String((err as Error).message);
      }
      return 'accepted';
    });
    assert.equal(messages[0], 'lex.json:19:16: group "b" has no "city" form');
    assert.equal(messages[0], messages[1]);
  });

  it('rejects a group missing a field, with its line', () => {
    assert.equal(lexiconError(`${HEAD}  - { group: a, forms: { name: A, city: X } }\n  - { group: b, forms: { name: B } }\n`), 'lex.yaml:7:24: group "b" has no "city" form');
  });

  it('rejects an undeclared field and a duplicate group', () => {
    assert.equal(
      lexiconError(`${HEAD}  - { group: a, forms: { name: A, city: X } }\n  - { group: a, forms: { name: B, city: Y, cty: Z } }\n`),
      'lex.yaml:7:14: group "a" is already defined by groups[0]\nlex.yaml:7:44: field "cty" is not declared under "fields" (did you mean "city"?)',
    );
  });

  it('rejects an empty form', () => {
    assert.equal(lexiconError(`${HEAD}  - { group: a, forms: { name: "", city: X } }\n  - { group: b, forms: { name: B, city: Y } }\n`), 'lex.yaml:6:32: "name" must not be empty');
  });

  it('rejects a default field that does not exist, and a lexicon of one group', () => {
    assert.equal(
      lexiconError(HEAD.replace('default_field: name', 'default_field: nme') + '  - { group: a, forms: { name: A, city: X } }\n  - { group: b, forms: { name: B, city: Y } }\n'),
      'lex.yaml:3:16: default_field "nme" is not one of the fields (did you mean "name"?)',
    );
    assert.equal(lexiconError(`${HEAD}  - { group: a, forms: { name: A, city: X } }\n`), 'lex.yaml:6:3: "groups" needs at least 2 items');
  });

  it('an axis naming an unknown lexicon or a missing file is a spec problem', () => {
    const spec = parseSpec('name: t\nmodel: { path: m, label: P }\ntemplates: ["{a} {b}"]\naxes:\n  a: { lexicon: contries }\n  b: { lexicon: ./nowhere.yaml }\n', 'x.yaml').spec;
    assert.throws(
      () => loadAxisLexicons(spec, tempDir()),
      (err: unknown) =>
        err instanceof SpecIssueError &&
        err.issues[0]?.message === 'unknown lexicon "contries" (did you mean "countries"?); built-in lexicons are countries, gender, race-names, religions, or give a path to a YAML/JSON file' &&
        /^lexicon file \.\/nowhere\.yaml not found/.test(err.issues[1]?.message ?? ''),
    );
  });
});
