// The one header every staff page shares: navigation between the staff pages (each shown only
// to the roles that may open it), the signed-in user with their roles, and the language. Its
// words are its own small dictionary, so every page shows the same ones.
import { ROLES } from '../../accounts/roles';
import { el, replace } from './dom';
import type { Dictionary, I18n } from './i18n';
import { hasRole, type SignedInUser } from './session';

export const STAFF_PAGES = [
  { id: 'staff', href: '/staff', role: null },
  { id: 'console', href: '/console', role: 'agent' },
  { id: 'studio', href: '/studio', role: 'trainer' },
  { id: 'dashboard', href: '/dashboard', role: 'trainer' },
  { id: 'admin', href: '/admin', role: 'admin' },
] as const;
export type StaffPage = (typeof STAFF_PAGES)[number]['id'];

type HeaderKey = `page.${StaffPage}` | `pageInfo.${StaffPage}` | `role.${(typeof ROLES)[number]}` | 'nav' | 'roles' | 'needsRole';

export const STAFF_HEADER_TEXT: Dictionary<HeaderKey> = {
  ko: {
    'page.staff': '직원 홈',
    'page.console': '상담원 콘솔',
    'page.studio': '학습 스튜디오',
    'page.dashboard': '대시보드',
    'page.admin': '직원 관리',
    'pageInfo.staff': '소통 직원용 페이지 모음',
    'pageInfo.console': '상담원 연결 문의를 받아 답하고, 해결하거나 봇에게 돌려줍니다.',
    'pageInfo.studio': '의도, 예문과 답변을 고치고, 모델을 학습해 평가한 뒤 게시합니다.',
    'pageInfo.dashboard': '첫 응답 시간, 처리 기한 준수, 상담원별 실적과 만족도를 봅니다.',
    'pageInfo.admin': '직원 계정을 만들고, 역할과 부서 대기열을 정하고, 비밀번호를 초기화합니다.',
    'role.agent': '상담원',
    'role.trainer': '학습 담당',
    'role.supervisor': '상황 관리자',
    'role.admin': '관리자',
    nav: '직원 페이지',
    roles: '역할',
    needsRole: '{role} 역할이 필요합니다',
  },
  en: {
    'page.staff': 'Staff home',
    'page.console': 'Agent console',
    'page.studio': 'Training studio',
    'page.dashboard': 'Dashboard',
    'page.admin': 'Staff admin',
    'pageInfo.staff': 'The Sotong staff pages',
    'pageInfo.console': 'Take escalated questions, answer them, resolve them or hand them back to the bot.',
    'pageInfo.studio': 'Edit intents, examples and answers; train, evaluate and publish a model.',
    'pageInfo.dashboard': 'First-response times, SLA compliance, per-agent work and satisfaction.',
    'pageInfo.admin': 'Create staff accounts, set roles and department queues, reset passwords.',
    'role.agent': 'Agent',
    'role.trainer': 'Trainer',
    'role.supervisor': 'Supervisor',
    'role.admin': 'Admin',
    nav: 'Staff pages',
    roles: 'Roles',
    needsRole: 'Needs the {role} role',
  },
};

type Lang = 'ko' | 'en';

export function headerText(lang: Lang, key: HeaderKey, params: Record<string, string> = {}): string {
  return STAFF_HEADER_TEXT[lang][key].replace(/\{(\w+)\}/g, (whole, name: string) => params[name] ?? whole);
}

export function roleName(lang: Lang, role: string): string {
  return (ROLES as readonly string[]).includes(role) ? headerText(lang, `role.${role as (typeof ROLES)[number]}`) : role;
}

/** Fills #staff-nav and #user-name, and keeps them in the page's language. */
export function mountStaffHeader<K extends string>(user: SignedInUser, i18n: Pick<I18n<K>, 'lang' | 'onChange'>, current: StaffPage): void {
  const nav = document.getElementById('staff-nav');
  const who = document.getElementById('user-name');
  const render = () => {
    const lang = i18n.lang();
    if (nav) {
      nav.setAttribute('aria-label', headerText(lang, 'nav'));
      replace(
        nav,
        ...STAFF_PAGES.filter((p) => p.role === null || hasRole(user, p.role)).map((p) =>
          el('a', { href: p.href, 'aria-current': p.id === current ? 'page' : null, 'data-page': p.id }, headerText(lang, `page.${p.id}`)),
        ),
      );
    }
    if (who) {
      replace(
        who,
        el('span', { className: 'who-name' }, user.displayName ?? user.email),
        ' ',
        el('span', { className: 'who-roles', title: headerText(lang, 'roles') }, user.roles.map((r) => roleName(lang, r)).join(', ')),
      );
    }
  };
  i18n.onChange(render);
  render();
}
