/**
 * Whole-word BERT-style tokenizer: the JavaScript reference implementation used
 * for training, and writers for the matching Hugging Face `tokenizer.json` and
 * `tokenizer_config.json`.
 *
 * The written tokenizer is: `BertNormalizer` (clean text, CJK spacing,
 * lowercase, strip accents) → `BertPreTokenizer` (split on whitespace and on
 * every punctuation character) → `WordPiece` over a vocabulary of whole words
 * only (no `##` pieces, so a word is either in the vocabulary or `[UNK]`) →
 * `TemplateProcessing` adding `[CLS] … [SEP]`.
 *
 * {@link wordTokens} reproduces the normalisation and pre-tokenisation of
 * `@huggingface/tokenizers` (the implementation transformers.js uses) step for
 * step, so that bag-of-words training sees exactly the tokens the model sees at
 * inference time; the model build verifies this against `AutoTokenizer`.
 *
 * @module
 */

/** Special tokens, in id order: `[PAD]` = 0, `[UNK]` = 1, `[CLS]` = 2, `[SEP]` = 3, `[MASK]` = 4. */
export const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** A special token string. */
export type SpecialToken = (typeof SPECIAL_TOKENS)[number];

/** Ids of the special tokens (their index in {@link SPECIAL_TOKENS}). */
export const SPECIAL_IDS: Readonly<Record<'pad' | 'unk' | 'cls' | 'sep' | 'mask', number>> = Object.freeze({
  pad: 0,
  unk: 1,
  cls: 2,
  sep: 3,
  mask: 4,
});

/** Words longer than this many code points become `[UNK]` (WordPiece `max_input_chars_per_word`). */
export const MAX_INPUT_CHARS_PER_WORD = 100;

/** Maximum sequence length declared in `tokenizer_config.json` (inputs are truncated to it). */
export const MODEL_MAX_LENGTH = 512;

// Same character class as BertPreTokenizer in @huggingface/tokenizers: Unicode
// punctuation plus every ASCII symbol (which BERT counts as punctuation).
const PUNCTUATION = '\\p{P}\\u0021-\\u002F\\u003A-\\u0040\\u005B-\\u0060\\u007B-\\u007E';
const PRE_TOKEN_PATTERN = new RegExp(`[^\\s${PUNCTUATION}]+|[${PUNCTUATION}]`, 'gu');

function isChineseChar(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0x20000 && cp <= 0x2a6df) ||
    (cp >= 0x2a700 && cp <= 0x2b73f) ||
    (cp >= 0x2b740 && cp <= 0x2b81f) ||
    (cp >= 0x2b820 && cp <= 0x2ceaf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x2f800 && cp <= 0x2fa1f)
  );
}

function isControl(char: string): boolean {
  if (char === '\t' || char === '\n' || char === '\r') return false;
  return /^\p{Cc}|\p{Cf}|\p{Co}|\p{Cs}$/u.test(char);
}

/**
 * `BertNormalizer` with `clean_text`, `handle_chinese_chars`, `lowercase` and
 * `strip_accents` all on, exactly as @huggingface/tokenizers applies it: drop
 * NUL, U+FFFD and control characters, map whitespace to a space, pad CJK
 * ideographs with spaces, lowercase, NFD and remove nonspacing marks.
 */
export function normalizeText(text: string): string {
  // clean_text
  let cleaned = '';
  for (const char of text) {
    const cp = char.charCodeAt(0);
    if (cp === 0 || cp === 0xfffd || isControl(char)) continue;
    cleaned += /^\s$/.test(char) ? ' ' : char;
  }
  // handle_chinese_chars (per UTF-16 code unit, like the reference)
  let spaced = '';
  for (let i = 0; i < cleaned.length; i++) {
    const char = cleaned[i] as string;
    spaced += isChineseChar(char.charCodeAt(0)) ? ` ${char} ` : char;
  }
  // lowercase + strip_accents
  return spaced.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '');
}

/** `BertPreTokenizer`: runs of non-space, non-punctuation characters, and each punctuation character alone. */
export function preTokenize(normalized: string): string[] {
  return normalized.trim().match(PRE_TOKEN_PATTERN) ?? [];
}

/** Splits raw text around literal occurrences of special tokens (longest match, left to right). */
function splitOnSpecialTokens(text: string): string[] {
  const out: string[] = [];
  let start = 0;
  let i = 0;
  while (i < text.length) {
    let match: string | undefined;
    if (text[i] === '[') {
      for (const special of SPECIAL_TOKENS) {
        if (text.startsWith(special, i) && (match === undefined || special.length > match.length)) match = special;
      }
    }
    if (match === undefined) {
      i++;
      continue;
    }
    if (i > start) out.push(text.slice(start, i));
    out.push(match);
    i += match.length;
    start = i;
  }
  if (start < text.length) out.push(text.slice(start));
  return out;
}

const SPECIAL_SET: ReadonlySet<string> = new Set(SPECIAL_TOKENS);

