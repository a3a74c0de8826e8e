// A synthetic disaster day from a seed, shared by bench/surge-replay.ts and the surge end-to-end
// test: background questions drawn from the catalog's FAQ examples, a burst of one topic the
// catalog has never seen (an underpass closed by flooding) written in many variants — places,
// regions, typos, spacing, Korean and English, every channel — and danger messages riding inside
// the burst. Pure: the same seed gives the same day.
import type { Catalog } from '../bot/intent-schema';
import { seededRandom, type Random } from '../core/random';

export type DayChannel = 'web' | 'x' | 'facebook' | 'kakao';
export const DAY_CHANNELS: readonly DayChannel[] = ['web', 'x', 'facebook', 'kakao'];

export interface DayMessage {
  readonly kind: 'background' | 'burst' | 'danger';
  readonly text: string;
  readonly channel: DayChannel;
  /** For background messages: the intent the text was written for. */
  readonly intent?: string;
  /** For burst messages: the language the variant was written in. */
  readonly language?: 'ko' | 'en';
}

type Rng = Random;

const pick = <T>(rng: Rng, items: readonly T[]): T => items[Math.floor(rng() * items.length)]!;

const PLACES = ['궁평', '오송', '세곡', '가양', '신월', '청담', '봉천', '연신내', '상도', '미호'];
const REGIONS = ['청주시', '서울 강남구', '서울 관악구', '세종시', '수원시', '인천 서구', '대전 유성구', '광주 북구'];
const BURST_KO = [
  '{p} 지하차도 침수돼서 통제됐다는데 언제 풀려요?',
  '{r} {p} 지하차도 지금 지나갈 수 있어요? 물 찼다던데',
  '{p}지하차도 통제 언제까지예요',
  '지하차도 침수 통제 {p} 우회도로 알려주세요',
  '{p} 지하차도 막혔나요 출근 어떻게 해요 ㅠㅠ',
  '{r} 지하차도 침수 통제 구간 어디예요',
  '{p} 지하차도 물 빠졌어요? 통제 해제됐나요',
  '비 때문에 {p} 지하차도 통제중이라는데 사실인가요',
  '{p} 지하차도 침수 차량 통제 언제 풀리나요??',
  '{r}에 침수된 지하차도 통행 가능한가요',
];
const BURST_EN = [
  'is the {p} underpass closed because of the flooding?',
  '{p} underpass flooded, when will it reopen',
  'which underpasses in {r} are closed due to flooding',
];
const DANGER = [
  '{p} 지하차도에 차가 갇혔어요 물이 계속 차올라요 살려주세요',
  '지하차도 안에 사람이 갇혔어요 물이 가슴까지 찼어요 빨리요',
  'help my car is stuck in the {p} underpass and the water is rising',
];

/** A typo a hurried thumb makes: a dropped, doubled or swapped character, or lost spaces. */
function typo(rng: Rng, text: string): string {
  const r = rng();
  if (r < 0.25) return text.replace(/ /g, '');
  if (text.length < 6) return text;
  const i = 1 + Math.floor(rng() * (text.length - 2));
  if (r < 0.45) return text.slice(0, i) + text.slice(i + 1);
  if (r < 0.6) return text.slice(0, i) + text[i] + text.slice(i);
  if (r < 0.75) return text.slice(0, i - 1) + text[i] + text[i - 1] + text.slice(i + 1);
  return text;
}

const fill = (rng: Rng, template: string) => template.replace('{p}', pick(rng, PLACES)).replace('{r}', pick(rng, REGIONS));

/** @param englishShare the share of variants written in English (they cluster apart from the Korean ones). */
export function burstVariant(rng: Rng, englishShare = 0.1): DayMessage {
  const language = rng() < englishShare ? 'en' : 'ko';
  const template = pick(rng, language === 'en' ? BURST_EN : BURST_KO);
  return { kind: 'burst', text: typo(rng, fill(rng, template)), channel: pick(rng, DAY_CHANNELS), language };
}

export function dangerMessage(rng: Rng): DayMessage {
  return { kind: 'danger', text: fill(rng, pick(rng, DANGER)), channel: pick(rng, DAY_CHANNELS) };
}

/** A question the catalog answers: one of an FAQ intent's own examples, sometimes with a typo. */
export function backgroundMessage(rng: Rng, catalog: Catalog): DayMessage {
  const faqs = catalog.intents.filter((i) => i.policy === 'faq' && i.examples.ko.length > 0);
  const intent = pick(rng, faqs);
  const text = rng() < 0.85 || intent.examples.en.length === 0 ? pick(rng, intent.examples.ko) : pick(rng, intent.examples.en);
  return { kind: 'background', text: rng() < 0.2 ? typo(rng, text) : text, channel: pick(rng, DAY_CHANNELS), intent: intent.id };
}

export interface DayPlan {
  /** Background messages per minute, all day. */
  readonly baseRatePerMin: number;
  /** Minutes of the day before the burst starts. */
  readonly burstStartMin: number;
  readonly burstMinutes: number;
  readonly burstRatePerMin: number;
  /** Danger messages inside the burst, spread evenly. */
  readonly dangerCount: number;
  readonly totalMinutes: number;
}

export interface TimedMessage extends DayMessage {
  /** Seconds since the day's start. */
  readonly atSec: number;
}

/** The whole day, ordered by time. */
export function syntheticDay(seed: number, catalog: Catalog, plan: DayPlan): TimedMessage[] {
  const rng = seededRandom(seed);
  const out: TimedMessage[] = [];
  for (let m = 0; m < plan.totalMinutes; m++) {
    for (let i = 0; i < plan.baseRatePerMin; i++) out.push({ ...backgroundMessage(rng, catalog), atSec: m * 60 + rng() * 60 });
  }
  const start = plan.burstStartMin * 60;
  const burstTotal = plan.burstMinutes * plan.burstRatePerMin;
  for (let i = 0; i < burstTotal; i++) out.push({ ...burstVariant(rng), atSec: start + (i / burstTotal) * plan.burstMinutes * 60 });
  for (let i = 0; i < plan.dangerCount; i++) {
    out.push({ ...dangerMessage(rng), atSec: start + ((i + 0.5) / plan.dangerCount) * plan.burstMinutes * 60 });
  }
  return out.sort((a, b) => a.atSec - b.atSec);
}
