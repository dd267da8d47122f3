/**
 * Builds the generated built-in lexicons. Today that is lexicons/countries.json, from the npm
 * package world-countries (ODbL-1.0) plus the hand-written corrections and aliases in
 * scripts/lexicons/countries.overrides.json and the World Bank income groups in
 * scripts/lexicons/income-groups.json. (The other lexicons are written by hand.)
 *
 *   npx tsx scripts/build-lexicons.ts           write lexicons/countries.json
 *   npx tsx scripts/build-lexicons.ts --check   exit 1 if the file on disk is not what would be written
 *   npx tsx scripts/build-lexicons.ts --table   also print group / name / demonym for review
 *
 * Deterministic: no dates, no environment in the output; groups sorted by group name with
 * Intl.Collator('en') (ties, which the uniqueness check rules out, by code point).
 * Every rule the data must satisfy is checked; the build fails rather than writes a bad lexicon.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT_FILE = fileURLToPath(new URL('../lexicons/countries.json', import.meta.url));
const OVERRIDES_FILE = fileURLToPath(new URL('./lexicons/countries.overrides.json', import.meta.url));
const INCOME_FILE = fileURLToPath(new URL('./lexicons/income-groups.json', import.meta.url));
const UN_MEMBER_STATES = 193;

// ---- world-countries input -------------------------------------------------------------------

/** The part of a world-countries record this build reads. */
interface WorldCountry {
  name: { common: string; official: string };
  altSpellings?: string[];
  cca2: string;
  cca3: string;
  unMember: boolean;
  region: string;
  subregion?: string;
  demonyms?: { eng?: { m?: string; f?: string } };
}

const require = createRequire(import.meta.url);

function loadWorldCountries(): { version: string; countries: WorldCountry[] } {
  const pkg = JSON.parse(readFileSync(require.resolve('world-countries/package.json'), 'utf8')) as { version: string };
  const data: unknown = JSON.parse(readFileSync(require.resolve('world-countries/dist/countries.json'), 'utf8'));
  if (!Array.isArray(data)) throw new Error('world-countries/dist/countries.json is not an array');
  return { version: pkg.version, countries: data as WorldCountry[] };
}

// ---- overrides input ---------------------------------------------------------------------------

const FORM_FIELDS = ['name', 'short_name', 'demonym', 'iso2', 'iso3', 'region', 'subregion', 'income_group'] as const;
type FormField = (typeof FORM_FIELDS)[number];
const CORRECTABLE = ['group', ...FORM_FIELDS, 'un_member'] as const;
type Correctable = (typeof CORRECTABLE)[number];

interface Correction {
  value: string | boolean;
  why: string;
}

interface Overrides {
  reviewed_against: string;
  include: Record<string, string>;
  definite_article: Record<string, string>;
  corrections: Record<string, Partial<Record<Correctable, Correction>>>;
  aliases: Record<string, string[]>;
}

interface IncomeGroups {
  classification: string;
  groups: Record<string, string[]>;
}

/** ISO alpha-3 → World Bank income group; every code must be in exactly one group. */
function loadIncomeGroups(problems: string[]): { classification: string; byCode: Map<string, string> } {
  const raw = JSON.parse(readFileSync(INCOME_FILE, 'utf8')) as IncomeGroups;
  const byCode = new Map<string, string>();
  for (const [group, codes] of Object.entries(raw.groups)) {
    for (const code of codes) {
      const prev = byCode.get(code);
      if (prev !== undefined) problems.push(`income-groups: ${code} is in both "${prev}" and "${group}"`);
      byCode.set(code, group);
    }
  }
  return { classification: raw.classification, byCode };
}

