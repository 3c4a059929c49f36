// Starts rasa-webchat (served from web/node_modules) with the page's settings, in French.
// Buttons marked data-chat-payload open the chat and send their payload to the bot, with
// their data-chat-label shown as the visitor's message.
(function () {
  "use strict";
  var holder = document.getElementById("climabot-chat");
  if (!holder || !window.WebChat) return;
  var cfg = holder.dataset;
  var embedTarget = document.getElementById("climabot-embed");
  var widget = { current: null };

  window.WebChat.default(
    {
      // No URL: the page's own origin, where a proxy passes socket.io to Rasa (make class).
      socketUrl: cfg.socketUrl || window.location.origin,
      socketPath: cfg.socketPath,
      initPayload: cfg.initPayload,
      // Sent with every message: the bot greets and understands a customer or a student.
      customData: { audience: cfg.audience },
      title: cfg.title,
      subtitle: cfg.subtitle,
      inputTextFieldHint: "Écrivez votre message…",
      connectingText: "Connexion à l'assistant…",
      hideWhenNotConnected: false,
      embedded: Boolean(embedTarget),
      showMessageDate: false,
      params: { storage: "local" },
      customMessageDelay: function (message) {
        return Math.min(Math.max(message.length * 6, 250), 1200);
      },
      innerRef: widget,
    },
    embedTarget
  );

  function isOpen() {
    return Boolean(document.querySelector(".rw-conversation-container"));
  }

  function open() {
    if (embedTarget || isOpen()) return;
    var launcher = document.querySelector(".rw-launcher");
    if (launcher) launcher.click();
  }

  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-chat-reset]")) {
      window.localStorage.removeItem("chat_session"); // this page's key (storage-scope.js)
      window.location.reload();
      return;
    }
    var button = event.target.closest("[data-chat-payload]");
    if (!button) return;
    event.preventDefault();
    var payload = button.dataset.chatPayload;
    var fresh = !document.querySelector(".rw-conversation-container .rw-message");
    open();
    if (fresh && payload === cfg.initPayload) return; // opening sends it already
    whenSessionReady(function () {
      if (widget.current && widget.current.sendMessage) {
        widget.current.sendMessage(payload, button.dataset.chatLabel || "");
      }
    });
  });

  // rasa-webchat reads the session id when a message is sent, and sends the message once the
  // socket.io session is confirmed, with the id it read. A message sent earlier (a page button
  // clicked while a phone is still connecting) would carry none, and Rasa drops it unanswered:
  // so the page waits for the session, which the widget stores under "chat_session".
  function sessionId() {
    try {
      var saved = JSON.parse(window.localStorage.getItem("chat_session") || "{}");
      return saved && saved.session_id;
    } catch (error) {
      return null;
    }
  }

  function whenSessionReady(send) {
    if (sessionId()) return send();
    var waited = 0;
    var timer = window.setInterval(function () {
      waited += 100;
      // After a minute the connection has failed: the widget then says it is connecting.
      if (sessionId() || waited >= 60000) {
        window.clearInterval(timer);
        if (sessionId()) send();
      }
    }, 100);
  }

  // The widget's few built-in labels for screen readers, in French.
  function translate() {
    document.querySelectorAll(".rw-launcher").forEach(function (node) {
      node.setAttribute("aria-label", isOpen() ? "Fermer la discussion" : "Ouvrir la discussion");
    });
    document.querySelectorAll("img.rw-close").forEach(function (node) {
      node.setAttribute("alt", "Fermer");
    });
    document.querySelectorAll("img.rw-send-icon").forEach(function (node) {
      node.setAttribute("alt", "Envoyer");
    });
  }
  new MutationObserver(translate).observe(document.body, { childList: true, subtree: true });

  window.climabotChat = { widget: widget, open: open, isOpen: isOpen };
})();
