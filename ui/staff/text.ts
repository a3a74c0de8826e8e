// The staff home's words (the page titles and descriptions are the shared header's).
import type { Dictionary } from '../shared/i18n';
import { SIGN_IN_TEXT } from '../shared/sign-in-text';

const ko = {
  ...SIGN_IN_TEXT.ko,
  title: '소통 직원 홈',
  loginTitle: '직원 로그인',
  forbidden: '이 페이지를 볼 권한이 없습니다.',
  welcome: '{name}님, 어서 오세요.',
  open: '열기',
} as const;

export type StaffKey = keyof typeof ko;

const en: Record<StaffKey, string> = {
  ...SIGN_IN_TEXT.en,
  title: 'Sotong staff home',
  loginTitle: 'Staff sign-in',
  forbidden: 'You may not open this page.',
  welcome: 'Welcome, {name}.',
  open: 'Open',
};

export const STAFF_TEXT: Dictionary<StaffKey> = { ko, en };
