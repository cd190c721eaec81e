// Web chat: talks to the same conversation as Zalo and Telegram (POST /api/web/message), so /start,
// the menu, 👍/👎, the optional role and commune questions, "đăng ký nhận tin" and "xóa dữ liệu của
// tôi" work here as there. Text from the server is always inserted as text (textContent), never HTML.

const STORAGE_KEY = "tracu-chat-user-id";
const STARTED_KEY = "tracu-chat-started";
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
  choices: "Chọn một mục",
  feedback: "Câu trả lời có hữu ích không?",
  up: "👍 Hữu ích",
  down: "👎 Chưa",
  you: "Bạn hỏi",
  bot: "Trợ lý trả lời",
  deleteConfirm:
    "Xóa dữ liệu của bạn? Trợ lý sẽ quên câu hỏi gần nhất, vai trò và xã bạn đã chọn. Cuộc trò chuyện trên trang này cũng được xóa.",
  deleteCommand: "xóa dữ liệu của tôi",
  announcementsNone: "Hiện chưa có kênh Zalo hay Telegram nào được mở.",
};
// "xóa dữ liệu (của tôi)" or /xoadulieu, as the server reads them: after it, this browser gets a new id.
const DELETE_RE = /^(\/xoadulieu(@\w+)?|(xin )?xoa (het )?du lieu( cua (toi|em|minh|con))?( (di|giup|nhe|a|voi))*)$/;

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("question");
const send = document.getElementById("send");
const status = document.getElementById("status");
const deleteButton = document.getElementById("delete-data");

/** A random id kept in this browser (no name, nothing else): the conversation's memory is keyed on it. */
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

/** After "xóa dữ liệu": a fresh id, so nothing asked later links to what was asked before. */
function forgetUserId() {
  try {
    localStorage.setItem(STORAGE_KEY, randomId());
  } catch {
    userId.fallback = randomId();
  }
}

function randomId() {
  if (crypto.randomUUID) return crypto.randomUUID();
  // crypto.randomUUID exists only on https and localhost; getRandomValues works everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Lower case, no diacritics, single spaces: how the server compares commands. */
function folded(text) {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/g, "d").replace(/Đ/g, "d").toLowerCase().replace(/[^a-z0-9/@ ]+/g, " ").replace(/\s+/g, " ").trim();
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

function buttonList(className, label, items, onPick) {
  const list = element("ul", className);
  list.setAttribute("aria-label", label);
  for (const item of items) {
    const li = element("li");
    const button = element("button", className === "suggestions" ? "suggestion" : "choice", item.label);
    button.type = "button";
    button.addEventListener("click", () => onPick(item, button));
    li.append(button);
    list.append(li);
  }
  return list;
}

/** One reply of the conversation: its text (or answer with sources), then its buttons. */
function addBotReply(reply) {
  const item = element("li", "message bot");
  item.append(element("span", "visually-hidden", `${MESSAGES.bot}: `));
  const answer = reply.answer;
  const sources = Array.isArray(answer?.sources) ? answer.sources : [];
  // The sources are listed below, so the answer's own "Nguồn: …" line is not repeated.
  const raw = answer ? String(answer.text) : String(reply.text);
  const text = sources.length > 0 ? raw.replace(/\n?Nguồn:[^\n]*$/u, "").trimEnd() : raw;
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
  if (Array.isArray(answer?.suggestions) && answer.suggestions.length > 0) {
    const items = answer.suggestions.map((s) => ({ label: s }));
    item.append(buttonList("suggestions", MESSAGES.suggestions, items, (picked) => void ask(picked.label)));
  }
  if (reply.feedback) {
    const box = element("div", "feedback");
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", MESSAGES.feedback);
    for (const [label, payload, value] of [
      [MESSAGES.up, reply.feedback.up, "up"],
      [MESSAGES.down, reply.feedback.down, "down"],
    ]) {
      const button = element("button", `feedback-button ${value}`, label);
      button.type = "button";
      button.setAttribute("aria-pressed", "false");
      button.addEventListener("click", async () => {
        const buttons = box.querySelectorAll("button");
        for (const b of buttons) b.disabled = true;
        const sent = await pick(payload, undefined);
        if (!sent) {
          for (const b of buttons) b.disabled = false;
          return;
        }
        button.setAttribute("aria-pressed", "true");
      });
      box.append(button);
    }
    item.append(box);
  }
  if (reply.choices && Array.isArray(reply.choices.items) && reply.choices.items.length > 0) {
    item.append(
      buttonList(`choices ${reply.choices.style === "keyboard" ? "keyboard" : "inline"}`, MESSAGES.choices, reply.choices.items, (picked) => void pick(picked.payload, picked.label)),
    );
  }
  log.append(item);
  return item;
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

/** Messages go one after another, in the order the user sent them. */
let queue = Promise.resolve();

/** Sends one message (text or a button's payload) after those before it; true when the server answered. */
function post(body, shown) {
  const run = queue.then(() => postNow(body, shown));
  queue = run.catch(() => false);
  return run;
}

async function postNow(body, shown) {

  send.disabled = true;
  log.setAttribute("aria-busy", "true");
  if (shown) addUserMessage(shown);
  setStatus(MESSAGES.thinking);
  try {
    const response = await fetch("/api/web/message", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ userId: userId(), ...body }),
    });
    if (!response.ok) {
      setStatus(await errorText(response), true);
      return false;
    }
    const result = await response.json();
    const replies = Array.isArray(result.replies) ? result.replies : [];
    // Beyond the per-user limit the conversation stays silent.
    if (replies.length === 0) {
      setStatus(MESSAGES.rateLimited, true);
      return false;
    }
    let first;
    for (const reply of replies) {
      const item = addBotReply(reply);
      first ??= item;
    }
    first?.scrollIntoView({ block: "start" });
    setStatus("");
    return true;
  } catch {
    setStatus(MESSAGES.network, true);
    return false;
  } finally {

    send.disabled = false;
    log.removeAttribute("aria-busy");
  }
}

