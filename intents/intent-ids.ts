// The 22 intent ids fixed by /work/shared/taxonomy.md. The catalog may hold no others, and a
// complete catalog holds every one (see assertCompleteCatalog in ./loader).
export const INTENT_IDS = [
  'cert.family_relation',
  'cert.resident_registration',
  'cert.seal',
  'residence.move_in',
  'passport.issue',
  'traffic.fine',
  'license.driver_renewal',
  'toll.holiday_exemption',
  'parking.holiday_market',
  'disaster.special_zone_support',
  'disaster.report_damage',
  'emergency.urgent',
  'scam.voice_phishing',
  'travel.agency_verify',
  'employment.unemployment_benefit',
  'welfare.basic_living',
  'complaint.file',
  'agency.contact',
  'chat.greeting',
  'chat.human',
  'chat.abuse',
  'out_of_scope',
] as const;

export type IntentId = (typeof INTENT_IDS)[number];

const KNOWN: ReadonlySet<string> = new Set(INTENT_IDS);

export function isIntentId(id: string): id is IntentId {
  return KNOWN.has(id);
}
