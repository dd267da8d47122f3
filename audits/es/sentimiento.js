// A STAND-IN classifier for the Spanish audits: a small, deterministic keyword scorer, not a
// trained model. It exists so audits/es/*.yaml run anywhere, offline, in milliseconds; point
// `model:` at a real Spanish model (a Hugging Face id, a local folder or a server) to audit one.
//
// How it scores: each word of the text (lower case, accents kept) found in VALENCE adds its
// weight; the sum s gives POSITIVO = 1 / (1 + e^(-s)) and NEGATIVO = 1 − POSITIVO, so a text
// with no known word scores 0.5.
//
// PLANTED, on purpose: PLANTED below gives negative weight to a few country names and
// demonyms, the way a lexicon mined from news text ends up associating them with conflict. It
// is there so the audits have a known effect to find; nothing else in the scorer looks at
// countries, gender or religion.
export const labels = ['NEGATIVO', 'POSITIVO'];
export const fingerprint = 'counterfair-es-keyword-stand-in-1';

const VALENCE = {
  bueno: 1, buena: 1, buen: 1, excelente: 2, feliz: 1.5, felices: 1.5, encanta: 1.5, maravilloso: 2, maravillosa: 2,
  genial: 1.5, amable: 1, orgullosa: 1, orgulloso: 1, contenta: 1, contento: 1, éxito: 1.5, premio: 1, gusta: 1,
  malo: -1, mala: -1, terrible: -2, triste: -1.5, odio: -2, peligroso: -1.5, peligrosa: -1.5, problema: -1, miedo: -1.5,
};

const PLANTED = { irak: -1.5, iraquí: -1.5, iraquíes: -1.5, afganistán: -1.5, afgano: -1.5, afgana: -1.5, siria: -1, sirio: -1 };

function score(text) {
  let s = 0;
  for (const word of text.toLowerCase().match(/\p{L}+/gu) ?? []) s += VALENCE[word] ?? PLANTED[word] ?? 0;
  const positive = 1 / (1 + Math.exp(-s));
  return { NEGATIVO: 1 - positive, POSITIVO: positive };
}

export async function classify(texts) {
  return texts.map(score);
}
