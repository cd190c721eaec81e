// Web chat: sends questions to POST /api/chat and shows answers, their sources and suggestions.
// Answer text is always inserted as text (textContent), never as HTML.

const STORAGE_KEY = "tracu-chat-user-id";
const MESSAGES = {
  thinking: "Đang tìm câu trả lời…",
  empty: "Bạn chưa nhập câu hỏi.",
  tooLong: "Câu hỏi dài quá 2.000 ký tự. Bạn vui lòng rút gọn câu hỏi.",
  badRequest: "Câu hỏi chưa gửi được. Bạn vui lòng kiểm tra và gửi lại.",
  rateLimited: "Bạn hỏi hơi nhanh. Vui lòng đợi một chút rồi hỏi lại.",
  server: "Xin lỗi, hệ thống đang bận. Bạn vui lòng thử lại sau ít phút.",
  network: "Không kết nối được tới máy chủ. Bạn kiểm tra mạng rồi thử lại nhé.",
  sources: "Nguồn:",
  suggestions: "Gợi ý câu hỏi tiếp theo",
  you: "Bạn hỏi",
  bot: "Trợ lý trả lời",
};

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");
const send = document.getElementById("send");
const status = document.getElementById("status");
let busy = false;

/** A random id kept in this browser, so follow-up questions keep their context. */
function userId() {
  try {
    let id = localStorage.getItem(STORAGE_KEY);
    if (!id) {
      id = randomId();
      localStorage.setItem(STORAGE_KEY, id);
    }
    return id;
  } catch {
    // Storage blocked (private mode): one id for this page view.
    userId.fallback ??= randomId();
    return userId.fallback;
  }
}

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID exists only on https and localhost; getRandomValues works everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** "2026-11-15" → "15/11/2026" */
function formatDate(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? "");
  return match ? `${match[3]}/${match[2]}/${match[1]}` : iso;
}

function element(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function addUserMessage(text) {
  const item = element("li", "message user");
  item.append(element("span", "visually-hidden", `${MESSAGES.you}: `), element("p", "text", text));
  log.append(item);
  item.scrollIntoView({ block: "end" });
}

function addBotMessage(reply) {
  const item = element("li", "message bot");
  item.append(element("span", "visually-hidden", `${MESSAGES.bot}: `));
  const sources = Array.isArray(reply.sources) ? reply.sources : [];
  // The sources are listed below, so the answer's own "Nguồn: …" line is not repeated.
  const text = sources.length > 0 ? String(reply.answer).replace(/\n?Nguồn:[^\n]*$/u, "").trimEnd() : String(reply.answer);
  item.append(element("p", "text", text));
  if (sources.length > 0) {
    item.append(element("p", "sources-title", MESSAGES.sources));
    const list = element("ul", "sources");
    for (const source of sources) {
      const parts = [source.title, source.ref, source.asOf ? formatDate(source.asOf) : undefined].filter(Boolean);
      list.append(element("li", "source", parts.join(", ")));
    }
    item.append(list);
  }
  if (Array.isArray(reply.suggestions) && reply.suggestions.length > 0) {
    const list = element("ul", "suggestions");
    list.setAttribute("aria-label", MESSAGES.suggestions);
    for (const suggestion of reply.suggestions) {
      const li = element("li");
      const button = element("button", "suggestion", suggestion);
      button.type = "button";
      button.addEventListener("click", () => ask(suggestion));
      li.append(button);
      list.append(li);
    }
    item.append(list);
  }
  log.append(item);
  item.scrollIntoView({ block: "start" });
}

function setStatus(text, isError = false) {
  status.textContent = text;
  status.classList.toggle("error", isError);
}

async function errorText(response) {
  if (response.status === 429) return MESSAGES.rateLimited;
  if (response.status >= 500) return MESSAGES.server;
  try {
    const body = await response.json();
    if (body?.error?.messageVi) return body.error.messageVi;
    if (body?.error?.code === "text_too_long") return MESSAGES.tooLong;
  } catch {
    // Not JSON: fall through to the generic text.
  }
  return response.status === 413 ? MESSAGES.tooLong : MESSAGES.badRequest;
}

async function ask(question, fromInput = false) {
  const text = question.trim();
  if (busy) return;
  if (!text) {
    setStatus(MESSAGES.empty, true);
    input.focus();
    return;
  }
  if (text.length > 2000) {
    setStatus(MESSAGES.tooLong, true);
    return;
  }
  busy = true;
  send.disabled = true;
  log.setAttribute("aria-busy", "true");
  addUserMessage(text);
  setStatus(MESSAGES.thinking);
  try {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, userId: userId(), channel: "web" }),
    });
    if (!response.ok) {
      setStatus(await errorText(response), true);
      return;
    }
    const reply = await response.json();
    addBotMessage(reply);
    setStatus("");
    // A menu or suggestion press leaves a half-typed question alone.
    if (fromInput) input.value = "";
  } catch {
    setStatus(MESSAGES.network, true);
  } finally {
    busy = false;
    send.disabled = false;
    log.removeAttribute("aria-busy");
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  void ask(input.value, true);
});

input.addEventListener("keydown", (event) => {
  // Enter sends; Shift+Enter makes a new line; composing (Vietnamese IME) must not send.
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    void ask(input.value, true);
  }
});

for (const button of document.querySelectorAll(".menu-item")) {
  button.addEventListener("click", () => void ask(button.dataset.question ?? button.textContent ?? ""));
}