/**
 * The word tokens of `text` (no `[CLS]`/`[SEP]`): special-token literals such
 * as `[MASK]` typed in the text are kept as themselves (they are added tokens
 * that bypass normalisation), everything else goes through
 * {@link normalizeText} and {@link preTokenize}.
 *
 * This is the single tokenisation function shared by training and inference
 * checks.
 */
export function wordTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const section of splitOnSpecialTokens(text)) {
    if (SPECIAL_SET.has(section)) {
      tokens.push(section);
      continue;
    }
    const normalized = normalizeText(section);
    if (normalized.length === 0) continue;
    tokens.push(...preTokenize(normalized));
  }
  return tokens;
}

/** Whether `word` can be a vocabulary entry that WordPiece will ever emit. */
export function isUsableWord(word: string): boolean {
  return [...word].length <= MAX_INPUT_CHARS_PER_WORD && wordTokens(word).length === 1 && wordTokens(word)[0] === word;
}

/** A vocabulary: special tokens first (ids 0–4), then words; id = index. */
export class Vocabulary {
  /** Tokens in id order. */
  readonly tokens: readonly string[];
  private readonly ids: ReadonlyMap<string, number>;

  /**
   * @param words Non-special words, in the id order wanted (ids start at 5).
   * @throws Error on duplicates or on words WordPiece could never produce.
   */
  constructor(words: readonly string[]) {
    const tokens = [...SPECIAL_TOKENS, ...words];
    const ids = new Map<string, number>();
    tokens.forEach((t, i) => {
      if (ids.has(t)) throw new Error(`duplicate vocabulary entry "${t}"`);
      if (i >= SPECIAL_TOKENS.length && !isUsableWord(t)) {
        throw new Error(`vocabulary entry "${t}" is not a single normalised word token`);
      }
      ids.set(t, i);
    });
    this.tokens = tokens;
    this.ids = ids;
  }

  /** Number of tokens including the special tokens. */
  get size(): number {
    return this.tokens.length;
  }

  /** Id of `token`, or `[UNK]`'s id when it is not in the vocabulary. */
  idOf(token: string): number {
    const id = this.ids.get(token);
    if (id === undefined || [...token].length > MAX_INPUT_CHARS_PER_WORD) return SPECIAL_IDS.unk;
    return id;
  }

  /** Whether `token` is in the vocabulary. */
  has(token: string): boolean {
    return this.ids.has(token);
  }

  /** Word-token ids of `text`, without `[CLS]`/`[SEP]`. */
  wordIds(text: string): number[] {
    return wordTokens(text).map((t) => this.idOf(t));
  }

  /**
   * Model input ids of `text` as transformers.js produces them: `[CLS]`, word
   * ids, `[SEP]`, then cut to {@link MODEL_MAX_LENGTH} ids (transformers.js
   * truncates by cutting the end, so an over-long input loses its `[SEP]`).
   */
  encode(text: string): number[] {
    return [SPECIAL_IDS.cls, ...this.wordIds(text), SPECIAL_IDS.sep].slice(0, MODEL_MAX_LENGTH);
  }
}

function addedTokens(): object[] {
  return SPECIAL_TOKENS.map((content, id) => ({
    id,
    content,
    single_word: false,
    lstrip: false,
    rstrip: false,
    normalized: false,
    special: true,
  }));
}

/** The Hugging Face `tokenizer.json` object for `vocab`. */
export function tokenizerJson(vocab: Vocabulary): object {
  const vocabObject: Record<string, number> = {};
  vocab.tokens.forEach((t, i) => {
    vocabObject[t] = i;
  });
  const special = (token: SpecialToken, id: number): object => ({ id: token, ids: [id], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: addedTokens(),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: true,
      strip_accents: true,
      lowercase: true,
    },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
      ],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: {
        '[CLS]': special('[CLS]', SPECIAL_IDS.cls),
        '[SEP]': special('[SEP]', SPECIAL_IDS.sep),
      },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: '[UNK]',
      continuing_subword_prefix: '##',
      max_input_chars_per_word: MAX_INPUT_CHARS_PER_WORD,
      vocab: vocabObject,
    },
  };
}

/** The `tokenizer_config.json` object (BertTokenizer, lower-casing, 512 tokens). */
export function tokenizerConfigJson(): object {
  const decoder: Record<string, object> = {};
  for (const t of addedTokens() as { id: number }[]) {
    const { id, ...rest } = t as { id: number } & Record<string, unknown>;
    decoder[String(id)] = rest;
  }
  return {
    tokenizer_class: 'BertTokenizer',
    do_lower_case: true,
    strip_accents: null,
    tokenize_chinese_chars: true,
    do_basic_tokenize: true,
    never_split: null,
    model_max_length: MODEL_MAX_LENGTH,
    padding_side: 'right',
    truncation_side: 'right',
    clean_up_tokenization_spaces: true,
    pad_token: '[PAD]',
    unk_token: '[UNK]',
    cls_token: '[CLS]',
    sep_token: '[SEP]',
    mask_token: '[MASK]',
    added_tokens_decoder: decoder,
  };
}
