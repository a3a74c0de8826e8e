// 0016: canned_responses (handoff/canned-responses.ts). The answers agents insert with `/` in the
// console's reply box, kept by trainers and admins: a title, the Korean and the English text, with
// variables such as {citizen_name} and {ticket_id} the console fills in. Stored, not built in,
// so supervisors change them without a release; every change is audited. Seeded with the four
// answers the console used to carry in its code. `down` drops the table.
import { sql, type Kysely } from 'kysely';

const SEED = [
  {
    id: 'canned-checking',
    title: '확인 중 / Checking',
    text_ko: '확인 후 빠르게 다시 안내드리겠습니다. 잠시만 기다려 주세요.',
    text_en: "We're checking and will get back to you shortly.",
  },
  {
    id: 'canned-dm',
    title: 'DM 요청 / Ask for a DM',
    text_ko: '개인정보가 필요한 내용이라 메시지(DM)로 문의해 주시면 안내해 드리겠습니다.',
    text_en: 'This needs personal details, so please send us a direct message and we will help you there.',
  },
  {
    id: 'canned-thanks',
    title: '감사 인사 / Thanks',
    text_ko: '{citizen_name}님 문의해 주셔서 감사합니다. 더 궁금한 점이 있으면 언제든 말씀해 주세요.',
    text_en: 'Thank you for asking, {citizen_name}. Let us know if there is anything else.',
  },
  {
    id: 'canned-110',
    title: '110 안내 / Call 110',
    text_ko: '정부민원안내콜센터 110번으로 전화하시면 자세히 안내받으실 수 있습니다. 문의 번호: {ticket_id}',
    text_en: 'For details, call the government helpline on 110 and quote {ticket_id}.',
  },
];

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('canned_responses')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('text_ko', 'text', (c) => c.notNull())
    .addColumn('text_en', 'text', (c) => c.notNull())
    .addColumn('updated_by', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
    .execute();
  await db
    .insertInto('canned_responses' as never)
    .values(SEED as never)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('canned_responses').ifExists().execute();
}