function loadOverrides(problems: string[]): Overrides {
  const raw = JSON.parse(readFileSync(OVERRIDES_FILE, 'utf8')) as Overrides;
  const oneLine = (where: string, why: unknown): void => {
    if (typeof why !== 'string' || why.trim() === '' || /[\r\n]/.test(why)) problems.push(`${where}: "why" must be one non-empty line`);
  };
  for (const [code, why] of Object.entries(raw.include)) oneLine(`include.${code}`, why);
  for (const [code, why] of Object.entries(raw.definite_article)) oneLine(`definite_article.${code}`, why);
  for (const [code, fields] of Object.entries(raw.corrections)) {
    for (const [field, c] of Object.entries(fields)) {
      const where = `corrections.${code}.${field}`;
      if (!(CORRECTABLE as readonly string[]).includes(field)) problems.push(`${where}: unknown field (one of ${CORRECTABLE.join(', ')})`);
      if (c === undefined) continue;
      oneLine(where, c.why);
      if (field === 'un_member' ? typeof c.value !== 'boolean' : typeof c.value !== 'string' || c.value.trim() === '') {
        problems.push(`${where}: value must be ${field === 'un_member' ? 'a boolean' : 'a non-empty string'}`);
      }
    }
  }
  return raw;
}

// ---- the lexicon ---------------------------------------------------------------------------------

interface Group {
  group: string;
  forms: Record<FormField, string> & { aliases: string[] };
  attributes: { un_member: boolean };
  source: string;
}

/** Field declarations: a doc line, or a doc with how corpus perturbation treats the field. */
const FIELD_DOCS: Record<FormField | 'aliases', string | { doc: string; swap: true | string }> = {
  name: { doc: "The name as written in running text, with 'the' where English requires it: 'I am from {country}.' → 'I am from the Netherlands.'", swap: true },
  short_name: "The name without any article, e.g. 'Netherlands'; equal to the group name",
  demonym: { doc: "Nationality word as used in 'I am {country.demonym}.' (Danish, Icelandic); a noun where English has no separate adjective (New Zealander)", swap: true },
  aliases: { doc: "Other names in running text: 'the' + the official name, and common ones ('the US', 'the UK', 'Holland'); a corpus mention becomes the other country's name", swap: 'name' },
  iso2: 'ISO 3166-1 alpha-2 code (Kosovo: the user-assigned XK)',
  iso3: 'ISO 3166-1 alpha-3 code (Kosovo: the user-assigned XKX)',
  region: 'Continent-level region as world-countries assigns it (Africa, Americas, Asia, Europe, Oceania)',
  subregion: 'Subregion as world-countries assigns it, e.g. Western Africa, South-Eastern Asia',
  income_group: "World Bank income group (FY2025): Low income, Lower middle income, Upper middle income, High income, or Not classified",
};

/** The declared order of fields in the lexicon file. */
const FIELD_ORDER = ['name', 'short_name', 'aliases', 'demonym', 'iso2', 'iso3', 'region', 'subregion', 'income_group'] as const;

