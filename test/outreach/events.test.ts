/**
 * Events: "sắp tới có hội thảo / ngày hội việc làm nào?" answered from knowledge/events/*.yaml and
 * the events added in the dashboard, with and without diacritics, filtered by the commune named in
 * the message or kept in the profile; past events never offered; no upcoming event → "none yet,
 * ask the school or the UBND xã"; the shipped folder holds no invented event, its example only
 * with LOAD_EXAMPLES; the dashboard's event API; an announcement prefilled from an event.
 */
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUpcoming } from "../../src/answering/event-answerer.js";
import { createEngine } from "../../src/compose.js";
import { eventRepliesVi, repliesVi } from "../../src/messages-vi.js";
import { EventCatalog } from "../../src/outreach/event-catalog.js";
import { addDays, localIsoDate } from "../../src/store/local-date.js";
import { KNOWLEDGE_DIR } from "../helpers/test-knowledge.js";
import { startOutreachHarness, telegramCallback, telegramText, until, type OutreachHarness } from "./helpers/outreach-harness.js";

let h: OutreachHarness;
const today = localIsoDate(new Date());
const day = (n: number) => addDays(today, n);

const EVENTS_YAML = `events:
  - id: ngay-hoi-long-hiep
    name: Ngày hội việc làm Long Hiệp
    date: ${day(10)}
    time: "07:30"
    place: Hội trường UBND xã Long Hiệp
    commune: Long Hiệp
    audience: Thanh niên và học sinh lớp 12
    organiser: Trung tâm Văn hóa - Thông tin và Thể thao
    contact: Văn phòng UBND xã
  - name: Hội thảo chọn nghề toàn vùng
    date: ${day(20)}
    place: Nhà văn hóa xã Trà Cú
  - name: Tư vấn tuyển sinh Tập Sơn
    date: ${day(1)}
    time: "14:00"
    place: Trường THCS Tập Sơn
    commune: Xã Tập Sơn
  - name: Ngày hội đã qua
    date: ${day(-1)}
    place: Sân vận động
`;

beforeAll(async () => {
  h = await startOutreachHarness({ copyKnowledge: true });
  fs.writeFileSync(path.join(h.knowledgeDir, "events", "lich-thu.yaml"), EVENTS_YAML);
  fs.writeFileSync(path.join(h.knowledgeDir, "events", "loi.yaml"), "events:\n  - name: Thiếu ngày\n    place: Ở đâu đó\n");
  for (const event of [
    { name: "Buổi tư vấn Đại An", date: day(5), time: "08:00", place: "Trường THPT Đại An", commune: "Xã Đại An" },
    { name: "Hội thảo tuần trước", date: day(-7), place: "Nhà văn hóa" },
  ]) {
    expect((await h.api("POST", "/api/outreach/events", event)).status).toBe(201);
  }
});
afterAll(async () => {
  await h?.close();
});

async function ask(text: string): Promise<{ answer: string; answered: boolean; topic: string; sources: { title: string }[] }> {
  const res = await fetch(`${h.url}/api/chat`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ text }) });
  expect(res.status).toBe(200);
  return (await res.json()) as { answer: string; answered: boolean; topic: string; sources: { title: string }[] };
}

const UPCOMING = ["Tư vấn tuyển sinh Tập Sơn", "Buổi tư vấn Đại An", "Ngày hội việc làm Long Hiệp", "Hội thảo chọn nghề toàn vùng"];
const PAST = ["Ngày hội đã qua", "Hội thảo tuần trước"];

