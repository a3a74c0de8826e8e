// Where the question is in a longer message. Citizens often set the scene first ("이사 가면 …",
// "통행료 면제 기간에 … 찍혔는데") and ask last; taxonomy.md rule 6 labels the final request.
// And some ask two things at once ("등본이랑 가족관계증명서 둘 다"). Pure string rules.

// Korean connective endings that close a scene-setting clause, and English clause breaks.
const CLAUSE_BREAK = /(?:는데|은데|인데|던데|ㄴ데|길래|으면|하면|가면|되면|이면|니까|면서|라며|해서|어서|아서)\s+|[,;]\s*|[.!?]+\s+|\s+(?:but|so|because)\s+/gu;

/** The last clause of a message, or undefined when the message is one clause. */
export function lastClause(text: string): string | undefined {
  let end = -1;
  for (const m of text.trim().matchAll(CLAUSE_BREAK)) end = m.index + m[0].length;
  if (end <= 0) return undefined;
  const rest = text.trim().slice(end).trim();
  return rest.length >= 3 ? rest : undefined;
}

// What joins two requests: a noun "and" (이랑, 랑, 및, and), "그리고", "also", a sentence break,
// or a verb "하고" after a question word ("어디서 하고", "어떻게 하고").
const JOIN =
  /\s*(?:(?<=[가-힣])이랑\s+|(?<=[가-힣])랑\s+|\s및\s|그리고\s*|,?\s*and\s+(?:also\s+)?|\s*also,?\s+|[?!.]+\s+|(?<=(?:어디서|어떻게|어디|뭐|떼야|해야))\s*하고\s+)/giu;
// A part that only names a thing (no request in it) still counts when another part carries the
// request for both ("등본이랑 가족관계증명서 둘 다 필요해요").
const BOTH = /둘\s*다|both|모두\s*필요/iu;

/** The requests of a message asking more than one thing, or [] for a single request. */
export function requestParts(text: string): string[] {
  const parts = text
    .split(JOIN)
    .map((p) => p.trim())
    .filter((p) => p.length >= 2);
  if (parts.length < 2) return [];
  if (!BOTH.test(text) && parts.filter(isRequest).length < 2) return [];
  return parts;
}

const REQUEST = /어떻게|어디|방법|하는\s*법|조회|신청|필요|떼|발급|알려|궁금|되나요|돼요|하나요|있어요|뭐가|언제|\?|how|where|what|when|need|can i/iu;

function isRequest(part: string): boolean {
  return REQUEST.test(part);
}

/** Two or more sentences: the "long message" of the disagreement check. */
export function sentenceCount(text: string): number {
  return text.split(/[.!?\n]+|(?<=요)\s+/u).filter((s) => s.trim().length >= 4).length;
}
