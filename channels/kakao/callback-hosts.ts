// Where a Kakao callbackUrl may point. The URL arrives in the request body, so without a check the
// server would POST to any address a holder of the skill secret names (an SSRF foothold into the
// network behind us). Allowed: https to Kakao's hosts. An entry is a host name ("bot-api.kakao.com"),
// a wildcard for its subdomains ("*.kakao.com"), both https only, or one exact origin
// ("http://127.0.0.1:4010", for a fake in tests).

export const DEFAULT_KAKAO_CALLBACK_HOSTS: readonly string[] = ['*.kakao.com', '*.kakaoenterprise.com'];

export function isAllowedCallback(rawUrl: string, allowed: readonly string[] = DEFAULT_KAKAO_CALLBACK_HOSTS): boolean {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  return allowed.some((entry) => {
    if (entry.includes('://')) return url.origin === new URL(entry).origin;
    if (url.protocol !== 'https:' || (url.port !== '' && url.port !== '443')) return false;
    const host = url.hostname.toLowerCase();
    const want = entry.toLowerCase();
    return want.startsWith('*.') ? host.endsWith(want.slice(1)) && host.length > want.length - 1 : host === want;
  });
}
