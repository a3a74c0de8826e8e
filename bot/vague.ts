// Messages too vague to answer: "증명서", "재난", "지원금", "신고하려고요". Each is a broad word
// the catalog lists for several intents (broadTerms) plus filler ("떼고 싶어요", "하려고요").
// Such a message gets a clarifying question offering the intents that list its words. Pure.
import type { Catalog } from './intent-schema';

// Endings and filler that carry no topic. Longest first, so "하려고요" goes before "요".
const FILLER = [
  // "Where do I get one" names no document either: "증명서 뽑는 곳" is as vague as "증명서".
  '어디서떼나요',
  '어디서떼요',
  '어디서뽑아요',
  '떼는곳',
  '뽑는곳',
  '뽑고싶어요',
  '떼고싶어요',
  '하고싶어요',
  '받고싶어요',
  '하려고하는데요',
  '하려고요',
  '하려구요',
  '할게요',
  '하고싶은데',
  '문의드려요',
  '문의요',
  '관련',
  '떼려고요',
  '필요해요',
  '궁금해요',
  '있어요',
  '해요',
  '이요',
  '요',
  'i want to',
  'i need',
  'something',
  'about',
  'please',
];

export function vagueCandidates(text: string, catalog: Catalog): string[] | undefined {
  // Spacing is not to be trusted in Korean ("증명서떼고싶어요"), so it is ignored throughout.
  let rest = squeeze(text);
  const found = new Set<string>();
  // Longest terms first, so "재난 지원" is not read as "재난" plus leftovers.
  const terms = catalog.intents
    .flatMap((intent) => [...(intent.broadTerms?.ko ?? []), ...(intent.broadTerms?.en ?? [])].map((term) => ({ term: squeeze(term), id: intent.id })))
    .sort((a, b) => b.term.length - a.term.length);
  for (const { term } of terms) {
    if (rest.includes(term)) {
      for (const t of terms) if (t.term === term) found.add(t.id);
      rest = rest.split(term).join('');
    }
  }
  if (found.size < 2) return undefined;
  for (const filler of FILLER) rest = rest.split(squeeze(filler)).join('');
  return rest.length === 0 ? [...found] : undefined;
}

function squeeze(s: string): string {
  return s.toLowerCase().replace(/[\s?!.~,'’]+/gu, '');
}
