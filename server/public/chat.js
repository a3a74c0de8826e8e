// The citizen's web chat. Plain JavaScript, no framework, no inline code (the CSP forbids it).
// Everything a person or the server wrote is put on the page with textContent, never innerHTML,
// and links are shown as text: nothing on this page navigates by itself.
'use strict';

(function () {
  const TEXT = {
    ko: {
      title: '소통 민원 안내 채팅',
      privacy: '주민등록번호, 전화번호, 카드·계좌번호 같은 개인정보는 보내지 마세요.',
      emergency: '긴급한 상황이면 지금 바로 119(화재·구조) 또는 112(범죄)에 전화하세요.',
      inputLabel: '질문',
      placeholder: '궁금한 점을 적어 주세요',
      send: '보내기',
      toggle: 'English',
      toggleLabel: 'Switch to English',
      citizen: '나',
      bot: '안내봇',
      agent: '상담원',
      sending: '보내는 중…',
      live: '연결됨: 상담원 답변도 여기에 바로 표시됩니다.',
      reconnecting: '연결이 끊겼습니다. 다시 연결하는 중…',
      failed: '보내지 못했습니다. 잠시 후 다시 시도해 주세요.',
      handedOver: '담당자에게 전달했습니다. 답변이 오면 여기에 표시됩니다.',
      links: '관련 링크 (복사해서 여세요):',
    },
    en: {
      title: 'Sotong helpline chat',
      privacy: 'Do not send personal data such as resident registration, phone, card or account numbers.',
      emergency: 'In an emergency call 119 (fire, rescue) or 112 (police) now.',
      inputLabel: 'Your question',
      placeholder: 'Type your question',
      send: 'Send',
      toggle: '한국어',
      toggleLabel: '한국어로 보기',
      citizen: 'You',
      bot: 'Helpline bot',
      agent: 'Agent',
      sending: 'Sending…',
      live: 'Connected: agent replies appear here as they come.',
      reconnecting: 'Connection lost. Reconnecting…',
      failed: 'Could not send. Please try again shortly.',
      handedOver: 'Passed to a person. Their answer will appear here.',
      links: 'Related links (copy to open):',
    },
  };

  const store = {
    get: (key) => window.localStorage.getItem('sotong.' + key),
    set: (key, value) => window.localStorage.setItem('sotong.' + key, value),
  };

  const $ = (id) => document.getElementById(id);
  const log = $('log');
  const form = $('composer');
  const input = $('text');
  const sendButton = $('send');
  const status = $('status');
  const quickReplies = $('quick-replies');

  let lang = store.get('lang') === 'en' ? 'en' : 'ko';
  // The server names the thread on the first message; its id and access token are kept here and
  // continue the thread (the token is as good as a password: never shown).
  window.localStorage.removeItem('sotong.userId');
  let conversationId = store.get('conversationId');
  let accessToken = store.get('accessToken');
  let lastMessageId = store.get('lastMessageId');
  let source = null;
  const seen = new Set();
  // What this page already showed before the server echoed it back on the stream.
  const echoes = [];
  // Bot replies the live stream delivered before the POST that asked for them returned: the
  // outbound job can be faster than the HTTP response, and each reply must show once.
  let streamedBot = [];

  function t(key) {
    return TEXT[lang][key];
  }

  function applyLanguage() {
    document.documentElement.lang = lang;
    document.title = t('title');
    for (const el of document.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
    for (const el of document.querySelectorAll('[data-i18n-placeholder]')) el.placeholder = t(el.dataset.i18nPlaceholder);
    const toggle = $('lang-toggle');
    toggle.textContent = t('toggle');
    toggle.setAttribute('aria-label', t('toggleLabel'));
    for (const who of log.querySelectorAll('.who')) who.textContent = t(who.dataset.author);
  }

  function bubble(author, text, links) {
    const item = document.createElement('li');
    item.className = 'bubble ' + author;
    const who = document.createElement('span');
    who.className = 'who';
    who.dataset.author = author;
    who.textContent = t(author);
    const body = document.createElement('span');
    body.textContent = text;
    item.append(who, body);
    if (links && links.length > 0) {
      const list = document.createElement('ul');
      list.className = 'links';
      list.setAttribute('aria-label', t('links'));
      for (const link of links) {
        const entry = document.createElement('li');
        const url = document.createElement('span');
        url.className = 'url';
        url.textContent = link.url;
        entry.append(document.createTextNode(link.label + ' — '), url);
        list.append(entry);
      }
      item.append(list);
    }
    log.append(item);
    item.scrollIntoView({ block: 'end' });
  }

  function showError(text) {
    const item = document.createElement('li');
    item.className = 'bubble error';
    item.textContent = text;
    log.append(item);
  }

  function showQuickReplies(choices) {
    quickReplies.replaceChildren();
    for (const choice of choices || []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = choice.label;
      button.addEventListener('click', () => send(choice.text));
      quickReplies.append(button);
    }
  }

  function remember(id) {
    seen.add(id);
    lastMessageId = id;
    store.set('lastMessageId', id);
  }

  /** A stored message from the transcript or the live stream. */
  function showStored(message) {
    if (seen.has(message.id)) return;
    remember(message.id);
    // Citizen text comes back redacted, so match the oldest pending echo by author alone.
    const echo = echoes.findIndex((e) => e.author === message.author && (e.author === 'citizen' || e.text === message.text));
    if (echo >= 0) {
      echoes.splice(echo, 1);
      return;
    }
    if (message.author === 'bot') streamedBot.push(message.text);
    bubble(message.author, message.text, message.links);
  }

  function authHeaders() {
    return { Authorization: 'Bearer ' + accessToken, 'Accept-Language': lang };
  }

  async function loadTranscript() {
    const response = await fetch('/api/v1/conversations/' + encodeURIComponent(conversationId) + '/messages', { headers: authHeaders() });
    if (response.status === 401 || response.status === 403 || response.status === 404) {
      forgetConversation();
      return;
    }
    if (!response.ok) throw new Error('transcript ' + response.status);
    const body = await response.json();
    for (const message of body.messages) showStored(message);
  }

  function forgetConversation() {
    conversationId = null;
    accessToken = null;
    for (const key of ['conversationId', 'accessToken', 'lastMessageId']) window.localStorage.removeItem('sotong.' + key);
  }

  function listen() {
    if (source || !conversationId) return;
    const query = new URLSearchParams({ token: accessToken });
    if (lastMessageId) query.set('after', lastMessageId);
    source = new EventSource('/api/v1/conversations/' + encodeURIComponent(conversationId) + '/events?' + query);
    source.addEventListener('open', () => {
      status.textContent = t('live');
    });
    source.addEventListener('message.created', (event) => showStored(JSON.parse(event.data)));
    source.addEventListener('resync', () => {
      loadTranscript().catch(() => {});
    });
    source.addEventListener('error', () => {
      status.textContent = t('reconnecting');
    });
  }

  async function send(text) {
    const trimmed = text.trim();
    if (!trimmed) return;
    sendButton.disabled = true;
    status.textContent = t('sending');
    showQuickReplies([]);
    echoes.push({ author: 'citizen', text: trimmed });
    streamedBot = [];
    bubble('citizen', trimmed);
    try {
      const thread = conversationId && accessToken ? { conversationId } : {};
      const response = await fetch('/api/v1/messages', {
        method: 'POST',
        headers: Object.assign({ 'Content-Type': 'application/json' }, conversationId && accessToken ? authHeaders() : { 'Accept-Language': lang }),
        body: JSON.stringify(Object.assign(thread, { text: trimmed, clientMessageId: window.crypto.randomUUID() })),
      });
      // The thread is gone or its token no longer holds: start a new one with this message.
      if (thread.conversationId && [401, 403, 404].includes(response.status)) {
        forgetConversation();
        echoes.splice(echoes.findIndex((e) => e.author === 'citizen'), 1);
        log.lastChild?.remove();
        return send(text);
      }
      const body = await response.json().catch(() => null);
      if (!response.ok) {
        echoes.splice(echoes.findIndex((e) => e.author === 'citizen'), 1);
        showError((body && body.error && body.error.message) || t('failed'));
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
      } else if (body.decision === null) {
        status.textContent = t('handedOver');
      }
      listen();
      if (source && source.readyState === EventSource.OPEN) status.textContent = t('live');
    } catch (error) {
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
    send(text);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  $('lang-toggle').addEventListener('click', () => {
    lang = lang === 'ko' ? 'en' : 'ko';
    store.set('lang', lang);
    applyLanguage();
  });

  applyLanguage();
  if (conversationId && accessToken) {
    lastMessageId = null;
    loadTranscript()
      .then(listen)
      .catch(() => showError(t('failed')));
  }
})();
