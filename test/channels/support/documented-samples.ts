// One delivery per documented event type, shaped as each platform's reference shows it (ids are
// ours). Meta: developers.facebook.com/documentation/business-messaging/messenger-platform/
// webhooks/webhook-events/{messages,message-reads,message-deliveries,message-echoes,
// message-reactions,standby}; X: the Account Activity API's event samples and its Message Create
// Object; Kakao: the Open Builder SkillPayload (channels.md §3.1). Note what the docs leave out:
// a delivery has no `timestamp`, a standby event may carry neither timestamp nor mid.
import { PAGE_ID, X_ACCOUNT } from './payloads';
import { PAYLOAD_PREFIX } from '../../../channels/facebook/parse';

export const PSID = '7000000000000001';
const who = { sender: { id: PSID }, recipient: { id: PAGE_ID } };

/** Messenger's thumbs-up sticker id. */
export const LIKE_STICKER_ID = 369239263222822;

export const MESSENGER = {
  text: { ...who, timestamp: 1741051425000, message: { mid: 'm_text_1', text: '운전면허 갱신 기간이 궁금합니다' } },
  quickReply: {
    ...who,
    timestamp: 1741051426000,
    message: { mid: 'm_qr_1', text: '여권', quick_reply: { payload: `${PAYLOAD_PREFIX}여권 재발급은 어디서 하나요?` } },
  },
  postback: {
    ...who,
    timestamp: 1741051427000,
    postback: { title: '가족관계증명서', payload: `${PAYLOAD_PREFIX}가족관계증명서 어디서 떼요`, mid: 'm_postback_1' },
  },
  read: { ...who, timestamp: 1458668856463, read: { watermark: 1458668856253 } },
  delivery: { ...who, delivery: { mids: ['mid.1458668856218:ed81099e15d3f4f233'], watermark: 1458668856253 } },
  echo: {
    sender: { id: PAGE_ID },
    recipient: { id: PSID },
    timestamp: 1457764197627,
    message: {
      is_echo: true,
      app_id: 1517776481860111,
      metadata: 'case=H-1',
      mid: 'mid.1457764197618:41d102a3e1ae206a38',
      text: '안내드린 내용을 확인해 주세요.',
    },
  },
  reaction: {
    ...who,
    timestamp: 1458668856463,
    reaction: { reaction: 'love', emoji: '\u{2764}\u{FE0F}', action: 'react', mid: 'm_reacted_to' },
  },
  image: {
    ...who,
    timestamp: 1518479195308,
    message: {
      mid: 'm_image_1',
      attachments: [{ type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t1.15752-9/flood-damage.jpg?oh=1&oe=2' } }],
    },
  },
  /** During Meta's transition a sticker comes both as `image` (with sticker_id) and as `sticker`. */
  sticker: {
    sender: { id: '7000000000000003' }, // another citizen: the image's thread is with an agent now
    recipient: { id: PAGE_ID },
    timestamp: 1518479196308,
    message: {
      mid: 'm_sticker_1',
      sticker_id: LIKE_STICKER_ID,
      attachments: [
        { type: 'image', payload: { url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/like.png', sticker_id: LIKE_STICKER_ID } },
        { type: 'sticker', payload: { url: 'https://scontent.xx.fbcdn.net/v/t39.1997-6/like.png', sticker_id: LIKE_STICKER_ID } },
      ],
    },
  },
  /** A standby event: "any message-related properties", here without timestamp. */
  standby: { ...who, message: { mid: 'm_standby_1', text: '상담원님 아까 말씀하신 서류요' } },
} as const;

/** One Page delivery: events in `messaging[]`, or a standby event in `standby[]`. */
export function pageDelivery(event: object, where: 'messaging' | 'standby' = 'messaging') {
  return { object: 'page', entry: [{ id: PAGE_ID, time: 1741051425123, [where]: [event] }] };
}

const citizen = { id: '42424242', id_str: '42424242', name: '김민수', screen_name: 'citizen_kim' };
const helpline = { id: X_ACCOUNT, id_str: X_ACCOUNT, name: '정부민원안내', screen_name: 'gov_helpline' };

export const X = {
  dm: {
    for_user_id: X_ACCOUNT,
    direct_message_events: [
      {
        type: 'message_create',
        id: '1897000000000000101',
        created_timestamp: '1741051425000',
        message_create: {
          target: { recipient_id: X_ACCOUNT },
          sender_id: '42424242',
          message_data: { text: '주민등록등본 발급 방법 알려주세요', entities: { hashtags: [], symbols: [], urls: [], user_mentions: [] } },
        },
      },
    ],
    users: { '42424242': citizen, [X_ACCOUNT]: helpline },
  },
  mention: {
    for_user_id: X_ACCOUNT,
    user_has_blocked: false,
    tweet_create_events: [
      {
        created_at: 'Tue Mar 04 01:23:45 +0000 2025',
        // eslint-disable-next-line no-loss-of-precision -- X's wire format: ids pass 2^53, id_str is exact
        id: 1897000000000000001,
        id_str: '1897000000000000001',
        text: '@gov_helpline 여권 재발급은 어디서 하나요?',
        truncated: false,
        lang: 'ko',
        in_reply_to_status_id_str: null,
        in_reply_to_user_id_str: X_ACCOUNT,
        user: citizen,
        entities: { user_mentions: [{ id_str: X_ACCOUNT, screen_name: 'gov_helpline' }] },
      },
    ],
  },
  favorite: {
    for_user_id: X_ACCOUNT,
    favorite_events: [
      {
        id: 'a7ba59eab0bfcba386f7acedac279542',
        created_at: 'Tue Mar 04 01:30:00 +0000 2025',
        timestamp_ms: 1741051800000,
        favorited_status: { id_str: '1897000000000000009', text: '여권 재발급 안내입니다.', user: helpline },
        user: citizen,
      },
    ],
  },
  follow: {
    for_user_id: X_ACCOUNT,
    follow_events: [{ type: 'follow', created_timestamp: '1741051800000', target: helpline, source: citizen }],
  },
  /** A DM whose only content is a photo: X puts the photo's t.co link in the text. */
  photoDm: {
    for_user_id: X_ACCOUNT,
    direct_message_events: [
      {
        type: 'message_create',
        id: '1897000000000000102',
        created_timestamp: '1741051426000',
        message_create: {
          target: { recipient_id: X_ACCOUNT },
          sender_id: '42424242',
          message_data: {
            text: 'https://t.co/AbCd123',
            entities: { hashtags: [], symbols: [], urls: [], user_mentions: [] },
            attachment: {
              type: 'media',
              media: {
                id_str: '1897000000000000500',
                type: 'photo',
                url: 'https://t.co/AbCd123',
                media_url_https: 'https://ton.twitter.com/1.1/ton/data/dm/1897000000000000102/1897000000000000500/flood.jpg',
                expanded_url: 'https://twitter.com/messages/media/1897000000000000102',
              },
            },
          },
        },
      },
    ],
    users: { '42424242': citizen, [X_ACCOUNT]: helpline },
  },
} as const;
