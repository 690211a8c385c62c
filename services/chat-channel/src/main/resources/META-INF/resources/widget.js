/*
 * Switchboard web chat widget. Embed with one tag:
 *   <script src="https://chat.example.com/widget.js" data-widget="widget-acme" async></script>
 * Optional: data-title="Chat with us", data-prechat="false" (skip the name/email form).
 *
 * The conversation token is kept in localStorage, so a reload or a lost network resumes the same
 * conversation. Messages not yet acknowledged by the server are kept and sent again (same id) after
 * a reconnect; the server never publishes a resent message twice.
 */
(function () {
  'use strict';
  var script = document.currentScript;
  if (!script || !script.dataset.widget) {
    console.error('switchboard widget: data-widget is required');
    return;
  }
  var widgetId = script.dataset.widget;
  var base = new URL(script.src, document.baseURI);
  var socketUrl = (base.protocol === 'https:' ? 'wss:' : 'ws:') + '//' + base.host + '/chat/ws/' + encodeURIComponent(widgetId);
  var storageKey = 'switchboard-chat:' + widgetId;
  var title = script.dataset.title || 'Chat with us';
  var prechat = script.dataset.prechat !== 'false';

  var socket = null;
  var token = localStorage.getItem(storageKey);
  var pending = {};
  var retry = 0;
  var sequence = 0;
  var lastTypingSent = 0;
  var typingShown = null;

  // The look is a stylesheet of the channel's own origin, not an inline <style>, so host pages with a strict
  // Content-Security-Policy can allow it by origin; the widget shows once it has its look.
  var style = document.createElement('link');
  style.rel = 'stylesheet';
  style.href = new URL('widget.css', base).href;
  document.head.appendChild(style);

  var root = el('div', 'sb-chat');
  root.hidden = true;
  function showRoot() { root.hidden = false; }
  style.addEventListener('load', showRoot);
  style.addEventListener('error', showRoot);
  root.setAttribute('data-switchboard-chat', widgetId);
  var openButton = el('button', 'sb-open', title);
  var panel = el('div', 'sb-panel');
  var head = el('div', 'sb-head', title);
  var close = el('button', null, '\u00d7');
  close.setAttribute('aria-label', 'Close chat');
  head.appendChild(close);
  var log = el('div', 'sb-log');
  log.setAttribute('aria-live', 'polite');
  var status = el('div', 'sb-status');
  var form = el('form', 'sb-form');
  var nameInput = input('text', 'Your name (optional)', 'name');
  var emailInput = input('email', 'Your email (optional)', 'email');
  var startButton = el('button', 'sb-start', 'Start chat');
  startButton.type = 'submit';
  form.append(nameInput, emailInput, startButton);
  var compose = el('form', 'sb-compose');
  var textarea = document.createElement('textarea');
  textarea.rows = 2;
  textarea.placeholder = 'Type a message\u2026';
  textarea.setAttribute('aria-label', 'Message');
  var send = el('button', null, 'Send');
  send.type = 'submit';
  compose.append(textarea, send);
  var transcriptLink = el('button', 'sb-transcript', 'Email me this chat');
  transcriptLink.type = 'button';
  transcriptLink.onclick = function () {
    var email = emailInput.value || window.prompt('Send the transcript to which email address?');
    if (email) transmit({ type: 'transcript', email: email });
  };
  panel.append(head, log, status, token || !prechat ? compose : form, transcriptLink);
  root.append(openButton, panel);
  document.body.appendChild(root);

  openButton.onclick = function () {
    root.classList.add('sb-on');
    if (token || !prechat) connect();
  };
  close.onclick = function () { root.classList.remove('sb-on'); };
  form.onsubmit = function (e) {
    e.preventDefault();
    form.replaceWith(compose);
    connect({ type: 'start', name: nameInput.value, email: emailInput.value });
  };
  compose.onsubmit = function (e) {
    e.preventDefault();
    var text = textarea.value.trim();
    if (!text) return;
    textarea.value = '';
    var id = 'm-' + Date.now() + '-' + (sequence++);
    pending[id] = { text: text, line: line('customer', text, true) };
    transmit({ type: 'message', id: id, text: text });
  };
  // Tells the agent the customer is typing, at most every 3 s (the server keeps the same pace).
  textarea.oninput = function () {
    var now = Date.now();
    if (token && socket && socket.readyState === 1 && now - lastTypingSent > 3000) {
      lastTypingSent = now;
      socket.send(JSON.stringify({ type: 'typing' }));
    }
  };
  textarea.onkeydown = function (e) {
    if (e.key === 'Enter' && !e.shiftKey) {
      e.preventDefault();
      compose.requestSubmit();
    }
  };

  function connect(first) {
    if (socket && socket.readyState <= 1) return;
    status.textContent = 'Connecting\u2026';
    socket = new WebSocket(socketUrl);
    socket.onopen = function () {
      retry = 0;
      status.textContent = '';
      socket.send(JSON.stringify(token ? { type: 'resume', token: token } : (first || { type: 'start' })));
    };
    socket.onmessage = function (event) { receive(JSON.parse(event.data)); };
    socket.onclose = function () {
      status.textContent = 'Reconnecting\u2026';
      retry = Math.min(retry + 1, 6);
      setTimeout(connect, 500 * Math.pow(2, retry));
    };
  }

  function receive(frame) {
    switch (frame.type) {
      case 'ready':
        token = frame.token;
        localStorage.setItem(storageKey, token);
        log.textContent = '';
        (frame.history || []).forEach(function (h) { line(h.from, h.text, false); });
        if (frame.agent) notice('An agent is with you');
        Object.keys(pending).forEach(function (id) {
          log.appendChild(pending[id].line);
          transmit({ type: 'message', id: id, text: pending[id].text });
        });
        break;
      case 'ack':
        if (pending[frame.id]) {
          pending[frame.id].line.classList.remove('sb-pending');
          delete pending[frame.id];
        }
        break;
      case 'message':
        line('agent', frame.text, false);
        break;
      case 'agent_joined':
        notice('An agent joined the chat');
        break;
      case 'agent_left':
        notice('The agent left the chat; please wait for the next one');
        break;
      case 'agent_typing':
        status.textContent = 'The agent is typing\u2026';
        clearTimeout(typingShown);
        typingShown = setTimeout(function () {
          if (status.textContent === 'The agent is typing\u2026') status.textContent = '';
        }, 4000);
        break;
      case 'transcript_requested':
        status.textContent = 'Sending the transcript\u2026';
        break;
      case 'transcript_sent':
        status.textContent = '';
        notice('The transcript is on its way to your inbox');
        break;
      case 'transcript_failed':
        status.textContent = '';
        notice('The transcript could not be emailed');
        break;
      case 'chat_ended':
        notice('The agent ended the chat. Write again any time to start a new one.');
        localStorage.removeItem(storageKey);
        token = null;
        ratingCard();
        break;
      case 'rated':
        var card = log.querySelector('.sb-rate');
        if (card) card.remove();
        notice('Thank you for your rating');
        break;
      case 'error':
        if (frame.code === 'bad_token' || frame.code === 'ended') {
          localStorage.removeItem(storageKey);
          token = null;
          transmit({ type: 'start', name: nameInput.value, email: emailInput.value });
        } else {
          status.textContent = frame.reason;
        }
        break;
    }
  }

  // How satisfied the customer was, asked once in the chat that just ended (the server takes one rating).
  function ratingCard() {
    var card = el('div', 'sb-rate');
    card.appendChild(el('div', null, 'How satisfied are you with this chat?'));
    var stars = el('div', 'sb-stars');
    var labels = ['Very dissatisfied', 'Dissatisfied', 'Neutral', 'Satisfied', 'Very satisfied'];
    var chosen = 0;
    labels.forEach(function (label, index) {
      var star = el('button', null, String(index + 1));
      star.type = 'button';
      star.title = label;
      star.setAttribute('aria-label', (index + 1) + ': ' + label);
      star.onclick = function () {
        chosen = index + 1;
        Array.prototype.forEach.call(stars.children, function (b, i) { b.classList.toggle('sb-chosen', i < chosen); });
      };
      stars.appendChild(star);
    });
    var comment = input('text', 'A comment (optional)', 'comment');
    var row = el('div', 'sb-row');
    var skip = el('button', null, 'No thanks');
    skip.type = 'button';
    skip.onclick = function () { card.remove(); };
    var send = el('button', 'sb-send-rating', 'Send');
    send.type = 'button';
    send.onclick = function () {
      if (!chosen) { status.textContent = 'Choose a score from 1 to 5'; return; }
      if (socket && socket.readyState === 1) socket.send(JSON.stringify({ type: 'rate', score: chosen, text: comment.value }));
    };
    row.appendChild(skip);
    row.appendChild(send);
    card.appendChild(stars);
    card.appendChild(comment);
    card.appendChild(row);
    log.appendChild(card);
    log.scrollTop = log.scrollHeight;
  }

  function transmit(frame) {
    if (socket && socket.readyState === 1) socket.send(JSON.stringify(frame));
    else connect();
  }

  function line(from, text, isPending) {
    var div = el('div', 'sb-line sb-' + from + (isPending ? ' sb-pending' : ''), text);
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function notice(text) {
    log.appendChild(el('div', 'sb-notice', text));
    log.scrollTop = log.scrollHeight;
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }

  function input(type, placeholder, name) {
    var node = document.createElement('input');
    node.type = type;
    node.placeholder = placeholder;
    node.name = name;
    node.setAttribute('aria-label', placeholder);
    return node;
  }
})();