describe("events", () => {
  it("should list the upcoming events, soonest first, with and without diacritics", async () => {
    for (const question of ["Sắp tới có hội thảo hay ngày hội việc làm nào?", "sap toi co ngay hoi viec lam nao khong"]) {
      const reply = await ask(question);
      expect(reply, question).toMatchObject({ answered: true, topic: "contact_and_events", sources: [{ title: eventRepliesVi.sourceTitle }] });
      const positions = UPCOMING.map((name) => reply.answer.indexOf(name));
      expect(positions.every((p) => p >= 0), question).toBe(true);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      for (const name of PAST) expect(reply.answer, question).not.toContain(name);
      expect(reply.answer).toContain(`07:30`);
      expect(reply.answer).toContain("Hội trường UBND xã Long Hiệp");
    }
  });

  it("should keep to the commune named in the message and the events for the whole area", async () => {
    const reply = await ask("Ở Long Hiệp sắp tới có ngày hội việc làm nào không?");
    expect(reply.answer).toContain(eventRepliesVi.headingCommune("Xã Long Hiệp"));
    expect(reply.answer).toContain("Ngày hội việc làm Long Hiệp");
    expect(reply.answer).toContain("Hội thảo chọn nghề toàn vùng");
    expect(reply.answer).not.toContain("Tư vấn tuyển sinh Tập Sơn");
    expect(reply.answer).not.toContain("Buổi tư vấn Đại An");
  });

  it("should read a day, a month or a commune asked of a job fair as a question about the events", async () => {
    for (const question of ["ngay hoi viec lam thang 12 o xa Long Hiep to chuc ngay may", "ngày hội việc làm ở xã Long Hiệp"]) {
      const reply = await ask(question);
      expect(reply.sources, question).toEqual([{ title: eventRepliesVi.sourceTitle }]);
      expect(reply.answer, question).toContain("Ngày hội việc làm Long Hiệp");
    }
  });

  it("should use the commune of the user's profile on the chat channels", async () => {
    const user = 6_500_000_001;
    const sent = () => h.telegram.deliveredTo(String(user));
    const post = async (update: Record<string, unknown>) => {
      const before = sent().length;
      await h.postTelegram(update);
      await until(() => sent().length > before, "reply");
      return String(sent().at(-1)!.body.text);
    };
    await post(telegramCallback("pf:role:student", user));
    await post(telegramCallback("pf:commune:5", user)); // Xã Tập Sơn
    const reply = await post(telegramText("sắp tới có hội thảo nào không ạ", user));
    expect(reply).toContain("Tư vấn tuyển sinh Tập Sơn");
    expect(reply).toContain("Hội thảo chọn nghề toàn vùng");
    expect(reply).not.toContain("Ngày hội việc làm Long Hiệp");
    const record = (await h.records()).at(-1)!;
    expect(record).toMatchObject({ topic: "contact_and_events", answerer: "events", answered: true, commune: "Xã Tập Sơn" });
  });

  it("should say there is none yet and point to the school and the UBND xã, never offering a past event", async () => {
    const engine = createEngine(h.config, h.knowledge, {
      // A source that (wrongly) hands out a past event: the answer must still not offer it.
      events: { upcoming: async () => [{ id: "old", name: "Ngày hội năm ngoái", date: day(-365), place: "Hội trường" }] },
    });
    for (const question of ["sắp tới có ngày hội việc làm nào?", "sap toi co hoi thao nao"]) {
      const reply = await engine.answer({ text: question });
      expect(reply).toMatchObject({ answered: false, topic: "contact_and_events", answerer: "events" });
      expect(reply.answer).toBe(eventRepliesVi.none);
      expect(reply.answer).toMatch(/nhà trường.*UBND xã/);
      expect(reply.answer).not.toContain("năm ngoái");
    }
  });

  it("should treat an event of today as past once its start time has gone", () => {
    const now = new Date("2026-12-05T03:00:00Z"); // 10:00 in Vietnam
    expect(isUpcoming({ date: "2026-12-05", time: "09:30" }, now)).toBe(false);
    expect(isUpcoming({ date: "2026-12-05", time: "10:30" }, now)).toBe(true);
    expect(isUpcoming({ date: "2026-12-05" }, now)).toBe(true);
    expect(isUpcoming({ date: "2026-12-04", time: "23:59" }, now)).toBe(false);
    expect(isUpcoming({ date: "2026-12-06", time: "00:00" }, now)).toBe(true);
  });

  it("should leave event questions to the knowledge when the message only asks what a seminar is", async () => {
    const reply = await ask("hội thảo là gì");
    expect(reply.sources.map((s) => s.title)).not.toContain(eventRepliesVi.sourceTitle);
  });

  it("should leave a long message to the knowledge when only its story mentions an event", async () => {
    const reply = await ask(
      "Tôi là giáo viên tư vấn hướng nghiệp ở trường THCS. Dự thảo nghị định về hướng nghiệp và phân luồng trong giáo dục được đưa ra lấy ý kiến vào tháng mấy năm nào?",
    );
    expect(reply.sources.map((s) => s.title)).not.toContain(eventRepliesVi.sourceTitle);
    // The knowledge's reply on the draft decree (or, if the answer check doubts it, its "no sure
    // information" on that topic), never the list of events.
    expect(reply.topic).toBe("phan_luong_policy");
    expect(reply.answer).not.toContain(eventRepliesVi.sourceTitle);
  });

  it("should ship no event, and read the invented example only with LOAD_EXAMPLES", async () => {
    const store = { listEvents: async () => [] };
    const communes = () => h.knowledge.current().lexicon.communes;
    const shipped = new EventCatalog({ knowledgeDir: KNOWLEDGE_DIR, loadExamples: false, store, communes });
    expect(await shipped.all()).toEqual([]);
    expect(shipped.issues).toEqual([]);
    const withExamples = new EventCatalog({ knowledgeDir: KNOWLEDGE_DIR, loadExamples: true, store, communes });
    const examples = await withExamples.all();
    expect(examples.length).toBeGreaterThan(0);
    expect(examples.every((e) => e.example && e.name.startsWith("[Mẫu]"))).toBe(true);
    const engine = createEngine(h.config, h.knowledge, { events: withExamples });
    const reply = await engine.answer({ text: "sắp tới có ngày hội nào?" });
    expect(reply.answer).toContain(repliesVi.exampleData);
  });

  it("should report event file problems and skip the bad entry", async () => {
    const issues = h.outreach.events.issues;
    expect(issues).toEqual([expect.objectContaining({ file: "loi.yaml", entry: 1, message: expect.stringContaining("date") })]);
  });

  it("should validate, list and delete dashboard events", async () => {
    const bad = await h.api("POST", "/api/outreach/events", { name: "X", date: "2026-02-30", place: "Y" });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { message: string } }).error.message).toMatch(/^date/);
    const unknownCommune = await h.api("POST", "/api/outreach/events", { name: "X", date: day(3), place: "Y", commune: "Xã Không Có" });
    expect(unknownCommune.status).toBe(400);
    const created = await h.api("POST", "/api/outreach/events", { name: "Sẽ xóa", date: day(3), place: "Y", commune: "dai an" });
    expect(created.status).toBe(201);
    const event = (await created.json()) as { id: string; commune: string };
    expect(event.commune).toBe("Xã Đại An");
    const listed = (await (await h.api("GET", "/api/outreach/events")).json()) as { upcoming: { name: string }[]; past: { name: string }[] };
    expect(listed.upcoming.map((e) => e.name)).toContain("Sẽ xóa");
    expect(listed.past.map((e) => e.name)).toEqual(expect.arrayContaining(PAST));
    expect((await h.api("DELETE", `/api/outreach/events/${event.id}`)).status).toBe(204);
    expect((await h.api("DELETE", `/api/outreach/events/${event.id}`)).status).toBe(404);
  });

  it("should prefill an announcement from an event", async () => {
    const event = (await h.outreach.events.all()).find((e) => e.name === "Ngày hội việc làm Long Hiệp")!;
    const res = await fetch(`${h.url}/dashboard/announcements?event=${encodeURIComponent(event.id)}`, { headers: { authorization: h.basic } });
    expect(res.status).toBe(200);
    const html = await res.text();
    const [y, m, d] = day(10).split("-");
    expect(html).toMatch(new RegExp(`<textarea id="a-text"[^>]*>Ngày hội việc làm Long Hiệp\\nThời gian: 07:30, ${d}/${m}/${y}`));
    expect(html).toContain('<option value="su_kien" selected>');
    expect(html).toMatch(/value="Xã Long Hiệp" checked/);
    expect(html).toContain(`value="${event.id}"`);
  });
});