/** A button's payload; `label` is shown as what the user said (feedback shows nothing). */
function pick(payload, label) {
  return post({ choice: payload }, label);
}

async function ask(question, fromInput = false) {
  const text = question.trim();
  if (!text) {
    setStatus(MESSAGES.empty, true);
    input.focus();
    return;
  }
  if (text.length > 2000) {
    setStatus(MESSAGES.tooLong, true);
    return;
  }
  const deleting = DELETE_RE.test(folded(text));
  const answered = await post({ text }, text);
  // A menu or suggestion press leaves a half-typed question alone.
  if (answered && fromInput) input.value = "";
  if (answered && deleting) afterDeletion();
}

/** The server forgot this browser's data: forget the id and the conversation on screen too, keep the confirmation. */
function afterDeletion() {
  forgetUserId();
  const items = Array.from(log.children);
  for (const item of items.slice(0, -1)) item.remove();
}

async function deleteMyData() {
  if (!window.confirm(MESSAGES.deleteConfirm)) return;
  const answered = await post({ text: MESSAGES.deleteCommand }, MESSAGES.deleteCommand);
  if (answered) afterDeletion();
}

/** The note on announcements: which platforms carry them, with their links. */
async function showAnnouncementChannels() {
  const target = document.getElementById("announcement-links");
  if (!target) return;
  try {
    const response = await fetch("/api/web/settings");
    if (!response.ok) return;
    const settings = await response.json();
    const links = settings.announcements ?? {};
    target.textContent = "";
    const names = [
      ["zalo", "Zalo"],
      ["telegram", "Telegram"],
    ].filter(([key]) => typeof links[key] === "string");
    if (names.length === 0) {
      target.append(element("li", "", MESSAGES.announcementsNone));
      return;
    }
    for (const [key, name] of names) {
      const li = element("li");
      const url = links[key];
      if (/^https:\/\//.test(url)) {
        const a = element("a", `channel-link ${key}`, `${name}: ${url}`);
        a.href = url;
        a.rel = "noopener";
        a.target = "_blank";
        li.append(a);
      } else {
        li.textContent = name;
      }
      target.append(li);
    }
    if (settings.organisation?.name) {
      const org = document.getElementById("org-name");
      if (org) org.textContent = settings.organisation.contact ? `${settings.organisation.name} (liên hệ: ${settings.organisation.contact})` : settings.organisation.name;
    }
  } catch {
    // The note stays as written in the page.
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
deleteButton?.addEventListener("click", () => void deleteMyData());

void showAnnouncementChannels();

// A first visit starts like /start on Zalo or Telegram: the greeting, the note on anonymous
// records, the menu and the optional role question.
(async () => {
  let started = false;
  try {
    started = localStorage.getItem(STARTED_KEY) === "1";
  } catch {
    started = false;
  }
  if (started) return;
  if (await post({ text: "/start" }, undefined)) {
    try {
      localStorage.setItem(STARTED_KEY, "1");
    } catch {
      // Private mode: greeted again next time.
    }
  }
})();
