// The citizen's web chat. No framework, no inline code (the CSP forbids it). Everything a person
// or the server wrote goes on the page as text (ui/shared/dom), never as HTML; official links
// and tel: numbers become anchors through ui/shared/links, anything else stays text.
import { byId, el } from '../shared/dom';
import { linkLine, type ShownLink } from '../shared/links';
import { createChatFeedback } from './feedback';
import { browserLanguage, CHAT_TEXT, type ChatKey, type ChatLang } from './text';

type Author = 'citizen' | 'bot' | 'agent';
interface StoredMessage {
  readonly id: string;
  readonly author: Author;
  readonly text: string;
  readonly links?: readonly ShownLink[];
}
interface QuickReply {
  readonly label: string;
  readonly text: string;
}
interface Reply {
  readonly text: string;
  readonly links?: readonly ShownLink[];
  readonly quickReplies?: readonly QuickReply[];
}

const store = {
  get: (key: string) => window.localStorage.getItem(`sotong.${key}`),
  set: (key: string, value: string) => window.localStorage.setItem(`sotong.${key}`, value),
  remove: (key: string) => window.localStorage.removeItem(`sotong.${key}`),
};

function start(): void {
  const log = byId<HTMLOListElement>('log');
  const form = byId<HTMLFormElement>('composer');
  const input = byId<HTMLTextAreaElement>('text');
  const sendButton = byId<HTMLButtonElement>('send');
  const status = byId('status');
  const quickReplies = byId('quick-replies');

  const saved = store.get('lang');
  let lang: ChatLang = saved === 'en' || saved === 'ko' ? saved : browserLanguage(navigator.languages ?? [navigator.language]);
  // The server names the thread on the first message; its id and access token are kept here and
  // continue the thread (the token is as good as a password: never shown).
  store.remove('userId');
  let conversationId = store.get('conversationId');
  let accessToken = store.get('accessToken');
  let lastMessageId = store.get('lastMessageId');
  let source: EventSource | null = null;
  const seen = new Set<string>();
  // What this page already showed before the server echoed it back on the stream.
  const echoes: { author: Author; text: string }[] = [];
  // Bot replies the live stream delivered before the POST that asked for them returned: the
  // outbound job can be faster than the HTTP response, and each reply must show once.
  let streamedBot: string[] = [];

  const t = (key: ChatKey) => CHAT_TEXT[lang][key];

  function applyLanguage(): void {
    document.documentElement.lang = lang;
    document.title = t('title');
    for (const node of Array.from(document.querySelectorAll<HTMLElement>('[data-i18n]'))) node.textContent = t(node.dataset.i18n as ChatKey);
    for (const node of Array.from(document.querySelectorAll<HTMLTextAreaElement>('[data-i18n-placeholder]')))
      node.placeholder = t(node.dataset.i18nPlaceholder as ChatKey);
    const toggle = byId('lang-toggle');
    // It names the other language in that language (lang says so to screen readers).
    toggle.lang = lang === 'ko' ? 'en' : 'ko';
    toggle.textContent = t('toggle');
    toggle.setAttribute('aria-label', t('toggleLabel'));
    for (const who of Array.from(log.querySelectorAll<HTMLElement>('.who'))) who.textContent = t(who.dataset.author as Author);
  }

  function bubble(author: Author, text: string, links: readonly ShownLink[] = []): void {
    const item = el(
      'li',
      { className: `bubble ${author}` },
      el('span', { className: 'who', 'data-author': author }, t(author)),
      // What was said, in the language it was said in: content, not the page's words.
      el('span', { className: 'text', 'data-content': '' }, text),
      links.length > 0 ? el('ul', { className: 'links', 'aria-label': t('links'), 'data-content': '' }, ...links.map(linkLine)) : null,
    );
    log.append(item);
    item.scrollIntoView({ block: 'end' });
  }

  function showError(text: string): void {
    log.append(el('li', { className: 'bubble error' }, text));
  }

  function showQuickReplies(choices: readonly QuickReply[] = []): void {
    quickReplies.replaceChildren(
      ...choices.map((choice) => {
        const button = el('button', { type: 'button', 'data-content': '' }, choice.label);
        button.addEventListener('click', () => void send(choice.text));
        return button;
      }),
    );
  }

  function remember(id: string): void {
    seen.add(id);
    lastMessageId = id;
    store.set('lastMessageId', id);
  }

  /** A stored message from the transcript or the live stream. */
  function showStored(message: StoredMessage): void {
    if (seen.has(message.id)) return;
    remember(message.id);
    // Citizen text comes back redacted, so match the oldest pending echo by author alone.
    const echo = echoes.findIndex((e) => e.author === message.author && (e.author === 'citizen' || e.text === message.text));
    if (echo >= 0) {
      echoes.splice(echo, 1);
      return;
    }
    if (message.author === 'bot') streamedBot.push(message.text);
    // A citizen's own message carries the media it sent, not links to offer: text only.
    bubble(message.author, message.text, message.author === 'citizen' ? [] : message.links);
    // A bot message the page did not ask for may be the resolve notice: is a rating asked for?
    if (message.author === 'bot') void feedback.checkRating().catch(() => undefined);
  }

  const authHeaders = (): Record<string, string> => ({ Authorization: `Bearer ${accessToken}`, 'Accept-Language': lang });
  const feedback = createChatFeedback({
    log,
    t,
    thread: () => (conversationId && accessToken ? { conversationId, headers: authHeaders() } : null),
    send: (text) => void send(text),
    failed: () => showError(t('failed')),
  });

  function forgetConversation(): void {
    conversationId = null;
    accessToken = null;
    for (const key of ['conversationId', 'accessToken', 'lastMessageId']) store.remove(key);
  }

  async function loadTranscript(): Promise<void> {
    const response = await fetch(`/api/v1/conversations/${encodeURIComponent(conversationId!)}/messages`, { headers: authHeaders() });
    if ([401, 403, 404].includes(response.status)) return forgetConversation();
    if (!response.ok) throw new Error(`transcript ${response.status}`);
    const body = (await response.json()) as { messages: StoredMessage[] };
    for (const message of body.messages) showStored(message);
  }

  function listen(): void {
    if (source || !conversationId || !accessToken) return;
    const query = new URLSearchParams({ token: accessToken });
    if (lastMessageId) query.set('after', lastMessageId);
    source = new EventSource(`/api/v1/conversations/${encodeURIComponent(conversationId)}/events?${query}`);
    source.addEventListener('open', () => (status.textContent = t('live')));
    source.addEventListener('message.created', (event) => showStored(JSON.parse((event as MessageEvent<string>).data) as StoredMessage));
    source.addEventListener('resync', () => void loadTranscript().catch(() => undefined));
    source.addEventListener('error', () => (status.textContent = t('reconnecting')));
  }

  const dropPendingCitizenEcho = () => {
    const index = echoes.findIndex((e) => e.author === 'citizen');
    if (index >= 0) echoes.splice(index, 1);
  };

  async function send(text: string): Promise<void> {
    const trimmed = text.trim();
    if (!trimmed) return;
    sendButton.disabled = true;
    status.textContent = t('sending');
    showQuickReplies([]);
    echoes.push({ author: 'citizen', text: trimmed });
    streamedBot = [];
    bubble('citizen', trimmed);
    try {
      const continuing = Boolean(conversationId && accessToken);
      const response = await fetch('/api/v1/messages', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...(continuing ? authHeaders() : { 'Accept-Language': lang }) },
        body: JSON.stringify({ ...(continuing ? { conversationId } : {}), text: trimmed, clientMessageId: window.crypto.randomUUID() }),
      });
      // The thread is gone or its token no longer holds: start a new one with this message.
      if (continuing && [401, 403, 404].includes(response.status)) {
        forgetConversation();
        dropPendingCitizenEcho();
        log.lastChild?.remove();
        return await send(text);
      }
      const body = (await response.json().catch(() => null)) as {
        conversationId: string;
        accessToken: string;
        reply: Reply | null;
        messageId: string;
        decision: { action: string } | null;
        error?: { message?: string };
      } | null;
      if (!response.ok || !body) {
        dropPendingCitizenEcho();
        showError(body?.error?.message ?? t('failed'));
        status.textContent = '';
        return;
      }
      conversationId = body.conversationId;
      accessToken = body.accessToken;
      store.set('conversationId', conversationId);
      store.set('accessToken', accessToken);
      if (body.reply) {
        const streamed = streamedBot.indexOf(body.reply.text);
        if (streamed >= 0) {
          streamedBot.splice(streamed, 1);
        } else {
          echoes.push({ author: 'bot', text: body.reply.text });
          bubble('bot', body.reply.text, body.reply.links);
        }
        showQuickReplies(body.reply.quickReplies);
        if (body.decision?.action === 'auto_answer') feedback.askHelpful(body.messageId);
      } else if (body.decision === null) {
        status.textContent = t('handedOver');
      }
      listen();
      if (source?.readyState === EventSource.OPEN) status.textContent = t('live');
    } catch {
      showError(t('failed'));
      status.textContent = '';
    } finally {
      sendButton.disabled = false;
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = '';
    void send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  byId('lang-toggle').addEventListener('click', () => {
    lang = lang === 'ko' ? 'en' : 'ko';
    store.set('lang', lang);
    applyLanguage();
  });

  applyLanguage();
  if (conversationId && accessToken) {
    lastMessageId = null;
    loadTranscript()
      .then(() => feedback.checkRating())
      .then(listen)
      .catch(() => showError(t('failed')));
  }
}

document.addEventListener('DOMContentLoaded', start);
