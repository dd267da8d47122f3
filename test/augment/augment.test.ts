import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from 'node:test';
import { augmentCorpus, resolvePlan, type AugmentCorpus, type AugmentOptions, type AugmentResult } from '../../src/augment/index.ts';
import { tempDir } from '../helpers.ts';

/** A CSV-like corpus of texts (column "text") and labels (column "label"). */
function corpus(...rows: [string, string][]): AugmentCorpus {
  const values = rows.map(([text, label], row) => ({ row, values: { text, label } }));
  return { file: 'c.csv', format: 'csv', columns: ['text', 'label'], text: 'text', label: 'label', rows: values };
}

function augment(options: AugmentOptions, ...rows: [string, string][]): AugmentResult {
  return augmentCorpus(corpus(...rows), resolvePlan(options));
}

/** Each output row as [source row, text, label, swaps cell-like text]. */
function table(result: AugmentResult): [number, unknown, unknown, string][] {
  const swaps = (r: AugmentResult['rows'][number]): string =>
    r.swaps.map((s) => `${s.axis} ${s.from}→${s.to}: ${s.words.map((w) => `${w.from}→${w.to}`).join(', ')}`).join('; ');
  return result.rows.map((r) => [r.source_row, r.values['text'], r.values['label'], swaps(r)]);
}

