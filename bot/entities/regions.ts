// Places in Korean text: 시·도 (서울, 경기도…) and 시·군·구 (강남구, 수원, 성남 분당구…) resolved to
// { sido, sigungu }. "부산 중구" resolves both; a bare 중구 (in five cities) lists its candidates.
import type { Entity } from '../types';
import { entityAt } from './entity';
import { DISTRICT_ALIASES, SIDO, STEMS_NOT_USED } from './region-data';
import { SpacedDictionary } from './spaced-dictionary';
import { endsWord, startsWord } from './word-boundary';

export interface Place {
  readonly sido: string;
  readonly sigungu: string | null;
}

export interface RegionValue {
  /** null when the name exists in several 시·도 and the text does not say which. */
  readonly sido: string | null;
  readonly sigungu: string | null;
  readonly candidates?: readonly Place[];
}

interface RegionTerm {
  readonly place: Place;
  /** A stem, short form or 2-letter name that must stand as a whole word. */
  readonly wholeWord: boolean;
}

interface District {
  readonly sigungu: string;
  /** Ways to write it: full name first, then the stem (without 시/군/구) when usable. */
  readonly names: readonly string[];
}

function namesOf(full: string): string[] {
  const stem = full.slice(0, -1);
  return stem.length >= 2 && !STEMS_NOT_USED.has(stem) ? [full, stem] : [full];
}

/** "수원시(장안구 권선구) 의정부시" → 수원시, 수원시 장안구, 수원시 권선구, 의정부시. */
function districtsOf(spec: string): District[] {
  const out: District[] = [];
  for (const m of spec.matchAll(/(\S+?)(?:\(([^)]*)\))?(?=\s|$)/g)) {
    const city = m[1] ?? '';
    out.push({ sigungu: city, names: namesOf(city) });
    for (const gu of (m[2] ?? '').split(/\s+/).filter(Boolean)) {
      const guNames = namesOf(gu);
      // "성남시 분당구", "성남 분당구", "성남 분당" and "분당구" alone.
      const prefixed = namesOf(city).flatMap((c) => guNames.map((g) => c + g));
      out.push({ sigungu: `${city} ${gu}`, names: [...guNames, ...prefixed] });
    }
  }
  return out;
}

function* regionTerms(): Generator<readonly [string, RegionTerm]> {
  const isStem = (name: string, full: string) => name !== full || name.length <= 2;
  for (const sido of SIDO) {
    const sidoPlace: Place = { sido: sido.name, sigungu: null };
    yield [sido.name, { place: sidoPlace, wholeWord: false }];
    for (const s of sido.short) yield [s, { place: sidoPlace, wholeWord: s.length <= 2 }];
    const sidoNames = [sido.name, ...sido.short, ...(sido.weakShort ?? [])];
    for (const d of districtsOf(sido.districts)) {
      const place: Place = { sido: sido.name, sigungu: d.sigungu };
      const full = d.names[0] ?? '';
      for (const name of d.names) {
        const wholeWord = isStem(name, full) && !name.endsWith('구') && !name.endsWith('시') && !name.endsWith('군');
        yield [name, { place, wholeWord: wholeWord || name.length <= 2 }];
        // With the 시·도 in front ("부산 중구", "경기 수원") the name is unambiguous.
        for (const s of sidoNames) yield [s + name, { place, wholeWord }];
      }
    }
  }
  for (const [alias, sigungu] of Object.entries(DISTRICT_ALIASES)) {
    const sido = SIDO.find((s) => districtsOf(s.districts).some((d) => d.sigungu === sigungu));
    if (sido) yield [alias, { place: { sido: sido.name, sigungu }, wholeWord: true }];
  }
}

let dictionary: SpacedDictionary<RegionTerm> | undefined;
const regionDictionary = () => (dictionary ??= new SpacedDictionary(regionTerms()));

function resolve(terms: readonly RegionTerm[]): RegionValue {
  const seen = new Map<string, Place>();
  for (const t of terms) seen.set(`${t.place.sido}|${t.place.sigungu ?? ''}`, t.place);
  const places = [...seen.values()];
  const only = places[0];
  if (places.length === 1 && only) return { sido: only.sido, sigungu: only.sigungu };
  const sigungu = places.find((p) => p.sigungu !== null)?.sigungu ?? null;
  return { sido: null, sigungu, candidates: places };
}

export function regionNames(input: string, folded: string): Entity[] {
  return regionDictionary()
    .findAll(folded, (text, m) => {
      const wholeWord = m.values.every((v) => v.wholeWord);
      if (!wholeWord) return true;
      const short = text.slice(m.start, m.end).replace(/\s/g, '').length <= 2;
      return endsWord(text, m.end) && (!short || startsWord(text, m.start));
    })
    .map((m) => entityAt(input, 'region', m.start, m.end, resolve(m.values)));
}
