// The words every staff page shares around its own (server/pages/staff-shell.html): the skip
// link, the sign-in form and sign-out. Each page's dictionary spreads them in.
export const SIGN_IN_TEXT = {
  ko: {
    skip: '본문으로 건너뛰기',
    email: '이메일',
    password: '비밀번호',
    signIn: '로그인',
    signOut: '로그아웃',
    loginFailed: '로그인하지 못했습니다: {reason}',
  },
  en: {
    skip: 'Skip to content',
    email: 'Email',
    password: 'Password',
    signIn: 'Sign in',
    signOut: 'Sign out',
    loginFailed: 'Could not sign in: {reason}',
  },
} as const;
