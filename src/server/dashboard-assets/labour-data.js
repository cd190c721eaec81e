// The Labour Office's page: sends each chosen file to /api/labour-data/uploads (raw bytes, the
// name in a header), shows what was refused and why, then opens the draft's report and preview.
(function () {
  "use strict";
  var dataEl = document.getElementById("labour-data");
  var data = dataEl ? JSON.parse(dataEl.textContent || "{}") : {};
  var draft = data.draft || null;
  var button = document.getElementById("upload");
  var input = document.getElementById("files");
  var out = document.getElementById("upload-result");
  if (!button || !input || !out) return;

  function line(text, cls) {
    var p = document.createElement("p");
    p.textContent = text;
    if (cls) p.className = cls;
    out.appendChild(p);
  }

  async function send(file) {
    var url = "/api/labour-data/uploads" + (draft ? "?draft=" + encodeURIComponent(draft) : "");
    var res = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) },
      body: file,
    });
    var body = {};
    try { body = await res.json(); } catch { body = {}; }
    return { ok: res.ok, status: res.status, body: body };
  }

  button.addEventListener("click", async function () {
    out.textContent = "";
    var files = Array.prototype.slice.call(input.files || []);
    if (!files.length) { line("Chưa chọn tệp nào.", "error"); return; }
    button.disabled = true;
    var refused = 0;
    var accepted = 0;
    for (var i = 0; i < files.length; i++) {
      var result;
      try { result = await send(files[i]); } catch { result = { ok: false, status: 0, body: {} }; }
      if (result.ok) {
        accepted++;
        draft = result.body.draftId;
      } else {
        refused++;
        var err = result.body.error || {};
        line(err.messageVi || ("Tệp " + files[i].name + ": không tải lên được."), "error upload-refused");
        (result.body.report || []).forEach(function (r) { line(r.text, "report-line"); });
      }
    }
    button.disabled = false;
    if (accepted && !refused) { window.location.assign("/dashboard/du-lieu?draft=" + encodeURIComponent(draft)); return; }
    if (accepted) {
      var a = document.createElement("a");
      a.href = "/dashboard/du-lieu?draft=" + encodeURIComponent(draft);
      a.id = "open-draft";
      a.textContent = "Xem kết quả kiểm tra các tệp đã nhận";
      out.appendChild(a);
    }
  });
})();
