/**
 * Builds the generated built-in lexicons: lexicons/countries.json, from the npm package
 * world-countries (ODbL-1.0) plus the hand-written corrections and aliases in
 * scripts/lexicons/countries.overrides.json and the World Bank income groups in
 * scripts/lexicons/income-groups.json; and its Spanish twin lexicons/es/countries.json, from
 * world-countries' Spanish names plus the names, articles, demonyms and aliases of
 * scripts/lexicons/countries.es.json. (The other lexicons are written by hand.)
 *
 *   npx tsx scripts/build-lexicons.ts           write both files
 *   npx tsx scripts/build-lexicons.ts --check   exit 1 if a file on disk is not what would be written
 *   npx tsx scripts/build-lexicons.ts --table   also print group / name / demonym for review (both languages)
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
const ES_OUT_FILE = fileURLToPath(new URL('../lexicons/es/countries.json', import.meta.url));
const ES_FILE = fileURLToPath(new URL('./lexicons/countries.es.json', import.meta.url));
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
  translations?: { spa?: { common: string; official: string } };
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

// ---- the Spanish lexicon ------------------------------------------------------------------------

interface SpanishData {
  reviewed_against: string;
  names: Record<string, Correction>;
  articles: Record<string, { article: 'el' | 'la' | 'los' | 'las'; use: 'optional' | 'obligatory' | 'part of the name' }>;
  demonyms: Record<string, [string, string]>;
  demonym_sources: Record<string, string>;
  plurals: Record<string, [string, string]>;
  aliases: Record<string, string[]>;
}

interface SpanishGroup {
  group: string;
  forms: {
    name: string;
    short_name: string;
    definite: string;
    aliases: string[];
    demonym: { female: string; male: string };
    demonym_plural: { female: string; male: string };
    masculine: string;
    feminine: string;
    masculine_plural: string;
    feminine_plural: string;
    iso2: string;
    iso3: string;
  };
  attributes: { un_member: boolean; article: string; article_use: string; contracts: boolean };
  source: string;
}

const SPANISH_FIELDS: Record<keyof SpanishGroup['forms'], string | Record<string, string | boolean>> = {
  name: { doc: "The name as written in running text, with its article only where Spanish requires one (el Reino Unido, El Salvador): 'Soy de {country}.' → 'Soy de India.'", swap: true },
  short_name: "The name without a lower-case article: 'Reino Unido', 'India', 'El Salvador'",
  definite: { doc: "The name with the article Spanish may give it (la India, el Perú, los Estados Unidos, el Reino Unido); the name alone where it takes none (México). 'de el' and 'a el' contract: 'Soy de {country.definite}.' → 'Soy del Perú.'", swap: true },
  aliases: { doc: "Other names running text uses (Holanda, EE. UU., Birmania's Myanmar); a corpus mention becomes the other country's name", swap: 'name' },
  demonym: { doc: "Demonym agreeing with the gender axis, singular: '{gender.subject|cap} es {country.demonym}.' → 'Ella es mexicana.' / 'Él es mexicano.'", by: 'gender' },
  demonym_plural: { doc: "Demonym agreeing with the gender axis, plural: 'Ellas son mexicanas.' / 'Ellos son mexicanos.'", by: 'gender' },
  masculine: { doc: "Masculine singular demonym, for a masculine noun: 'un gobierno {country.masculine}'", swap: true, role: 'masculine' },
  feminine: { doc: "Feminine singular demonym, for a feminine noun: 'la comida {country.feminine}'", swap: true, role: 'feminine' },
  masculine_plural: { doc: "Masculine plural demonym: 'los vinos {country.masculine_plural}'", swap: true, role: 'masculine' },
  feminine_plural: { doc: "Feminine plural demonym: 'las playas {country.feminine_plural}'", swap: true, role: 'feminine' },
  iso2: 'ISO 3166-1 alpha-2 code (Kosovo: the user-assigned XK)',
  iso3: 'ISO 3166-1 alpha-3 code (Kosovo: the user-assigned XKX)',
};

/** A Spanish plural by the regular rules (Nueva gramática §3.2); the data lists exceptions. */
export function spanishPlural(word: string): string {
  const plain: Record<string, string> = { á: 'a', é: 'e', í: 'i', ó: 'o', ú: 'u' };
  if (/[íú]$/.test(word)) return `${word}es`;
  if (/[aeiouáéó]$/.test(word)) return `${word}s`;
  const m = /([áéíóú])([ns])$/.exec(word);
  if (m) return `${word.slice(0, -2)}${plain[m[1] as string]}${m[2]}es`;
  if (word.endsWith('z')) return `${word.slice(0, -1)}ces`;
  return `${word}es`;
}

