// The staff home's words (the page titles and descriptions are the shared header's).
import type { Dictionary } from '../shared/i18n';

const ko = {
  title: '소통 직원 홈',
  skip: '본문으로 건너뛰기',
  loginTitle: '직원 로그인',
  email: '이메일',
  password: '비밀번호',
  signIn: '로그인',
  signOut: '로그아웃',
  loginFailed: '로그인하지 못했습니다: {reason}',
  forbidden: '이 페이지를 볼 권한이 없습니다.',
  welcome: '{name}님, 어서 오세요.',
  open: '열기',
} as const;

export type StaffKey = keyof typeof ko;

const en: Record<StaffKey, string> = {
  title: 'Sotong staff home',
  skip: 'Skip to content',
  loginTitle: 'Staff sign-in',
  email: 'Email',
  password: 'Password',
  signIn: 'Sign in',
  signOut: 'Sign out',
  loginFailed: 'Could not sign in: {reason}',
  forbidden: 'You may not open this page.',
  welcome: 'Welcome, {name}.',
  open: 'Open',
};

export const STAFF_TEXT: Dictionary<StaffKey> = { ko, en };
