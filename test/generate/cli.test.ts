import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { cli, fixture, tempDir } from '../helpers.ts';

/** Writes an audit (and other files) into a fresh folder; returns the audit's path. */
function audit(body: string, files: Record<string, string> = {}): string {
  const dir = tempDir();
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const file = path.join(dir, 'a.yaml');
  writeFileSync(file, `name: t\nmodel: { path: m, label: POSITIVE }\n${body}`);
  return file;
}

describe('counterfair lexicons', () => {
  it('lists the built-in lexicons with their groups, fields and source', async () => {
    const r = await cli('lexicons');
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      r.stdout.split('\n').filter((l) => /^\S/.test(l)).map((l) => l.split(/\s+fields:/)[0]?.replace(/\s+/g, ' ')),
      ['countries 197 groups', 'gender 3 groups', 'race-names 2 groups', 'religions 6 groups', 'es/countries 197 groups', 'es/gender 2 groups', 'es/religions 6 groups'],
    );
    assert.match(r.stdout, /\n\s+source: English usage, hand-written\n/);
  });

  it('shows one lexicon, built-in or a file, with each field\'s kind', async () => {
    const r = await cli('lexicons', 'show', 'gender');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^gender: English gendered forms/);
    assert.match(r.stdout, /\n {2}object \[swapped in corpora; role standalone\]: Object pronoun/);
    assert.match(r.stdout, /\n {2}np_subject \[paired \(series noun_phrase\)\]: /);
    assert.match(r.stdout, /\n {2}first_name \[first names\]: /);
    assert.match(r.stdout, /\ndefault groups: female, male /);
    const file = await cli('lexicons', 'show', 'audits/eec/names.yaml');
    assert.match(file.stdout, /first_name \[default; by gender; first names\]/);
    const unknown = await cli('lexicons', 'show', 'gendr');
    assert.deepEqual([unknown.code, unknown.stderr], [2, 'no built-in lexicon "gendr" (did you mean "gender"?)\n']);
  });

  it('lint passes on every built-in lexicon and the example audits\' lexicons', async () => {
    const r = await cli('lexicons', 'lint');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stdout,
      'lexicons/countries.json: ok\nlexicons/gender.yaml: ok\nlexicons/race-names.yaml: ok\nlexicons/religions.yaml: ok\n' +
        'lexicons/es/countries.json: ok\nlexicons/es/gender.yaml: ok\nlexicons/es/religions.yaml: ok\n',
    );
    const es = await cli('lexicons', 'lint', 'es/gender');
    assert.deepEqual([es.code, es.stdout], [0, 'lexicons/es/gender.yaml: ok\n']);
    const eec = await cli('lexicons', 'lint', 'audits/eec/names.yaml', 'audits/eec/emotions.yaml');
    assert.equal(eec.code, 0, eec.stderr);
  });

  it('lint fails on a planted bad lexicon, one located line per problem', async () => {
    const bad = fixture('bad-lexicon.yaml');
    const r = await cli('lexicons', 'lint', bad, fixture('unpaired-lexicon.yaml'));
    assert.equal(r.code, 1);
    assert.equal(r.stdout, `${bad}: 7 problems\n${fixture('unpaired-lexicon.yaml')}: 1 problem\n`);
    assert.equal(
      r.stderr,
      [
        `${bad}:9:3: common_words lists "Jack", which is no name here that is a common English word: remove it`,
        `${bad}:13:26: name "Will" in "a" is a common English word: remove it, or list it under common_words with why`,
        `${bad}:13:32: group "a": name lists "Ann" twice`,
        `${bad}:13:52: unpaired forms: np[1] is "this person" in every group, so swapping changes nothing`,
        `${bad}:14:12: group "b" names no source: add source: (where this entry comes from)`,
        `${bad}:15:27: name "Go" in "b" is a common English word: remove it, or list it under common_words with why`,
        `${bad}:15:31: duplicate: name "Ann" is in both "a" and "b"`,
        `${fixture('unpaired-lexicon.yaml')}:13:18: unpaired forms: "b" has 1 np item(s) but a.np has 2; every field of series np needs one item per position in every group`,
        '',
      ].join('\n'),
    );
  });

  it('rejects an unknown action', async () => {
    const r = await cli('lexicons', 'lnt');
    assert.deepEqual([r.code, r.stderr], [2, 'unknown lexicons action "lnt" (did you mean "lint"?); write list, show <name|file> or lint [names|files…]\n']);
  });
});