function buildSpanish(wc: { version: string; countries: WorldCountry[] }, english: Group[], problems: string[]): SpanishGroup[] {
  const data = JSON.parse(readFileSync(ES_FILE, 'utf8')) as SpanishData;
  if (data.reviewed_against !== wc.version) problems.push(`countries.es.json was reviewed against world-countries ${data.reviewed_against}, not ${wc.version}: re-review it`);
  const byCode = new Map(wc.countries.map((c) => [c.cca3 === 'UNK' ? 'XKX' : c.cca3, c]));
  const codes = new Set(english.map((g) => g.forms.iso3));
  for (const part of ['names', 'articles', 'demonyms', 'demonym_sources', 'plurals', 'aliases'] as const) {
    for (const code of Object.keys(data[part])) if (!codes.has(code)) problems.push(`countries.es.json ${part}.${code}: not a code of the lexicon`);
  }
  for (const [code, c] of Object.entries(data.names)) {
    if (byCode.get(code)?.translations?.spa?.common === c.value) problems.push(`countries.es.json names.${code}: equals world-countries' name; remove it`);
  }
  const plain = `world-countries ${wc.version} (name)`;
  const out = english.map((g): SpanishGroup => {
    const code = g.forms.iso3;
    const c = byCode.get(code);
    const short = data.names[code] ? String(data.names[code].value) : (c?.translations?.spa?.common ?? '');
    if (short === '') problems.push(`${g.group}: no Spanish name`);
    const art = data.articles[code];
    const name = art?.use === 'obligatory' ? `${art.article} ${short}` : short;
    const definite = art && art.use !== 'part of the name' ? `${art.article} ${short}` : name;
    const [masculine, feminine] = data.demonyms[code] ?? ['', ''];
    if (masculine === '' || feminine === '') problems.push(`${g.group}: no Spanish demonym in countries.es.json`);
    const [mp, fp] = data.plurals[code] ?? [spanishPlural(masculine), spanishPlural(feminine)];
    const sources = [
      data.names[code] ? `${plain}, corrected (see scripts/lexicons/countries.es.json)` : plain,
      `demonyms: ${data.demonym_sources[code] ?? 'RAE/ASALE, Ortografía de la lengua española (2010), apéndice 5'}`,
      ...(art && art.use !== 'part of the name' ? [`article: RAE/ASALE, Diccionario panhispánico de dudas (2005), s.v. artículo (${art.use})`] : []),
    ];
    return {
      group: g.group,
      forms: {
        name,
        short_name: short,
        definite,
        aliases: (data.aliases[code] ?? []).filter((a) => a !== name && a !== short),
        demonym: { female: feminine, male: masculine },
        demonym_plural: { female: fp, male: mp },
        masculine,
        feminine,
        masculine_plural: mp,
        feminine_plural: fp,
        iso2: g.forms.iso2,
        iso3: code,
      },
      attributes: { un_member: g.attributes.un_member, article: art?.article ?? 'none', article_use: art?.use ?? 'none', contracts: art?.article === 'el' && art.use !== 'part of the name' },
      source: sources.join('; '),
    };
  });
  const owner = new Map<string, string>();
  for (const g of out) {
    for (const n of new Set([g.forms.name, g.forms.short_name, g.forms.definite, ...g.forms.aliases].map((x) => x.toLowerCase()))) {
      const prev = owner.get(n);
      if (prev !== undefined && prev !== g.group) problems.push(`Spanish "${n}" names both ${prev} and ${g.group}`);
      else owner.set(n, g.group);
    }
    for (const [f, v] of Object.entries(g.forms)) {
      for (const x of typeof v === 'string' ? [v] : Array.isArray(v) ? v : Object.values(v)) {
        if (x.trim() === '' || x !== x.trim() || /\s{2}/.test(x)) problems.push(`${g.group}: Spanish ${f} "${x}" is empty or badly spaced`);
      }
    }
  }
  return out;
}

