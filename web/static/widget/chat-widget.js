/*
 * Chat widget for the article assistant: one <script> tag puts it on any page.
 *
 *   <script src="http://127.0.0.1:8080/widget/chat-widget.js"
 *           data-server-url="http://127.0.0.1:5005"
 *           data-title="Ask about this article" defer></script>
 *
 * Optional: data-container="#chat" renders it inside that element instead of a
 * floating button; data-source-heading (default "From the article:") ends the
 * line after which a bot message's “quoted” lines are shown as the article
 * quote; data-quote-event="name" makes each quoted sentence activatable (click,
 * Enter or Space) and dispatches a CustomEvent of that name on document, with
 * detail.text the sentence, so the page can show it in the article.
 *
 * Everything the server sends is inserted with textContent: no message can add
 * HTML, run a script or create a link. The conversation (session id and the
 * messages shown) lives in sessionStorage, so it survives a reload of the page.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script) {
    return;
  }
  var config = {
    serverUrl: script.getAttribute("data-server-url") || "",
    title: script.getAttribute("data-title") || "Ask about this article",
    container: script.getAttribute("data-container"),
    sourceHeading: script.getAttribute("data-source-heading") || "From the article:",
    quoteEvent: script.getAttribute("data-quote-event") || "",
    socketPath: script.getAttribute("data-socket-path") || "/socket.io/",
    storageKey: script.getAttribute("data-storage-key") || "rasa-article-chat",
    initialPayload: script.hasAttribute("data-initial-payload")
      ? script.getAttribute("data-initial-payload")
      : "/greet",
    replyTimeoutMs: 20000,
    maxStoredMessages: 200,
    maxMessageChars: 500,
  };
  var base = script.src;

  // ---- state that survives a reload -------------------------------------

  function loadState() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(config.storageKey) || "null");
      if (saved && Array.isArray(saved.messages) && Array.isArray(saved.outbox)) {
        return saved;
      }
    } catch (e) {
      // Storage disabled or corrupt: start a fresh conversation.
    }
    return { sessionId: null, messages: [], outbox: [], greeted: false };
  }

  var state = loadState();

  function saveState() {
    state.messages = state.messages.slice(-config.maxStoredMessages);
    try {
      window.sessionStorage.setItem(config.storageKey, JSON.stringify(state));
    } catch (e) {
      // Private mode or quota: the chat still works, it just won't survive a reload.
    }
  }

  // ---- DOM helpers ---------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  var uid = "rac-" + Math.random().toString(36).slice(2, 8);
  var root = el("section", "rac-root");
  root.setAttribute("aria-label", config.title);
  var header = el("header", "rac-header");
  var heading = el("h2", "rac-title", config.title);
  heading.id = uid + "-title";
  header.appendChild(heading);
  var status = el("div", "rac-status");
  status.setAttribute("role", "alert");
  status.hidden = true;
  var log = el("div", "rac-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation");
  log.tabIndex = 0;
  var typing = el("div", "rac-typing");
  typing.setAttribute("role", "status");
  typing.setAttribute("aria-label", "The assistant is typing");
  typing.appendChild(el("span", "rac-dot"));
  typing.appendChild(el("span", "rac-dot"));
  typing.appendChild(el("span", "rac-dot"));
  typing.hidden = true;
  var form = el("form", "rac-form");
  var label = el("label", "rac-visually-hidden", "Your question");
  label.htmlFor = uid + "-input";
  var input = el("input", "rac-input");
  input.id = uid + "-input";
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = config.maxMessageChars;
  input.placeholder = "Ask a question about the article";
  var send = el("button", "rac-send", "Send");
  send.type = "submit";
  form.appendChild(label);
  form.appendChild(input);
  form.appendChild(send);
  root.appendChild(header);
  root.appendChild(status);
  root.appendChild(log);
  root.appendChild(typing);
  root.appendChild(form);

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  var QUOTED = /^\u201c([\s\S]+)\u201d$/;

  function quoteLine(sentence, display) {
    var line = el("p", null, display);
    if (!config.quoteEvent) {
      return line;
    }
    line.className = "rac-quote-link";
    line.tabIndex = 0;
    line.setAttribute("role", "button");
    line.title = "Show this sentence in the article";
    function show() {
      document.dispatchEvent(new CustomEvent(config.quoteEvent, { detail: { text: sentence } }));
    }
    line.addEventListener("click", show);
    line.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " ") {
        event.preventDefault();
        show();
      }
    });
    return line;
  }

  function renderSource(caption, quotes) {
    var figure = el("figure", "rac-source");
    figure.appendChild(el("figcaption", "rac-source-caption", caption));
    var quote = el("blockquote", "rac-quote");
    quotes.forEach(function (line) {
      quote.appendChild(quoteLine(QUOTED.exec(line)[1], line));
    });
    figure.appendChild(quote);
    return figure;
  }

  // A bot message: its text, then each block of “quoted” lines under the source
  // heading as the article quote (a reply to a question in several parts has several).
  function renderBot(text) {
    var nodes = [];
    var lines = text.split("\n");
    var prose = [];
    function flushProse() {
      var joined = prose.join("\n").replace(/^\n+|\n+$/g, "");
      prose = [];
      if (joined) {
        var node = el("div", "rac-msg rac-bot");
        node.appendChild(el("span", "rac-visually-hidden", "Assistant: "));
        node.appendChild(document.createTextNode(joined));
        nodes.push(node);
      }
    }
    for (var i = 0; i < lines.length; i++) {
      var line = lines[i];
      var heading = line.trim();
      var quotes = [];
      for (var j = i + 1; j < lines.length && QUOTED.test(lines[j].trim()); j++) {
        quotes.push(lines[j].trim());
      }
      if (quotes.length && heading.slice(-config.sourceHeading.length) === config.sourceHeading) {
        prose.push(heading.slice(0, heading.length - config.sourceHeading.length));
        flushProse();
        nodes.push(renderSource(config.sourceHeading, quotes));
        i = j - 1;
      } else {
        prose.push(line);
      }
    }
    flushProse();
    return nodes;
  }

  function renderButtons(buttons) {
    var group = el("div", "rac-buttons");
    group.setAttribute("role", "group");
    group.setAttribute("aria-label", "Suggested questions");
    buttons.forEach(function (button) {
      var b = el("button", "rac-button", button.title);
      b.type = "button";
      b.addEventListener("click", function () {
        ask(button.title, button.payload);
        input.focus();
      });
      group.appendChild(b);
    });
    return group;
  }

  function clearButtons() {
    var groups = log.querySelectorAll(".rac-buttons");
    for (var i = 0; i < groups.length; i++) {
      groups[i].remove();
    }
  }

  function renderMessage(message, isLast) {
    var node;
    if (message.from === "user") {
      node = el("div", "rac-msg rac-user");
      node.appendChild(el("span", "rac-visually-hidden", "You: "));
      node.appendChild(document.createTextNode(message.text));
      if (message.pending) {
        node.classList.add("rac-pending");
        node.appendChild(el("span", "rac-pending-note", " (not sent yet)"));
      }
    } else if (message.from === "note") {
      node = el("div", "rac-note", message.text);
    } else {
      renderBot(message.text).forEach(function (part) {
        log.appendChild(part);
      });
    }
    if (node) {
      log.appendChild(node);
    }
    if (isLast && message.buttons && message.buttons.length) {
      log.appendChild(renderButtons(message.buttons));
    }
  }

  function renderAll() {
    log.textContent = "";
    state.messages.forEach(function (message, i) {
      renderMessage(message, i === state.messages.length - 1);
    });
    scrollToEnd();
  }

  function addMessage(message) {
    clearButtons();
    state.messages.push(message);
    saveState();
    renderMessage(message, true);
    scrollToEnd();
  }

  // ---- talking to the server -------------------------------------------------

  var socket = null;
  var ready = false;
  var replyTimer = null;

  function showTyping(on) {
    typing.hidden = !on;
    window.clearTimeout(replyTimer);
    if (on) {
      replyTimer = window.setTimeout(function () {
        typing.hidden = true;
        addMessage({
          from: "note",
          text: "No answer yet. The assistant may be busy; please try again in a moment.",
        });
      }, config.replyTimeoutMs);
    }
  }

  function showStatus(text) {
    status.textContent = text;
    status.hidden = !text;
  }

  function emitUtterance(item) {
    socket.emit("user_uttered", { message: item.payload, session_id: state.sessionId });
    showTyping(true);
  }

  function flushOutbox() {
    var pending = state.outbox;
    state.outbox = [];
    state.messages.forEach(function (m) {
      delete m.pending;
    });
    saveState();
    renderAll();
    pending.forEach(emitUtterance);
  }

  // Sends what the reader asked, or keeps it until the connection is back.
  function ask(text, payload) {
    var item = { text: text, payload: payload || text };
    addMessage({ from: "user", text: text, pending: !ready });
    if (ready) {
      emitUtterance(item);
    } else {
      state.outbox.push(item);
      saveState();
    }
  }

  function onBotMessage(data) {
    if (!data || typeof data !== "object") {
      return;
    }
    showTyping(false);
    var text = typeof data.text === "string" ? data.text : "";
    var buttons = [];
    if (Array.isArray(data.quick_replies)) {
      data.quick_replies.forEach(function (reply) {
        if (reply && typeof reply.title === "string" && typeof reply.payload === "string") {
          buttons.push({ title: reply.title, payload: reply.payload });
        }
      });
    }
    if (!text && !buttons.length) {
      return;
    }
    addMessage({ from: "bot", text: text, buttons: buttons });
  }

  function connect() {
    if (!config.serverUrl || typeof window.io !== "function") {
      showStatus("The chat is not configured correctly (no server address or socket.io client).");
      return;
    }
    socket = window.io(config.serverUrl, {
      path: config.socketPath,
      reconnectionDelay: 1000,
      reconnectionDelayMax: 5000,
    });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      state.sessionId = typeof sessionId === "string" ? sessionId : state.sessionId;
      ready = true;
      showStatus("");
      saveState();
      flushOutbox();
      if (!state.greeted && config.initialPayload) {
        state.greeted = true;
        saveState();
        emitUtterance({ text: "", payload: config.initialPayload });
      }
    });
    socket.on("bot_uttered", onBotMessage);
    socket.on("disconnect", function () {
      ready = false;
      showTyping(false);
      typing.hidden = true;
      showStatus("Can't reach the assistant. Reconnecting…");
    });
    socket.on("connect_error", function () {
      ready = false;
      showStatus("Can't reach the assistant. Reconnecting…");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) {
      return;
    }
    input.value = "";
    ask(text);
  });

  // ---- placing the widget on the page ---------------------------------------

  function mount() {
    var host = config.container ? document.querySelector(config.container) : null;
    if (host) {
      root.classList.add("rac-inline");
      host.appendChild(root);
    } else {
      var panelId = uid + "-panel";
      root.id = panelId;
      root.classList.add("rac-floating");
      root.hidden = true;
      var launcher = el("button", "rac-launcher", config.title);
      launcher.type = "button";
      launcher.setAttribute("aria-expanded", "false");
      launcher.setAttribute("aria-controls", panelId);
      launcher.addEventListener("click", function () {
        root.hidden = !root.hidden;
        launcher.setAttribute("aria-expanded", String(!root.hidden));
        if (!root.hidden) {
          input.focus();
          scrollToEnd();
        }
      });
      root.addEventListener("keydown", function (event) {
        if (event.key === "Escape") {
          root.hidden = true;
          launcher.setAttribute("aria-expanded", "false");
          launcher.focus();
        }
      });
      document.body.appendChild(root);
      document.body.appendChild(launcher);
    }
    renderAll();
    connect();
  }

  function loadAsset(tag, attrs, then) {
    var node = document.createElement(tag);
    Object.keys(attrs).forEach(function (k) {
      node[k] = attrs[k];
    });
    if (then) {
      node.addEventListener("load", then);
      node.addEventListener("error", then);
    }
    document.head.appendChild(node);
  }

  loadAsset("link", { rel: "stylesheet", href: new URL("chat-widget.css", base).href });

  function start() {
    if (typeof window.io === "function") {
      mount();
    } else {
      loadAsset("script", { src: new URL("../vendor/socket.io.min.js", base).href }, mount);
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