describe('counterfair generate: bad input is one located line and exit 2', () => {
  it('an invalid lexicon file', async () => {
    const spec = audit('templates: ["{team} won."]\naxes: { team: { lexicon: ./teams.yaml } }\n', { 'teams.yaml': 'name: teams\nsource: x\ndefault_field: name\nfields: { name: n }\ngroups:\n  - { group: a, forms: { name: A } }\n  - { group: b, forms: { nme: B } }\n' });
    const r = await cli('generate', spec);
    assert.equal(r.code, 2);
    const lex = path.relative(process.cwd(), path.join(path.dirname(spec), 'teams.yaml'));
    assert.equal(r.stderr, `${lex}:7:24: group "b" has no "name" form\n${lex}:7:26: field "nme" is not declared under "fields" (did you mean "name"?)\n`);
  });

  it('an unknown slot field', async () => {
    const spec = audit('templates:\n  - "{gender.subjct} left."\naxes: { gender: { lexicon: gender } }\n');
    const r = await cli('generate', spec);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\S+a\.yaml:4:5: slot \{gender\.subjct\}: lexicon "gender" has no field "subjct" \(did you mean "subject"\?\); its fields are subject, object, /);
    assert.equal(r.stderr.trim().split('\n').length, 1);
  });

  it('an unreadable corpus, a missing column, a malformed JSON line', async () => {
    const body = (p: string, column = 'text') => `corpus: { path: ${p}, text: ${column} }\nperturb: [gender]\naxes: { gender: { lexicon: gender } }\n`;
    const missing = audit(body('nowhere.csv'));
    const r = await cli('generate', missing);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /^\S+a\.yaml:3:17: cannot read corpus nowhere\.csv: ENOENT \(looked at \S+nowhere\.csv\)\n$/);
    const column = audit(body('c.csv', 'txt'), { 'c.csv': 'id,text\n1,She left.\n' });
    const c = await cli('generate', column);
    assert.match(c.stderr, /^\S+a\.yaml:3:30: column "txt" is not in c\.csv \(did you mean "text"\?\); its columns are "id", "text"\n$/);
    const jsonl = audit(body('c.jsonl'), { 'c.jsonl': '{"text": "She left."}\n{"text": oops}\n' });
    const j = await cli('generate', jsonl);
    assert.equal(j.code, 2);
    assert.match(j.stderr, /^\S+c\.jsonl:2:1: invalid JSON: .+\n$/);
  });

  it('perturb without a corpus, and a perturbed axis that is not declared', async () => {
    const r = await cli('generate', audit('templates: ["{gender} left."]\nperturb: [gendr]\naxes: { gender: { lexicon: gender } }\n'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /a\.yaml:4:1: perturb needs a corpus: add corpus: \{ path, text \}\n\S+a\.yaml:4:11: perturb names "gendr", which is not declared under "axes" \(did you mean "gender"\?\)\n$/);
  });
});

describe('counterfair generate on a corpus', () => {
  it('perturbs the example reviews and lists the skipped rows', async () => {
    const out = path.join(tempDir(), 'c.jsonl');
    const r = await cli('generate', 'audits/corpus-reviews.yaml', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(
      r.stderr,
      [
        '46 sentences in 11 sets',
        'gender: 10 sentences, 5 sets; female 5, male 5',
        'country: 36 sentences, 6 sets; India 6, Iraq 6, Germany 6, United States 6, Nigeria 6, Brazil 6',
        'corpus data/reviews.csv: 14 rows (numbered from 0 after the header), 11 sets, 4 rows skipped',
        '  skipped row 4: no mention of gender or country',
        '  skipped row 7: gender: mentions several groups (male, female); country: no mention',
        '  skipped row 9: gender: no mention; country: mentions several groups (India, Germany)',
        '  skipped row 11: no mention of gender or country',
        '',
      ].join('\n'),
    );
  });
});

describe('counterfair generate --out FILE.csv', () => {
  it('guards cells a spreadsheet would run as formulas, as sentences.csv does', async () => {
    const spec = audit('corpus: { path: c.csv, text: text }\nperturb: [gender]\naxes: { gender: { lexicon: gender, groups: [female, male] } }\n', {
      'c.csv': 'id,text\n1,"=HYPERLINK(""x"") she said"\n2,-1 for her book\n',
    });
    const out = path.join(tempDir(), 'g.csv');
    const r = await cli('generate', spec, '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const texts = readFileSync(out, 'utf8').trim().split('\n').slice(1).map((line) => line.split(',').slice(5).join(','));
    assert.deepEqual(texts.map((t) => t.slice(0, 3)), ['"\'=', '"\'=', "'-1", "'-1"]);
  });
});

describe('a JSON Lines corpus with text pairs and labels', () => {
  it('perturbs premise and hypothesis together and keeps the gold label', async () => {
    const spec = audit('corpus: { path: nli.jsonl, text: premise, text_pair: hypothesis, label: gold }\nperturb: [gender]\naxes: { gender: { lexicon: gender } }\n', {
      'nli.jsonl': '{"premise": "She loves me.", "hypothesis": "She loves me not.", "gold": "contradiction"}\n\n{"premise": "It rained.", "hypothesis": "The ground is wet.", "gold": "entailment"}\n',
    });
    const r = await cli('generate', spec);
    assert.equal(r.code, 0, r.stderr);
    const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    assert.deepEqual(
      lines.map((l) => [l.corpus_row, l.groups, l.text, l.text_pair, l.original ?? false, l.label]),
      [
        [0, { gender: 'female' }, 'She loves me.', 'She loves me not.', true, 'contradiction'],
        [0, { gender: 'male' }, 'He loves me.', 'He loves me not.', false, 'contradiction'],
      ],
    );
    assert.match(r.stderr, /\n {2}skipped row 1: no mention of gender\n$/);
  });
});