describe('augment two-sided (CDA): every row, then its counterfactual copies, label kept', () => {
  it('swaps pronouns by role, kinship nouns and titles, and keeps possessives and case', () => {
    const r = augment(
      { axes: ['gender'] },
      ['She loved her sister’s film.', 'pos'],
      ['HE SAID HIS DAD WAS THERE.', 'neg'],
      ['The idea was his, not his brother’s.', 'pos'],
      ['Mr. Smith thanked the actor.', 'neg'],
    );
    assert.deepEqual(table(r), [
      [0, 'She loved her sister’s film.', 'pos', ''],
      [0, 'He loved his brother’s film.', 'pos', 'gender female→male: She→He, her→his, sister→brother'],
      [1, 'HE SAID HIS DAD WAS THERE.', 'neg', ''],
      [1, 'SHE SAID HER MOM WAS THERE.', 'neg', 'gender male→female: HE→SHE, HIS→HER, DAD→MOM'],
      [2, 'The idea was his, not his brother’s.', 'pos', ''],
      [2, 'The idea was hers, not her sister’s.', 'pos', 'gender male→female: his→hers, his→her, brother→sister'],
      [3, 'Mr. Smith thanked the actor.', 'neg', ''],
      [3, 'Ms. Smith thanked the actress.', 'neg', 'gender male→female: Mr.→Ms., actor→actress'],
    ]);
  });

  it('swaps multi-word country names with and without their article, possessives and a/an', () => {
    const r = augment(
      { axes: ['country'], groups: { country: ['Iraq', 'United States', 'Germany'] } },
      ["Iraq's food is great; an Iraqi chef cooked it.", '1'],
      ['The United States is big, and United States citizens agree.', '0'],
    );
    assert.deepEqual(table(r), [
      [0, "Iraq's food is great; an Iraqi chef cooked it.", '1', ''],
      [0, "The United States' food is great; an American chef cooked it.", '1', "country Iraq→United States: Iraq's→The United States', Iraqi→American"],
      [0, "Germany's food is great; a German chef cooked it.", '1', 'country Iraq→Germany: Iraq→Germany, an→a, Iraqi→German'],
      [1, 'The United States is big, and United States citizens agree.', '0', ''],
      [1, 'Iraq is big, and Iraq citizens agree.', '0', 'country United States→Iraq: The United States→Iraq, United States→Iraq'],
      [1, 'Germany is big, and Germany citizens agree.', '0', 'country United States→Germany: The United States→Germany, United States→Germany'],
    ]);
    assert.deepEqual(r.axes[0]?.mentioned, { Iraq: 1, 'United States': 1, Germany: 0 });
    assert.deepEqual(r.axes[0]?.written, { Iraq: 1, 'United States': 1, Germany: 2 });
  });

  it('keeps rows it cannot swap safely, with why, and counts them; rows with nothing to swap are kept too', () => {
    const r = augment(
      { axes: ['gender', 'country'], groups: { country: ['Iraq', 'India', 'Dominica', 'Dominican Republic'] } },
      ['She told him the plot.', 'neg'],
      ['Dominican food is great.', 'pos'],
      ['They went home.', 'neg'],
      ['I love Iraq and India.', 'pos'],
    );
    assert.deepEqual(table(r), [
      [0, 'She told him the plot.', 'neg', ''],
      [1, 'Dominican food is great.', 'pos', ''],
      [2, 'They went home.', 'neg', ''],
      [3, 'I love Iraq and India.', 'pos', ''],
    ]);
    assert.deepEqual(
      r.rows.map((x) => x.skipped),
      [
        [{ row: 0, axis: 'gender', reason: 'mentions several groups (female, male)' }],
        [{ row: 1, axis: 'country', reason: '"Dominican" could be Dominica or Dominican Republic' }],
        [],
        [{ row: 3, axis: 'country', reason: 'mentions several groups (Iraq, India)' }],
      ],
    );
    // "They" is the neutral group, not one of female and male: nothing to swap, not unsafe.
    assert.deepEqual(
      r.axes.map((a) => [a.axis, a.unsafe.map((u) => u.row), a.nothing_to_swap]),
      [
        ['gender', [0], 3],
        ['country', [1, 3], 2],
      ],
    );
  });

  it('gives a row that mentions two axes a copy for every combination of their groups', () => {
    const r = augment({ axes: ['gender', 'country'], groups: { country: ['Iraq', 'India'] } }, ['She moved to Iraq.', 'pos']);
    assert.deepEqual(table(r), [
      [0, 'She moved to Iraq.', 'pos', ''],
      [0, 'She moved to India.', 'pos', 'country Iraq→India: Iraq→India'],
      [0, 'He moved to Iraq.', 'pos', 'gender female→male: She→He'],
      [0, 'He moved to India.', 'pos', 'gender female→male: She→He; country Iraq→India: Iraq→India'],
    ]);
  });

  it('--copies draws that many of the other groups per row, seeded', () => {
    const groups = { country: ['Iraq', 'India', 'Germany', 'Brazil', 'Nigeria'] };
    const rows: [string, string][] = [
      ['I flew to Iraq.', '1'],
      ['I flew to India.', '1'],
    ];
    const one = augment({ axes: ['country'], groups, copies: 2, seed: 7 }, ...rows);
    const texts = (r: AugmentResult): unknown[] => r.rows.map((x) => x.values['text']);
    assert.deepEqual(texts(one), ['I flew to Iraq.', 'I flew to Germany.', 'I flew to Brazil.', 'I flew to India.', 'I flew to Iraq.', 'I flew to Nigeria.']);
    assert.deepEqual(augment({ axes: ['country'], groups, copies: 2, seed: 7 }, ...rows).rows, one.rows, 'same seed, same rows');
    assert.notDeepEqual(texts(augment({ axes: ['country'], groups, copies: 2, seed: 8 }, ...rows)), texts(one));
  });

  it('keeps every other column, and swaps a text pair the same way', () => {
    const c: AugmentCorpus = {
      file: 'nli.jsonl',
      format: 'jsonl',
      columns: ['premise', 'hypothesis', 'gold', 'meta'],
      text: 'premise',
      text_pair: 'hypothesis',
      label: 'gold',
      rows: [{ row: 0, values: { premise: 'My sister is a nurse.', hypothesis: 'She works in a hospital.', gold: 2, meta: { id: 'a1' } } }],
    };
    const r = augmentCorpus(c, resolvePlan({ axes: ['gender'] }));
    assert.deepEqual(r.rows.map((x) => x.values), [
      { premise: 'My sister is a nurse.', hypothesis: 'She works in a hospital.', gold: 2, meta: { id: 'a1' } },
      { premise: 'My brother is a nurse.', hypothesis: 'He works in a hospital.', gold: 2, meta: { id: 'a1' } },
    ]);
    assert.deepEqual(r.rows[1]?.swaps[0]?.words, [
      { from: 'sister', to: 'brother' },
      { from: 'She', to: 'He' },
    ]);
  });
});

