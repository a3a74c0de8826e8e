// The surge panel's words, Korean and English (its own dictionary, so the console's stays as is).
import type { Dictionary } from '../shared/i18n';

export type SurgeKey =
  | 'title'
  | 'none'
  | 'count'
  | 'rate'
  | 'channels'
  | 'regions'
  | 'kindTopic'
  | 'kindIntent'
  | 'kindRegion'
  | 'pinned'
  | 'pinnedUntil'
  | 'notPinned'
  | 'pinTitle'
  | 'answerKo'
  | 'answerEn'
  | 'links'
  | 'linksHint'
  | 'hours'
  | 'pin'
  | 'withdraw'
  | 'broadcast'
  | 'broadcastDone'
  | 'group'
  | 'groupEmpty'
  | 'replyGroup'
  | 'replyGroupButton'
  | 'replied'
  | 'pinnedDone'
  | 'withdrawn'
  | 'opened';

export const SURGE_TEXT: Dictionary<SurgeKey> = {
  ko: {
    title: '급증 이슈',
    none: '지금 급증한 문의가 없어요.',
    count: '{count}건',
    rate: '분당 {rate}건 (평소 {baseline})',
    channels: '채널',
    regions: '지역',
    kindTopic: '새 주제',
    kindIntent: '의도',
    kindRegion: '지역',
    pinned: '고정 답변',
    pinnedUntil: '{time}까지',
    notPinned: '고정 답변 없음',
    pinTitle: '고정 답변 쓰기',
    answerKo: '답변 (한국어)',
    answerEn: '답변 (영어)',
    links: '공식 링크',
    linksHint: 'https://… 한 줄에 하나',
    hours: '유효 시간(시간)',
    pin: '고정',
    withdraw: '고정 해제',
    broadcast: '대기 중 {count}명에게 보내기',
    broadcastDone: '{count}명에게 보냈어요.',
    group: '대기 티켓 {count}건',
    groupEmpty: '이 주제로 대기 중인 티켓이 없어요.',
    replyGroup: '그룹 전체에 답장',
    replyGroupButton: '{count}건에 답장',
    replied: '{count}건에 답장했어요.',
    pinnedDone: '고정 답변을 저장했어요.',
    withdrawn: '고정 답변을 내렸어요.',
    opened: '급증 감지: {label} ({count}건)',
  },
  en: {
    title: 'Surges',
    none: 'No surge right now.',
    count: '{count} messages',
    rate: '{rate}/min (usually {baseline})',
    channels: 'Channels',
    regions: 'Regions',
    kindTopic: 'New topic',
    kindIntent: 'Intent',
    kindRegion: 'Region',
    pinned: 'Pinned answer',
    pinnedUntil: 'until {time}',
    notPinned: 'No pinned answer',
    pinTitle: 'Write a pinned answer',
    answerKo: 'Answer (Korean)',
    answerEn: 'Answer (English)',
    links: 'Official links',
    linksHint: 'https://… one per line',
    hours: 'Valid for (hours)',
    pin: 'Pin',
    withdraw: 'Withdraw',
    broadcast: 'Send to {count} waiting',
    broadcastDone: 'Sent to {count} citizens.',
    group: '{count} waiting tickets',
    groupEmpty: 'No ticket waits on this topic.',
    replyGroup: 'Reply to the whole group',
    replyGroupButton: 'Reply to {count}',
    replied: 'Replied to {count}.',
    pinnedDone: 'Pinned answer saved.',
    withdrawn: 'Pinned answer withdrawn.',
    opened: 'Surge detected: {label} ({count})',
  },
};
