// Civil documents citizens ask for, by their official names, short forms and slang, resolved to
// canonical ids. Spacing-tolerant: "가족 관계 증명서" is 가족관계증명서.
import type { Entity } from '../types';
import { entityAt } from './entity';
import { SpacedDictionary } from './spaced-dictionary';
import { endsWord } from './word-boundary';

const DOCUMENT_NAMES: Readonly<Record<string, readonly string[]>> = {
  family_relation_certificate: ['가족관계증명서', '가족관계증명', '가족증명서', '가증'],
  basic_certificate: ['기본증명서', '기본증명'],
  marriage_relation_certificate: ['혼인관계증명서', '혼인관계증명', '혼인증명서', '혼관증'],
  adoption_relation_certificate: ['입양관계증명서', '친양자입양관계증명서'],
  resident_registration_copy: ['주민등록등본', '주민등본', '등본'],
  resident_registration_abstract: ['주민등록초본', '주민초본', '초본'],
  resident_registration_card: ['주민등록증', '주민증'],
  seal_certificate: ['인감증명서', '인감증명', '인감'],
  signature_confirmation: ['본인서명사실확인서', '본인서명확인서', '서명확인서'],
  passport: ['여권', '전자여권'],
  driver_license: ['운전면허증', '운전면허', '면허증'],
  mobile_id: ['모바일신분증', '모바일주민등록증', '모바일운전면허증'],
  damage_confirmation: ['피해사실확인서', '피해사실확인', '전세사기피해자결정문'],
  property_register: ['등기부등본', '부동산등기부등본', '등기사항전부증명서', '등기부'],
  building_register: ['건축물대장'],
  land_register: ['토지대장', '토지이용계획확인서'],
  health_insurance_eligibility: ['건강보험자격득실확인서', '자격득실확인서', '자격득실'],
  health_insurance_payment: ['건강보험료납부확인서', '보험료납부확인서'],
  income_certificate: ['소득금액증명원', '소득금액증명', '소득증명'],
  tax_payment_certificate: ['납세증명서', '지방세납세증명서', '국세납세증명서'],
  business_registration_certificate: ['사업자등록증명원', '사업자등록증명', '사업자등록증'],
  military_service_certificate: ['병적증명서', '병적증명'],
  disability_certificate: ['장애인증명서', '장애인등록증', '복지카드'],
  basic_livelihood_certificate: ['수급자증명서', '기초생활수급자증명서'],
  single_parent_certificate: ['한부모가족증명서', '한부모증명서'],
  alien_registration_card: ['외국인등록증', '외국인등록사실증명'],
  immigration_record: ['출입국사실증명', '출입국사실증명서', '출입국기록'],
  vaccination_certificate: ['예방접종증명서'],
  employment_insurance_certificate: ['고용보험피보험자격이력내역서', '피보험자격이력'],
};

const DICTIONARY = new SpacedDictionary<string>(Object.entries(DOCUMENT_NAMES).flatMap(([id, names]) => names.map((n) => [n, id] as const)));

// Short names (가증, 등본, 인감…) are also parts of other words (가증스럽다): whole words only.
const SHORT = 2;

export function documentNames(input: string, folded: string): Entity[] {
  return DICTIONARY.findAll(folded, (text, m) => text.slice(m.start, m.end).replace(/\s/g, '').length > SHORT || endsWord(text, m.end)).map((m) =>
    entityAt(input, 'document', m.start, m.end, m.values[0]),
  );
}