describe('augment substitute (CDS): one row per row, each swapped with probability 0.5', () => {
  it('swaps the rows its seeded coin picks, and nothing else', () => {
    const texts = ['She sang.', 'He sang.', 'She ran.', 'He ran.', 'She left.', 'He left.', 'The end.'];
    const rows = texts.map((t, i): [string, string] => [t, String(i)]);
    const r = augment({ axes: ['gender'], mode: 'substitute', seed: 1 }, ...rows);
    assert.deepEqual(table(r), [
      [0, 'She sang.', '0', ''],
      [1, 'He sang.', '1', ''],
      [2, 'He ran.', '2', 'gender female→male: She→He'],
      [3, 'He ran.', '3', ''],
      [4, 'He left.', '4', 'gender female→male: She→He'],
      [5, 'He left.', '5', ''],
      [6, 'The end.', '6', ''],
    ]);
    assert.deepEqual(r.axes[0]?.mentioned, { female: 3, male: 3 });
    assert.deepEqual(r.axes[0]?.written, { female: 0, male: 2 });
    assert.equal(r.axes[0]?.nothing_to_swap, 1);
  });

  it('swaps about half the rows that can be swapped: 487 of 1000 at seed 1', () => {
    const rows: [string, string][] = Array.from({ length: 1000 }, (_, i) => [`She said ${i}.`, '1']);
    const r = augment({ axes: ['gender'], mode: 'substitute' }, ...rows);
    assert.equal(r.rows.length, 1000);
    assert.equal(r.rows.filter((x) => x.swaps.length > 0).length, 487);
    assert.ok(r.rows.every((x, i) => x.source_row === i));
  });

  it('a row keeps its draw when other rows change', () => {
    const a = augment({ axes: ['gender'], mode: 'substitute', seed: 3 }, ['She sang.', '0'], ['He ran.', '1']);
    const b = augment({ axes: ['gender'], mode: 'substitute', seed: 3 }, ['Nothing here.', '0'], ['He ran.', '1']);
    assert.deepEqual(a.rows[1], b.rows[1]);
  });
});

describe('augment: the names intervention', () => {
  it('swaps first names with their frequency-matched partner, with the gender words, possessives and case kept', () => {
    const r = augment(
      { axes: ['gender'], names: true },
      ["Jessica said she liked Jessica's film.", 'pos'],
      ['MICHAEL and his dad.', 'neg'],
      ['Taylor met Tyler.', 'pos'],
    );
    assert.deepEqual(table(r), [
      [0, "Jessica said she liked Jessica's film.", 'pos', ''],
      [0, "Michael said he liked Michael's film.", 'pos', 'gender female→male: Jessica→Michael, she→he, Jessica→Michael'],
      [1, 'MICHAEL and his dad.', 'neg', ''],
      [1, 'JESSICA and her mom.', 'neg', 'gender male→female: MICHAEL→JESSICA, his→her, dad→mom'],
      [2, 'Taylor met Tyler.', 'pos', ''],
    ]);
    assert.equal(r.rows[4]?.skipped[0]?.reason, 'mentions several groups (female, male)');
  });

  it('swaps multi-word names of a pairs file as one mention', () => {
    const pairs = path.join(tempDir(), 'pairs.json');
    writeFileSync(pairs, JSON.stringify([['john paul', 'mary ann']]));
    const r = augment({ axes: ['gender'], namePairs: pairs }, ['Mary Ann wrote it; Mary Ann’s sister agreed.', 'pos']);
    assert.deepEqual(table(r)[1], [
      0,
      'John Paul wrote it; John Paul’s brother agreed.',
      'pos',
      'gender female→male: Mary Ann→John Paul, Mary Ann→John Paul, sister→brother',
    ]);
  });

  it('leaves names alone without the intervention', () => {
    const r = augment({ axes: ['gender'] }, ['Jessica said she was late.', 'neg']);
    assert.equal(r.rows[1]?.values['text'], 'Jessica said he was late.');
  });
});

