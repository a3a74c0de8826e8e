// The official addresses and phone numbers each intent may link to: the sources that
// /work/shared/taxonomy.md marks verified (its `unverified` URLs are left out on purpose).
// An https source allows any page on the same host; a tel: source matches on its digits.
import type { IntentId } from './intent-ids';

/** The general helpline, allowed for every intent (taxonomy.md: "General helpline"). */
export const GENERAL_SOURCES: readonly string[] = ['tel:110', 'https://www.110.go.kr', 'https://m.110.go.kr'];

const GOV24 = 'https://www.gov.kr';

export const OFFICIAL_SOURCES: Readonly<Record<IntentId, readonly string[]>> = {
  'cert.family_relation': ['https://efamily.scourt.go.kr', GOV24, 'tel:1899-2732'],
  'cert.resident_registration': [GOV24, 'tel:1588-2188'],
  'cert.seal': [GOV24],
  'residence.move_in': [GOV24],
  'passport.issue': ['https://www.passport.go.kr', GOV24, 'https://www.lost112.go.kr'],
  'traffic.fine': ['https://www.efine.go.kr', GOV24],
  'license.driver_renewal': ['https://www.safedriving.or.kr', 'tel:1577-1120'],
  'toll.holiday_exemption': ['tel:1588-2504'],
  'parking.holiday_market': ['https://www.korea.kr', 'https://www.police.go.kr'],
  'disaster.special_zone_support': ['https://www.safekorea.go.kr'],
  'disaster.report_damage': ['https://www.safekorea.go.kr', GOV24],
  // 122 (Coast Guard) is not in taxonomy.md's checked list; issue 17 asks for it for emergencies
  // at sea, and the catalog link says it must be re-checked live before shipping.
  'emergency.urgent': ['tel:119', 'tel:112', 'tel:109', 'tel:122'],
  'scam.voice_phishing': ['tel:112', 'tel:1332', 'https://www.counterscam112.go.kr', 'tel:118', 'https://www.payinfo.or.kr', 'https://www.msafer.or.kr'],
  'travel.agency_verify': ['https://www.tourinfo.or.kr', 'tel:1372', 'https://ecrm.police.go.kr'],
  'employment.unemployment_benefit': ['https://www.work24.go.kr', 'tel:1350'],
  'welfare.basic_living': ['https://www.bokjiro.go.kr', 'tel:129'],
  'complaint.file': ['https://www.epeople.go.kr'],
  'agency.contact': [GOV24, 'tel:1350'],
  'chat.greeting': [],
  'chat.human': [],
  'chat.abuse': [],
  out_of_scope: [],
};

/** `tel:1899-2732` → `tel:18992732`; an https URL → its origin; anything else → undefined. */
function sourceKey(url: string): string | undefined {
  if (url.startsWith('tel:')) return 'tel:' + url.slice(4).replace(/\D/g, '');
  if (!url.startsWith('https://')) return undefined;
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** The allowed sources for an intent, the general helpline included. */
export function officialSourcesFor(intentId: IntentId): readonly string[] {
  return [...OFFICIAL_SOURCES[intentId], ...GENERAL_SOURCES];
}

/** Whether `url` points at one of the intent's official sources. */
export function isOfficialSource(intentId: IntentId, url: string): boolean {
  const key = sourceKey(url);
  return key !== undefined && officialSourcesFor(intentId).some((source) => sourceKey(source) === key);
}

/** Whether `url` is on the official allow-list at all (any intent's sources or the general helpline). */
export function isOfficialLink(url: string): boolean {
  return (Object.keys(OFFICIAL_SOURCES) as IntentId[]).some((id) => isOfficialSource(id, url));
}
