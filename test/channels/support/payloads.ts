// Typed sample deliveries for the channel tests, taken from channels.md (ours, not captured).
import type { OutboundReply } from '../../../pipeline/channel';

export const X_ACCOUNT = '1500000000000000001';
export const X_SECRET = 'test_consumer_secret';
export const META_SECRET = 'test_app_secret';
export const PAGE_ID = '104000000000001';
export const KAKAO_SECRET = 'kakao-skill-secret';
export const KAKAO_BOT = '64ab12';

export function xMention(id = '1897000000000000001', overrides: Record<string, unknown> = {}) {
  return {
    created_at: 'Tue Mar 04 01:23:45 +0000 2025',
    // eslint-disable-next-line no-loss-of-precision -- X's wire format: ids pass 2^53, id_str is exact
    id: 1897000000000000001,
    id_str: id,
    text: '@gov_helpline 여권 재발급은 어디서 하나요?',
    truncated: false,
    lang: 'ko',
    in_reply_to_status_id_str: null,
    in_reply_to_user_id_str: X_ACCOUNT,
    user: { id_str: '42424242', screen_name: 'citizen_kim', name: '김민수' },
    entities: { user_mentions: [{ id_str: X_ACCOUNT, screen_name: 'gov_helpline' }] },
    ...overrides,
  };
}

export function xDm(id = '1897000000000000101', senderId = '42424242', text = '주민등록등본 발급 방법 알려주세요') {
  return {
    type: 'message_create',
    id,
    created_timestamp: '1741051425000',
    message_create: { target: { recipient_id: X_ACCOUNT }, sender_id: senderId, message_data: { text, entities: { urls: [] } } },
  };
}

export function xActivity(events: { tweets?: unknown[]; dms?: unknown[] }) {
  return {
    for_user_id: X_ACCOUNT,
    user_has_blocked: false,
    ...(events.tweets ? { tweet_create_events: events.tweets } : {}),
    ...(events.dms
      ? {
          direct_message_events: events.dms,
          users: {
            '42424242': { id: '42424242', name: '김민수', screen_name: 'citizen_kim' },
            [X_ACCOUNT]: { id: X_ACCOUNT, name: '정부민원안내', screen_name: 'gov_helpline' },
          },
        }
      : {}),
  };
}

export function fbMessage(mid = 'm_AbCdEf123', text = '운전면허 갱신 기간이 궁금합니다', extra: Record<string, unknown> = {}) {
  return {
    sender: { id: '7000000000000001' },
    recipient: { id: PAGE_ID },
    timestamp: 1741051425000,
    message: { mid, text, ...extra },
  };
}

export function fbComment(commentId = '200000000000001_300000000000001', fromId = '7000000000000002', verb = 'add') {
  return {
    field: 'feed',
    value: {
      item: 'comment',
      verb,
      comment_id: commentId,
      post_id: `${PAGE_ID}_200000000000001`,
      parent_id: `${PAGE_ID}_200000000000001`,
      created_time: 1741051499,
      from: { id: fromId, name: '이영희' },
      message: '이 공지 관련해서 문의드려요',
    },
  };
}

export function fbPage(entry: { messaging?: unknown[]; standby?: unknown[]; changes?: unknown[] }) {
  return { object: 'page', entry: [{ id: PAGE_ID, time: 1741051425123, ...entry }] };
}

export function kakaoSkill(utterance = '전입신고 온라인으로 가능한가요?', callbackUrl?: string, userId = '3f9c0e') {
  return {
    intent: { id: '65f0aa01', name: '민원_일반질문' },
    userRequest: {
      timezone: 'Asia/Seoul',
      lang: 'ko',
      utterance,
      params: { surface: 'Kakaotalk.plusfriend' },
      block: { id: '65f0aa01', name: '민원_일반질문' },
      user: { id: userId, type: 'botUserKey', properties: { plusfriendUserKey: 'Ab12Cd34Ef56', isFriend: true } },
      ...(callbackUrl ? { callbackUrl } : {}),
    },
    bot: { id: KAKAO_BOT, name: '정부민원봇' },
    action: { id: '65f1bb02', name: 'helpline_skill', params: {}, detailParams: {}, clientExtra: {} },
    contexts: [],
  };
}

export function outbound(overrides: Partial<OutboundReply> = {}): OutboundReply {
  return {
    channel: 'x',
    outboxId: '0f6c1e2a-7b9d-4c1e-9a55-3d2b1c0e9f11',
    userId: '42424242',
    isPublic: true,
    text: '여권 재발급은 가까운 시·군·구청 여권 민원실이나 정부24에서 신청할 수 있어요.',
    links: [{ label: '정부24 여권', url: 'https://www.gov.kr/mw/AA020InfoCappView.do?CappBizCD=13100000026' }],
    authoredBy: 'bot',
    replyTarget: { kind: 'tweet', tweetId: '1897000000000000001' },
    lastInboundAt: new Date(),
    ...overrides,
  };
}

export async function post(url: string, delivery: { body: string; headers: Record<string, string> }): Promise<Response> {
  return fetch(url, { method: 'POST', body: delivery.body, headers: delivery.headers });
}