describe('augment: lower-cased corpora', () => {
  it('finds capitalised forms in any case, writes swaps in lower case, and leaves out forms that are common words', () => {
    const r = augment(
      { axes: ['gender', 'country'], groups: { country: ['Iraq', 'United States', 'Türkiye'] }, lowerCase: true, names: true },
      ['she loved the film about iraq .', '1'],
      ['the us remake of jessica \'s film was a turkey .', '0'],
      ['mr. smith was born in the united states .', '1'],
    );
    assert.deepEqual(table(r), [
      [0, 'she loved the film about iraq .', '1', ''],
      [0, 'she loved the film about the united states .', '1', 'country Iraq→United States: iraq→the united states'],
      [0, 'she loved the film about türkiye .', '1', 'country Iraq→Türkiye: iraq→türkiye'],
      [0, 'he loved the film about iraq .', '1', 'gender female→male: she→he'],
      [0, 'he loved the film about the united states .', '1', 'gender female→male: she→he; country Iraq→United States: iraq→the united states'],
      [0, 'he loved the film about türkiye .', '1', 'gender female→male: she→he; country Iraq→Türkiye: iraq→türkiye'],
      [1, "the us remake of jessica 's film was a turkey .", '0', ''],
      [1, "the us remake of michael 's film was a turkey .", '0', 'gender female→male: jessica→michael'],
      [2, 'mr. smith was born in the united states .', '1', ''],
      [2, 'mr. smith was born in iraq .', '1', 'country United States→Iraq: the united states→iraq'],
      [2, 'mr. smith was born in türkiye .', '1', 'country United States→Türkiye: the united states→türkiye'],
      [2, 'ms. smith was born in the united states .', '1', 'gender male→female: mr.→ms.'],
      [2, 'ms. smith was born in iraq .', '1', 'gender male→female: mr.→ms.; country United States→Iraq: the united states→iraq'],
      [2, 'ms. smith was born in türkiye .', '1', 'gender male→female: mr.→ms.; country United States→Türkiye: the united states→türkiye'],
    ]);
    assert.deepEqual(r.left_out_forms['country'], ['china', 'french', 'guinea', 'polish', 'states', 'the states', 'the us', 'turkey', 'us']);
    assert.deepEqual(r.left_out_forms['gender'], ['miss']);
  });

  it('without --lower-case, a lower-cased country is not found', () => {
    const r = augment({ axes: ['country'], groups: { country: ['Iraq', 'India'] } }, ['i loved iraq .', '1']);
    assert.equal(r.rows.length, 1);
    assert.equal(r.axes[0]?.nothing_to_swap, 1);
  });
});

describe('augment: a Spanish corpus (--language es)', () => {
  it('swaps with agreement, names paired by rank included, records every word that changed, and keeps rows it cannot swap', () => {
    const r = augment(
      { axes: ['gender', 'country'], groups: { country: ['Mexico', 'Iraq'] }, language: 'es' },
      ['La ingeniera mexicana llegó ayer.', 'pos'],
      ['María no es alta.', 'neg'],
      ['La ingeniera pelirroja ganó.', 'pos'],
    );
    assert.deepEqual(table(r), [
      [0, 'La ingeniera mexicana llegó ayer.', 'pos', ''],
      [0, 'La ingeniera iraquí llegó ayer.', 'pos', 'country Mexico→Iraq: mexicana→iraquí'],
      [0, 'El ingeniero mexicano llegó ayer.', 'pos', 'gender female→male: La→El, ingeniera→ingeniero, mexicana→mexicano'],
      [0, 'El ingeniero iraquí llegó ayer.', 'pos', 'gender female→male: La→El, ingeniera→ingeniero, mexicana→mexicano; country Mexico→Iraq: mexicano→iraquí'],
      [1, 'María no es alta.', 'neg', ''],
      [1, 'Antonio no es alto.', 'neg', 'gender female→male: María→Antonio, alta→alto'],
      [2, 'La ingeniera pelirroja ganó.', 'pos', ''],
    ]);
    assert.match(r.rows[6]?.skipped[0]?.reason ?? '', /^"pelirroja" after "ingeniera" may agree with the swapped word/);
  });

  it('English-only options are located errors in Spanish', () => {
    const id = (id: string) => (e: Error & { problems?: { id?: string }[] }) => e.problems?.[0]?.id === id;
    assert.throws(() => resolvePlan({ axes: ['gender'], language: 'es', names: true }), id('augment.names-language'));
    assert.throws(() => resolvePlan({ axes: ['gender'], language: 'es', lowerCase: true }), id('augment.lower-case-language'));
    assert.throws(() => resolvePlan({ axes: ['gender'], language: 'fr' }), id('augment.unknown-language'));
  });
});