function build(wc: { version: string; countries: WorldCountry[] }, ov: Overrides, income: Map<string, string>, problems: string[]): Group[] {
  const byCode = new Map(wc.countries.map((c) => [c.cca3, c]));
  if (ov.reviewed_against !== wc.version) {
    problems.push(
      `world-countries is ${wc.version} but the overrides were reviewed against ${ov.reviewed_against}: ` +
        're-review every entry (--table), update the overrides, then set "reviewed_against"',
    );
  }
  for (const code of Object.keys(ov.include)) {
    const c = byCode.get(code);
    if (!c) problems.push(`include.${code}: no such code in world-countries`);
    else if (c.unMember) problems.push(`include.${code}: world-countries already marks it a UN member; remove the entry`);
  }

  const selected = wc.countries.filter((c) => c.unMember || Object.hasOwn(ov.include, c.cca3));
  const selectedCodes = new Set(selected.map((c) => c.cca3));
  for (const code of [...Object.keys(ov.definite_article), ...Object.keys(ov.corrections)]) {
    if (!selectedCodes.has(code)) problems.push(`${code}: overridden but not in the lexicon (not a UN member and not under "include")`);
  }

  const plain = `world-countries ${wc.version}`;
  const corrected = `world-countries ${wc.version}, corrected (see overrides)`;
  const groups = selected.map((c): Group => {
    const fix = ov.corrections[c.cca3] ?? {};
    const str = (field: Exclude<Correctable, 'un_member'>, original: string): string => {
      const f = fix[field];
      if (f === undefined) return original;
      if (f.value === original) problems.push(`corrections.${c.cca3}.${field}: value equals what it replaces ("${original}"); remove it`);
      return String(f.value);
    };
    const group = str('group', c.name.common);
    const shortName = fix.short_name ? String(fix.short_name.value) : group;
    const derivedName = Object.hasOwn(ov.definite_article, c.cca3) ? `the ${shortName}` : shortName;
    const unMember = fix.un_member ? fix.un_member.value === true : c.unMember;
    if (fix.un_member && fix.un_member.value === c.unMember) {
      problems.push(`corrections.${c.cca3}.un_member: value equals what it replaces; remove it`);
    }
    const name = fix.name ? String(fix.name.value) : derivedName;
    const iso3 = str('iso3', c.cca3);
    // Official names are written with "the" in running text ("the Republic of India"); ones
    // with a comma or brackets are catalogue forms, not how text names the country.
    const official = c.name.official !== shortName && !/[,()]/.test(c.name.official) ? [`the ${c.name.official}`] : [];
    const aliases = [...new Set([...official, ...(ov.aliases[c.cca3] ?? [])])].filter((a) => a !== name && a !== shortName);
    const incomeGroup = income.get(iso3);
    if (incomeGroup === undefined) problems.push(`${group} (${iso3}) has no income group in scripts/lexicons/income-groups.json`);
    return {
      group,
      forms: {
        name,
        short_name: shortName,
        aliases,
        demonym: str('demonym', c.demonyms?.eng?.m ?? ''),
        iso2: str('iso2', c.cca2),
        iso3,
        region: str('region', c.region),
        subregion: str('subregion', c.subregion ?? ''),
        income_group: incomeGroup ?? '',
      },
      attributes: { un_member: unMember },
      source: Object.keys(fix).length > 0 ? corrected : plain,
    };
  });

  const collator = new Intl.Collator('en');
  groups.sort((a, b) => collator.compare(a.group, b.group) || (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
  validate(groups, problems);
  return groups;
}

function validate(groups: Group[], problems: string[]): void {
  const members = groups.filter((g) => g.attributes.un_member).length;
  if (members !== UN_MEMBER_STATES) problems.push(`${members} groups have un_member: true; the UN has ${UN_MEMBER_STATES} member states`);

  const unique = (label: string, key: (g: Group) => string): void => {
    const seen = new Map<string, string>();
    for (const g of groups) {
      const k = key(g).toLowerCase();
      const prev = seen.get(k);
      if (prev !== undefined) problems.push(`duplicate ${label} "${key(g)}" (${prev} and ${g.group})`);
      else seen.set(k, g.group);
    }
  };
  unique('group', (g) => g.group);
  for (const f of ['name', 'short_name', 'iso2', 'iso3'] as const) unique(f, (g) => g.forms[f]);
  // A name or alias of one country must not be a name or alias of another: a corpus mention
  // would not know which country it is.
  const owner = new Map<string, string>();
  for (const g of groups) {
    for (const n of new Set([g.forms.name, g.forms.short_name, ...g.forms.aliases].map((x) => x.toLowerCase()))) {
      const prev = owner.get(n);
      if (prev !== undefined) problems.push(`"${n}" names both ${prev} and ${g.group}`);
      else owner.set(n, g.group);
    }
  }

  for (const g of groups) {
    if (g.group.trim() === '' || g.group !== g.group.trim()) problems.push(`group "${g.group}": empty or padded`);
    for (const f of FORM_FIELDS) {
      const v = g.forms[f];
      if (v.trim() === '' || v !== v.trim() || /\s{2}/.test(v)) problems.push(`${g.group}: ${f} "${v}" is empty or badly spaced`);
    }
    if (!/^[A-Z]{2}$/.test(g.forms.iso2)) problems.push(`${g.group}: iso2 "${g.forms.iso2}" is not two capital letters`);
    if (!/^[A-Z]{3}$/.test(g.forms.iso3)) problems.push(`${g.group}: iso3 "${g.forms.iso3}" is not three capital letters`);
    if (/,|\bor\b|\//.test(g.forms.demonym)) problems.push(`${g.group}: demonym "${g.forms.demonym}" lists several; correct it to one`);
    if (g.forms.demonym === g.forms.short_name) problems.push(`${g.group}: demonym repeats the country name; correct it`);
  }
}

// ---- output --------------------------------------------------------------------------------------

/** JSON on one line with a space after ':' and ',' (the layout of the format's documentation). */
function inline(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(inline).join(', ')}]`;
  if (v !== null && typeof v === 'object') {
    return `{ ${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}: ${inline(x)}`).join(', ')} }`;
  }
  return JSON.stringify(v);
}

/** The lexicon file: header keys one per line, `fields` one per line, each group on one line (diffs stay per country). */
function render(version: string, classification: string, groups: Group[]): string {
  const observers = groups.filter((g) => !g.attributes.un_member).map((g) => g.group);
  const header: Record<string, string> = {
    name: 'countries',
    description:
      `Countries of the world: the ${UN_MEMBER_STATES} UN member states plus ${observers.join(', ')} ` +
      `(${groups.length} groups). attributes.un_member is true for UN member states only. ` +
      'Contains information from world-countries (github.com/mledoze/countries), made available under the ODbL.',
    source: `world-countries ${version} (npm; github.com/mledoze/countries), ODbL-1.0; corrections and aliases in scripts/lexicons/countries.overrides.json; income groups: World Bank ${classification} classification (scripts/lexicons/income-groups.json)`,
    license: 'ODbL-1.0',
    default_field: 'name',
  };
  const lines = ['{'];
  for (const [k, v] of Object.entries(header)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  "fields": {');
  FIELD_ORDER.forEach((f, i) => lines.push(`    ${JSON.stringify(f)}: ${inline(FIELD_DOCS[f])}${i < FIELD_ORDER.length - 1 ? ',' : ''}`));
  lines.push('  },');
  lines.push('  "groups": [');
  groups.forEach((g, i) => lines.push(`    ${inline({ ...g, forms: Object.fromEntries(FIELD_ORDER.map((f) => [f, g.forms[f]])) })}${i < groups.length - 1 ? ',' : ''}`));
  lines.push('  ]');
  lines.push('}');
  return lines.join('\n') + '\n';
}

function printTable(groups: Group[]): void {
  const w = (k: (g: Group) => string): number => Math.max(...groups.map((g) => [...k(g)].length));
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));
  const wg = w((g) => g.group);
  const wn = w((g) => g.forms.name);
  for (const g of groups) {
    const flags = [g.attributes.un_member ? '' : 'non-member', g.source.includes('corrected') ? 'corrected' : ''].filter(Boolean).join(', ');
    console.log(`${pad(g.group, wg)}  ${pad(g.forms.name, wn)}  ${pad(g.forms.demonym, 20)}  ${g.forms.iso2} ${g.forms.iso3}  ${flags}`);
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const unknown = args.filter((a) => a !== '--check' && a !== '--table');
  if (unknown.length > 0) {
    console.error(`unknown argument(s): ${unknown.join(' ')}\nusage: npx tsx scripts/build-lexicons.ts [--check] [--table]`);
    process.exit(2);
  }
  const problems: string[] = [];
  const wc = loadWorldCountries();
  const ov = loadOverrides(problems);
  const income = loadIncomeGroups(problems);
  const groups = build(wc, ov, income.byCode, problems);
  if (problems.length > 0) {
    console.error(`build-lexicons: ${problems.length} problem(s), nothing written:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (args.includes('--table')) printTable(groups);
  const text = render(wc.version, income.classification, groups);
  const rel = relative(ROOT, OUT_FILE);
  const members = groups.filter((g) => g.attributes.un_member).length;
  const summary = `${groups.length} groups (${members} UN members), ${Buffer.byteLength(text)} bytes`;
  if (args.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUT_FILE, 'utf8');
    } catch {
      // missing file: reported as out of date below
    }
    if (current !== text) {
      console.error(`${rel} is out of date: run npx tsx scripts/build-lexicons.ts`);
      process.exit(1);
    }
    console.log(`${rel} is up to date: ${summary}`);
    return;
  }
  mkdirSync(dirname(OUT_FILE), { recursive: true });
  writeFileSync(OUT_FILE, text);
  console.log(`wrote ${rel}: ${summary}`);
}

main();