function renderSpanish(version: string, groups: SpanishGroup[]): string {
  const header: Record<string, string> = {
    name: 'countries',
    language: 'es',
    description:
      `Countries of the world in Spanish: the same ${groups.length} groups as the English countries lexicon (group names are shared, so results line up), ` +
      'with Spanish names, the article each takes, and demonyms in both genders and numbers. ' +
      'Contains information from world-countries (github.com/mledoze/countries), made available under the ODbL.',
    source:
      `names: world-countries ${version} (npm; github.com/mledoze/countries), translations.spa, ODbL-1.0, corrected in scripts/lexicons/countries.es.json after RAE/ASALE, ` +
      'Ortografía de la lengua española (2010), apéndice 5, and Fundéu; demonyms: the same appendix (exceptions named per group); articles: RAE/ASALE, Diccionario panhispánico de dudas (2005), s.v. artículo',
    license: 'ODbL-1.0',
    default_field: 'name',
  };
  const lines = ['{'];
  for (const [k, v] of Object.entries(header)) lines.push(`  ${JSON.stringify(k)}: ${JSON.stringify(v)},`);
  lines.push('  "fields": {');
  const fields = Object.keys(SPANISH_FIELDS) as (keyof SpanishGroup['forms'])[];
  fields.forEach((f, i) => lines.push(`    ${JSON.stringify(f)}: ${inline(SPANISH_FIELDS[f])}${i < fields.length - 1 ? ',' : ''}`));
  lines.push('  },');
  lines.push('  "groups": [');
  groups.forEach((g, i) => lines.push(`    ${inline(g)}${i < groups.length - 1 ? ',' : ''}`));
  lines.push('  ]');
  lines.push('}');
  return lines.join('\n') + '\n';
}

function printSpanishTable(groups: SpanishGroup[]): void {
  const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - [...s].length));
  for (const g of groups) {
    console.log(`${pad(g.group, 34)}  ${pad(g.forms.definite, 34)}  ${g.forms.masculine} / ${g.forms.feminine} / ${g.forms.masculine_plural} / ${g.forms.feminine_plural}`);
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
  const es = buildSpanish(wc, groups, problems);
  if (problems.length > 0) {
    console.error(`build-lexicons: ${problems.length} problem(s), nothing written:\n  ${problems.join('\n  ')}`);
    process.exit(1);
  }
  if (args.includes('--table')) {
    printTable(groups);
    printSpanishTable(es);
  }
  const members = groups.filter((g) => g.attributes.un_member).length;
  const outputs = [
    { file: OUT_FILE, text: render(wc.version, income.classification, groups) },
    { file: ES_OUT_FILE, text: renderSpanish(wc.version, es) },
  ];
  let stale = false;
  for (const { file, text } of outputs) {
    const rel = relative(ROOT, file);
    const summary = `${groups.length} groups (${members} UN members), ${Buffer.byteLength(text)} bytes`;
    if (args.includes('--check')) {
      let current = '';
      try {
        current = readFileSync(file, 'utf8');
      } catch {
        // missing file: reported as out of date below
      }
      if (current !== text) {
        console.error(`${rel} is out of date: run npx tsx scripts/build-lexicons.ts`);
        stale = true;
      } else console.log(`${rel} is up to date: ${summary}`);
      continue;
    }
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    console.log(`wrote ${rel}: ${summary}`);
  }
  if (stale) process.exit(1);
}

main();
