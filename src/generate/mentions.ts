/**
 * Finding a lexicon's words in running text, for corpus perturbation. Rules:
 * - whole words only ("Iraq" is not found in "Iraqi"; "Iraq's" is found, and keeps its "'s");
 * - multi-word forms, with any run of spaces between the words ("United States");
 * - the longest form wins where forms overlap ("the United States" over "United States");
 * - a form that begins with "the" is also found without it ("United States citizens"); in Spanish,
 *   one that begins with a lower-case article (el, la, los, las) likewise ("Estados Unidos"), and
 *   one that begins with "el" also inside "del" and "al" ("del Perú");
 * - a form written in lower case is found in any case (she, She, SHE); a form with capitals is
 *   found as written or in all capitals, so "Turkey" is found but "turkey" is not, and "US" is
 *   found but "us" is not.
 */
import { fieldInfo, formsOf } from './fields.js';
import { DEFAULT_LANGUAGE, type Language } from './language.js';
import { SPANISH_ARTICLES, SPANISH_CONTRACTIONS } from './spanish.js';
import type { Lexicon } from './types.js';

/** A Spanish form that begins with a lower-case article ("los Estados Unidos", not "El Salvador"). */
const SPANISH_ARTICLE = new RegExp(`^(?:${SPANISH_ARTICLES.join('|')})\\s+(.+)$`);

/** One way a matched form belongs to the lexicon. */
export interface MentionSense {
  group: string;
  field: string;
  /** Position in the field's list (0 for a single form). */
  index: number;
  /** Found without its leading "the" (Spanish: its leading article). */
  bare: boolean;
  /** Spanish: found contracted with this preposition ("del Perú" for "el Perú": "de"). */
  lead?: string;
}

/** A form found in a text. */
export interface Mention {
  start: number;
  end: number;
  /** The text as found. */
  text: string;
  /** The form as the lexicon writes it (without "the" when found bare). */
  form: string;
  /** Every way the form belongs to the lexicon (several for "her": object and possessive). */
  senses: MentionSense[];
}

/** A compiled finder for one lexicon's swappable forms. */
export interface MentionFinder {
  find(text: string): Mention[];
}

/** Builds a finder over the forms of every field declared `swap` in the lexicon, in its language (English by default). */
export function mentionFinder(lexicon: Lexicon, language: Language = DEFAULT_LANGUAGE): MentionFinder {
  const senses = new Map<string, MentionSense[]>();
  const add = (form: string, sense: MentionSense): void => {
    const key = normalise(form);
    if (key === '') return;
    const list = senses.get(key) ?? [];
    if (!list.some((s) => s.group === sense.group && s.field === sense.field && s.bare === sense.bare && s.lead === sense.lead)) list.push(sense);
    senses.set(key, list);
  };
  const formsByKey = new Map<string, string>();
  for (const field of Object.keys(lexicon.fields)) {
    const info = fieldInfo(lexicon, field);
    if (!info.swap || info.by !== undefined) continue;
    for (const group of lexicon.groups) {
      (formsOf(group, field) ?? []).forEach((form, index) => {
        add(form, { group: group.group, field, index, bare: false });
        formsByKey.set(normalise(form), form);
        const bare = (language === 'es' ? SPANISH_ARTICLE.exec(form) : /^the\s+(.+)$/i.exec(form))?.[1];
        if (bare !== undefined) {
          add(bare, { group: group.group, field, index, bare: true });
          formsByKey.set(normalise(bare), bare);
        }
        if (language !== 'es') return;
        for (const c of SPANISH_CONTRACTIONS) {
          if (!form.startsWith(`${c.article} `)) continue;
          const contracted = `${c.becomes}${form.slice(c.article.length)}`;
          add(contracted, { group: group.group, field, index, bare: false, lead: c.preposition });
          formsByKey.set(normalise(contracted), contracted);
        }
      });
    }
  }
  const forms = [...formsByKey.values()].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  if (forms.length === 0) return { find: () => [] };
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${forms.map(formPattern).join('|')})(?![\\p{L}\\p{N}_])`, 'gu');
  return {
    find(text) {
      return [...text.matchAll(pattern)].map((m) => ({
        start: m.index,
        end: m.index + m[0].length,
        text: m[0],
        form: formsByKey.get(normalise(m[0])) ?? m[0],
        senses: senses.get(normalise(m[0])) ?? [],
      }));
    },
  };
}

/** A form's key: lower case, single spaces, straight apostrophes. */
function normalise(form: string): string {
  return form.trim().replace(/\s+/g, ' ').replace(/’/g, "'").toLowerCase();
}

/** The regex source matching a form as the rules above say. */
function formPattern(form: string): string {
  const words = form.trim().split(/\s+/);
  const flexible = words.map((w) => (w === w.toLowerCase() ? [...w].map(anyCase).join('') : [...w].map(literal).join(''))).join('\\s+');
  const upper = words.map((w) => [...w.toUpperCase()].map(literal).join('')).join('\\s+');
  return flexible === upper ? `(?:${flexible})` : `(?:${flexible}|${upper})`;
}

function anyCase(ch: string): string {
  const lo = ch.toLowerCase();
  const up = ch.toUpperCase();
  if (lo === up) return literal(ch);
  return `[${lo}${up}]`;
}

function literal(ch: string): string {
  if (ch === "'" || ch === '’') return "['’]";
  return ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
