// The sandbox page: keeps the server-rendered page live. A Server-Sent
// Events stream says when something the chosen person can see changed; the
// page then fetches the state and replaces only the messages whose hash
// changed. Clicks, commands and forms are posted to the sandbox, which plays
// them to the bot as Slack would.
(() => {
  'use strict';

  const body = document.body;
  const $ = (id) => document.getElementById(id);
  const messages = $('messages');
  const threadPane = $('thread');
  const threadItems = $('thread-items');
  const modalRoot = $('modal-root');
  const homePane = $('home');
  let user = body.dataset.user;
  let channel = body.dataset.channel;
  let thread = body.dataset.thread || '';
  let events = null;
  let modalHash = '';
  let homeHash = '';
  let pendingScrollTo = '';
  let stickToBottom = true;

  // --- talking to the sandbox ---------------------------------------------

  async function post(path, payload) {
    const res = await fetch('/sandbox/' + path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(Object.assign({ user, channel }, payload)),
    });
    let answer = {};
    try { answer = await res.json(); } catch (_) { /* not JSON */ }
    if (!res.ok && !answer.demo) {
      throw new Error(answer.error || 'The sandbox answered ' + res.status + '.');
    }
    return answer;
  }

  function connect() {
    if (events) events.close();
    events = new EventSource('/sandbox/events?user=' + encodeURIComponent(user));
    events.addEventListener('change', refresh);
  }

  let fetching = false;
  let again = false;
  async function refresh() {
    if (fetching) { again = true; return; }
    fetching = true;
    try {
      do {
        again = false;
        const q = new URLSearchParams({ user, channel, thread });
        const res = await fetch('/sandbox/state?' + q.toString(), { cache: 'no-store' });
        if (res.ok) apply(await res.json());
      } while (again);
    } catch (_) {
      // The stream reconnects and asks again.
    } finally {
      fetching = false;
    }
  }

  // --- drawing the state ---------------------------------------------------

  function fromHTML(html) {
    const t = document.createElement('template');
    t.innerHTML = html.trim();
    return t.content.firstElementChild;
  }

  // patch makes container hold items (keyed, hashed HTML) in order,
  // replacing only the elements whose hash changed. It returns the keys of
  // the items that arrived.
  function patch(container, items, keep) {
    const arrived = [];
    const old = new Map();
    for (const el of [...container.children]) {
      if (el.dataset.key) old.set(el.dataset.key, el);
    }
    let prev = null;
    for (const it of items) {
      let el = old.get(it.key);
      if (!el || el.dataset.hash !== it.hash) {
        const fresh = fromHTML(it.html);
        if (el) {
          el.replaceWith(fresh);
          fresh.classList.add('flash');
        } else if (old.size > 0 || container.dataset.drawn) {
          fresh.classList.add('arrive');
          arrived.push(it.key);
        }
        el = fresh;
      }
      old.delete(it.key);
      const want = prev ? prev.nextElementSibling : container.firstElementChild;
      if (want !== el) container.insertBefore(el, want);
      prev = el;
    }
    for (const el of old.values()) el.remove();
    if (keep) container.appendChild(keep);
    container.dataset.drawn = '1';
    return arrived;
  }

  function nearBottom(el) {
    return el.scrollHeight - el.scrollTop - el.clientHeight < 120;
  }

  function apply(st) {
    // Sidebar: channels, and who I am.
    const list = $('channels');
    list.textContent = '';
    let current = null;
    for (const c of st.channels) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.className = 'chan-link' + (c.id === st.channel ? ' active' : '');
      a.href = '?' + new URLSearchParams({ user, channel: c.id });
      a.dataset.channel = c.id;
      const hash = document.createElement('span');
      hash.className = 'hash';
      hash.textContent = '#';
      a.append(hash, ' ' + c.name);
      li.append(a);
      list.append(li);
      if (c.id === st.channel) current = c;
    }
    for (const p of document.querySelectorAll('#people .person')) {
      p.classList.toggle('active', p.dataset.user === st.user);
      p.href = '?' + new URLSearchParams({ user: p.dataset.user, channel });
    }
    const homeLink = $('home-link');
    homeLink.classList.toggle('active', st.channel === 'home');
    homeLink.href = '?' + new URLSearchParams({ user, channel: 'home' });
    if (current) {
      $('chan-name').textContent = '# ' + current.name;
      $('chan-purpose').textContent = current.purpose;
      $('chan-meta').textContent = current.members + ' members · ' + (current.member ? 'you are a member' : 'you are not a member');
      $('hint-channel').textContent = '#' + current.name;
      $('thread-sub').textContent = '# ' + current.name;
      document.title = '#' + current.name + ' · Armistice sandbox';
    }
    const me = document.querySelector('#people .person.active');
    if (me) $('hint-user').textContent = me.dataset.name;

    if (st.channel === 'home') {
      $('chan-name').textContent = 'Home';
      $('chan-purpose').textContent = "Armistice's Home tab for " + (me ? me.dataset.name : st.user);
      $('chan-meta').textContent = '';
      document.title = 'Home · Armistice sandbox';
      drawHome(st.home);
    } else {
      homeHash = '';
      drawMessages(st);
    }

    // Thread.
    if (st.thread) {
      threadPane.hidden = false;
      const stickThread = nearBottom(threadItems);
      patch(threadItems, st.thread.items);
      if (stickThread) threadItems.scrollTop = threadItems.scrollHeight;
    } else {
      threadPane.hidden = true;
      threadItems.textContent = '';
      thread = '';
    }

    // The open modal: redrawn when it changes, only its errors otherwise,
    // so that nothing typed is lost.
    if (st.modal) {
      if (st.modal.hash !== modalHash) {
        modalRoot.textContent = '';
        modalRoot.append(fromHTML(st.modal.html));
        modalHash = st.modal.hash;
        const first = modalRoot.querySelector('[autofocus], .input');
        if (first) first.focus();
      }
      showErrors(st.modal.errors || {});
    } else {
      modalRoot.textContent = '';
      modalHash = '';
    }

    // Demo data.
    const btn = $('demo-btn');
    btn.dataset.state = st.demo.state;
    btn.disabled = !(st.demo.state === 'idle' || st.demo.state === 'failed');
    btn.textContent = st.demo.state === 'loading' ? 'Loading…' : st.demo.state === 'loaded' ? 'Demo data loaded' : 'Load demo data';
    $('demo-note').textContent = st.demo.note || '';
    const chip = $('example-chip');
    if (st.demo.example) {
      chip.hidden = false;
      chip.dataset.cmd = 'lead ' + st.demo.example;
      chip.textContent = 'lead ' + st.demo.example;
    }

    body.dataset.user = user;
    body.dataset.channel = channel;
    body.dataset.thread = thread;
    const q = new URLSearchParams({ user, channel });
    if (thread) q.set('thread', thread);
    history.replaceState(null, '', '?' + q.toString());
  }

  // drawMessages draws the channel's messages, kept at the bottom when the
  // reader was there.
  function drawMessages(st) {
    let stick = stickToBottom || nearBottom(messages);
    const empty = $('empty');
    const arrived = patch(messages, st.messages, empty);
    // An answer only I can see comes at the bottom, as in Slack: show it.
    if (arrived.some((k) => k.startsWith('e:'))) stick = true;
    empty.hidden = st.messages.length > 0;
    if (pendingScrollTo) {
      const target = messages.querySelector('[data-key="m:' + CSS.escape(pendingScrollTo) + '"]');
      if (target) {
        target.scrollIntoView({ block: 'center' });
        target.classList.add('flash');
        pendingScrollTo = '';
      }
    } else if (stick) {
      messages.scrollTop = messages.scrollHeight;
    }
    stickToBottom = false;
  }

  // drawHome draws the person's Home tab, redrawn when the bot publishes
  // another view.
  function drawHome(home) {
    if (!home) {
      if (!homePane.querySelector('.home-wait')) {
        homePane.textContent = '';
        const p = document.createElement('p');
        p.className = 'home-wait';
        p.textContent = 'Opening the Home tab…';
        homePane.append(p);
      }
      homeHash = '';
      return;
    }
    if (home.hash === homeHash) return;
    const again = homeHash !== '';
    homePane.textContent = '';
    const view = fromHTML(home.html);
    if (again) view.classList.add('flash');
    homePane.append(view);
    homeHash = home.hash;
  }

  // openHome tells the bot the person opened their Home tab, so that it
  // publishes it; the event stream then brings the view.
  function openHome() {
    post('home/open', {}).catch((e) => toast(e.message, 'error'));
  }

  function showErrors(errors) {
    const form = modalRoot.querySelector('form.modal');
    if (!form) return;
    const general = [];
    for (const slot of form.querySelectorAll('.field-error')) {
      slot.hidden = true;
      slot.textContent = '';
    }
    for (const f of form.querySelectorAll('.field.has-error')) f.classList.remove('has-error');
    for (const [block, msg] of Object.entries(errors)) {
      const slot = form.querySelector('.field-error[data-error-for="' + CSS.escape(block) + '"]');
      if (slot && block !== '') {
        slot.textContent = msg;
        slot.hidden = false;
        const field = slot.closest('.field');
        if (field) field.classList.add('has-error');
      } else {
        general.push(msg);
      }
    }
    if (general.length) {
      const slot = form.querySelector('.field-error.general');
      slot.textContent = general.join(' ');
      slot.hidden = false;
    }
  }

  // --- toasts --------------------------------------------------------------

  function toast(text, kind) {
    const t = document.createElement('div');
    t.className = 'toast' + (kind ? ' ' + kind : '');
    t.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    t.textContent = text;
    $('toasts').append(t);
    setTimeout(() => t.classList.add('gone'), 4500);
    setTimeout(() => t.remove(), 5000);
  }

  // --- navigation ----------------------------------------------------------

  function switchTo(next) {
    let moved = false;
    if (next.user && next.user !== user) {
      user = next.user;
      homeHash = '';
      moved = true;
      connect();
    }
    if (next.channel && next.channel !== channel) {
      channel = next.channel;
      thread = '';
      stickToBottom = true;
      moved = true;
    }
    if (next.thread !== undefined) thread = next.thread;
    if (moved && channel === 'home') openHome();
    refresh();
  }

  function closeMenus(except) {
    for (const m of document.querySelectorAll('.msg .menu')) {
      if (m !== except) m.hidden = true;
    }
  }

  // --- acting ----------------------------------------------------------------

  async function busy(el, work) {
    el.classList.add('busy');
    el.disabled = true;
    try {
      await work();
    } catch (e) {
      toast(e.message, 'error');
    } finally {
      el.classList.remove('busy');
      el.disabled = false;
    }
  }

  function messageOf(el) {
    const m = el.closest('.msg');
    return m ? { channel: m.dataset.channel, ts: m.dataset.ts } : null;
  }

  document.addEventListener('click', (ev) => {
    const t = ev.target;
    if (!(t instanceof Element)) return;

    const person = t.closest('#people .person');
    if (person) {
      ev.preventDefault();
      switchTo({ user: person.dataset.user });
      return;
    }
    const chanLink = t.closest('a[data-channel]');
    if (chanLink) {
      ev.preventDefault();
      if (chanLink.dataset.msg) pendingScrollTo = chanLink.dataset.msg;
      switchTo({ channel: chanLink.dataset.channel });
      return;
    }
    const btn = t.closest('[data-act="button"]');
    if (btn) {
      const where = messageOf(btn);
      if (!where) return;
      if (btn.dataset.confirm && !window.confirm(btn.dataset.confirm)) return;
      busy(btn, () => post('click', Object.assign(where, { action_id: btn.dataset.actionId })));
      return;
    }
    const homeBtn = t.closest('[data-act="home-button"]');
    if (homeBtn) {
      if (homeBtn.dataset.confirm && !window.confirm(homeBtn.dataset.confirm)) return;
      busy(homeBtn, () => post('home/click', { action_id: homeBtn.dataset.actionId, value: homeBtn.dataset.value }));
      return;
    }
    const link = t.closest('[data-act="link"]');
    if (link) {
      const where = messageOf(link);
      if (where) post('click', Object.assign(where, { action_id: link.dataset.actionId })).catch(() => {});
      return;
    }
    const menuBtn = t.closest('[data-menu]');
    if (menuBtn) {
      const menu = menuBtn.parentElement.querySelector('.menu');
      closeMenus(menu);
      menu.hidden = !menu.hidden;
      return;
    }
    const shortcut = t.closest('[data-shortcut]');
    if (shortcut) {
      closeMenus();
      const where = messageOf(shortcut);
      post('shortcut', Object.assign(where, { callback_id: shortcut.dataset.shortcut }))
        .catch((e) => toast(e.message, 'error'));
      return;
    }
    const threadBtn = t.closest('button[data-thread]');
    if (threadBtn) {
      closeMenus();
      switchTo({ thread: threadBtn.dataset.thread });
      return;
    }
    if (t.closest('[data-close-thread]')) {
      switchTo({ thread: '' });
      return;
    }
    const close = t.closest('[data-close]');
    if (close) {
      closeModal();
      return;
    }
    const chip = t.closest('.chip[data-cmd]');
    if (chip) {
      $('composer-input').value = chip.dataset.cmd;
      $('composer').requestSubmit();
      return;
    }
    if (t.closest('#demo-btn')) {
      const demo = $('demo-btn');
      busy(demo, () => post('demo', {}).then(refresh));
      return;
    }
    if (!t.closest('.menu')) closeMenus();
  });

  document.addEventListener('change', (ev) => {
    const sel = ev.target instanceof Element && ev.target.closest('[data-act="select"]');
    if (!sel) return;
    const where = messageOf(sel);
    if (!where || sel.value === '') return;
    busy(sel, () => post('select', Object.assign(where, { action_id: sel.dataset.actionId, value: sel.value })));
  });

  $('composer').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const input = $('composer-input');
    const text = input.value.trim();
    const button = ev.target.querySelector('button[type="submit"]');
    stickToBottom = true;
    busy(button, async () => {
      await post('command', { text });
      input.value = '';
      stickToBottom = true;
      refresh();
    });
  });

  function closeModal() {
    const form = modalRoot.querySelector('form.modal');
    if (!form) return;
    const viewID = form.dataset.viewId;
    modalRoot.textContent = '';
    modalHash = '';
    post('view/close', { view_id: viewID }).catch((e) => toast(e.message, 'error'));
  }

  function inputsOf(form) {
    const inputs = {};
    for (const el of form.querySelectorAll('[data-input]')) {
      const id = el.dataset.actionId;
      switch (el.dataset.input) {
        case 'text':
          if (el.value !== '' || (el.dataset.initial || '') !== '') inputs[id] = el.value;
          break;
        case 'select':
          if (el.value !== '') inputs[id] = el.value;
          break;
        case 'multiselect':
          inputs[id] = [...el.selectedOptions].map((o) => o.value);
          break;
        case 'checkboxes':
          inputs[id] = [...el.querySelectorAll('input:checked')].map((i) => i.value);
          break;
        case 'radio': {
          const c = el.querySelector('input:checked');
          if (c) inputs[id] = c.value;
          break;
        }
      }
    }
    return inputs;
  }

  modalRoot.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const form = ev.target.closest('form.modal');
    if (!form) return;
    const button = form.querySelector('button[type="submit"]');
    busy(button, async () => {
      const answer = await post('view/submit', { view_id: form.dataset.viewId, inputs: inputsOf(form) });
      showErrors(answer.errors || {});
      refresh();
    });
  });

  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape') return;
    closeMenus();
    if (modalRoot.querySelector('form.modal')) closeModal();
  });

  // --- start -----------------------------------------------------------------

  messages.scrollTop = messages.scrollHeight;
  connect();
  if (channel === 'home') openHome();
  refresh();
})();
