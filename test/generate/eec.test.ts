import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import { generateFromSpec } from '../../src/audit/index.ts';
import { loadSpec } from '../../src/spec/index.ts';
import { cli, fixture, tempDir } from '../helpers.ts';

interface Tables {
  templates: { n: number; text: string; words?: 'state' | 'situation' }[];
  noun_phrases: Record<'female' | 'male', string[]>;
  names: Record<string, Record<'female' | 'male', string[]>>;
  emotion_words: Record<'state' | 'situation', Record<string, string[]>>;
}

interface Row {
  text: string;
  gender: string;
  race: string;
  emotion: string;
  template: number;
}

/** EEC's rows from its published tables, built without the generator. */
function expectedRows(t: Tables): Row[] {
  const persons: { subject: string; object: string; gender: 'female' | 'male'; race: string }[] = [];
  for (const gender of ['female', 'male'] as const) {
    for (const np of t.noun_phrases[gender]) {
      const [subject, object] = np.includes('/') ? (np.split('/') as [string, string]) : [np, np];
      persons.push({ subject, object, gender, race: '' });
    }
  }
  for (const [race, byGender] of Object.entries(t.names)) {
    for (const gender of ['female', 'male'] as const) for (const name of byGender[gender]) persons.push({ subject: name, object: name, gender, race });
  }
  const rows: Row[] = [];
  for (const tpl of t.templates) {
    const words = tpl.words ? Object.entries(t.emotion_words[tpl.words]).flatMap(([emotion, ws]) => ws.map((w) => ({ emotion, w }))) : [{ emotion: '', w: '' }];
    for (const p of persons) {
      for (const { emotion, w } of words) {
        let s = tpl.text
          .replace('<person subject>', p.subject)
          .replace('<person object>', p.object)
          .replace('himself/herself', p.gender === 'female' ? 'herself' : 'himself')
          .replace('<emotion word>', w);
        s = s.replace('a/an', /^[aeiou]/.test(w) ? 'an' : 'a');
        s = s.charAt(0).toUpperCase() + s.slice(1);
        rows.push({ text: s, gender: p.gender, race: p.race, emotion, template: tpl.n });
      }
    }
  }
  return rows;
}

const tables = JSON.parse(readFileSync(fixture('eec-tables.json'), 'utf8')) as Tables;

describe('audits/eec.yaml rebuilds the Equity Evaluation Corpus', () => {
  it('writes exactly its 8,640 sentences with gender, race and emotion columns', async () => {
    const out = path.join(tempDir(), 'eec.csv');
    const r = await cli('generate', 'audits/eec.yaml', '--out', out);
    assert.equal(r.code, 0, r.stderr);
    const got = (parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[]).map((x) => `${x.text}|${x.gender}|${x.race}|${x.emotion}`);
    const want = expectedRows(tables).map((x) => `${x.text}|${x.gender}|${x.race}|${x.emotion}`);
    assert.equal(want.length, 8640);
    assert.equal(got.length, 8640);
    assert.deepEqual([...got].sort(), [...want].sort());
    assert.match(r.stderr, /^8640 sentences in 1584 sets\ngender: 8640 sentences, 1584 sets; female 4320, male 4320\nrace: 5760 sentences, 144 sets; African-American 2880, European 2880\n/);
  });

  it('has 1,200 sentences for each of templates 1-7 and 60 for each of 8-11', () => {
    const g = generateFromSpec(loadSpec('audits/eec.yaml'));
    const perTemplate = new Map<number, number>();
    for (const s of g.sets.flatMap((x) => x.sentences)) {
      const n = Number(/^eec(\d+)-/.exec(s.template_id ?? '')?.[1]);
      perTemplate.set(n, (perTemplate.get(n) ?? 0) + 1);
    }
    assert.deepEqual([...perTemplate.entries()].sort((a, b) => a[0] - b[0]), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11].map((n) => [n, n <= 7 ? 1200 : 60]));
  });

  it('gives the paper comparisons: 1,584 for gender (11 per instance), 144 for race', () => {
    const g = generateFromSpec(loadSpec('audits/eec.yaml'));
    const gender = g.sets.filter((s) => s.axes.includes('gender'));
    const race = g.sets.filter((s) => s.axes.includes('race'));
    assert.equal(gender.length, 1584);
    assert.equal(race.length, 144);
    // Noun-phrase sets are one female/male pair; name sets hold the 40 names, 20 per gender and 20 per race.
    const np = gender.filter((s) => !s.axes.includes('race'));
    assert.equal(np.length, 1440);
    assert.ok(np.every((s) => s.sentences.length === 2 && s.sentences[0]?.groups.gender === 'female' && s.sentences[1]?.groups.gender === 'male'));
    for (const s of race) {
      const count = (axis: string, group: string): number => s.sentences.filter((x) => x.groups[axis] === group).length;
      assert.deepEqual([count('gender', 'female'), count('gender', 'male'), count('race', 'African-American'), count('race', 'European')], [20, 20, 20, 20]);
    }
    // One instance per template and emotion word: 7 × 20 + 4.
    const instances = new Set(g.sets.map((s) => `${s.template_id?.slice(0, 5)}|${Object.values(s.fillers ?? {}).join()}`));
    assert.equal(instances.size, 144);
    assert.deepEqual(g.sets.find((s) => s.template_id === 'eec05-np')?.sentences.map((x) => x.text), ['She found herself in an annoying situation.', 'He found himself in an annoying situation.']);
  });
});
