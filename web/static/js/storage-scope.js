// rasa-webchat keeps its conversation under one fixed storage key, "chat_session".
// The site and the revision page are two different conversations on the same origin,
// so the key is renamed per page ("chat_session:site", "chat_session:revision") before
// the widget loads. Only that key is touched.
(function () {
  "use strict";
  var holder = document.getElementById("climabot-chat");
  var scope = holder && holder.dataset.storageKey;
  if (!scope) return;
  var KEY = "chat_session";
  var scoped = KEY + ":" + scope;
  var proto = Storage.prototype;
  var getItem = proto.getItem, setItem = proto.setItem, removeItem = proto.removeItem;
  function rename(key) { return key === KEY ? scoped : key; }
  proto.getItem = function (key) { return getItem.call(this, rename(key)); };
  proto.setItem = function (key, value) { return setItem.call(this, rename(key), value); };
  proto.removeItem = function (key) { return removeItem.call(this, rename(key)); };
})();
