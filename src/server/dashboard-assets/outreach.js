/*
 * Script of the dashboard's outreach pages: announcement preview and confirmation, the event form,
 * answering unanswered questions and approving FAQ drafts, printing the report. Every change goes
 * through the JSON API (same origin, session cookie); texts come from #outreach-data.
 */
(function () {
  "use strict";

  var source = document.getElementById("outreach-data");
  var data = source ? JSON.parse(source.textContent || "{}") : {};
  var T = data.text || {};

  function byId(id) {
    return document.getElementById(id);
  }

  function api(method, url, body) {
    return fetch(url, {
      method: method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(function (response) {
      if (response.status === 401) {
        window.location.href = "/dashboard/login";
        throw new Error("login");
      }
      if (response.status === 204) return { status: 204, json: null };
      return response.json().then(
        function (json) {
          return { status: response.status, json: json };
        },
        function () {
          return { status: response.status, json: null };
        },
      );
    });
  }

  function show(element, message) {
    if (!element) return;
    element.textContent = message || "";
    element.hidden = !message;
  }

  function errorText(result, fallback) {
    var error = result && result.json && result.json.error;
    return error ? (error.messageVi && error.code !== "bad_request" ? error.messageVi : fallback + (error.message ? " (" + error.message + ")" : "")) : fallback;
  }

  function formatNumber(n) {
    return Number(n).toLocaleString("vi-VN");
  }

  // === announcements

  var form = byId("announcement-form");
  if (form) {
    var previewBox = byId("a-preview-box");
    var status = byId("a-status");
    var errorBox = byId("a-error");
    var lastHash = null;
    var lastDraft = null;

    var draft = function () {
      var communes = Array.prototype.map.call(form.querySelectorAll('input[name="communes"]:checked'), function (box) {
        return box.value;
      });
      var link = byId("a-link").value.trim();
      var eventId = byId("a-event").value;
      var value = { text: byId("a-text").value, topic: byId("a-topic").value, communes: communes };
      if (link) value.link = link;
      if (eventId) value.eventId = eventId;
      return value;
    };

    byId("a-preview").addEventListener("click", function () {
      show(errorBox, "");
      status.textContent = "";
      var value = draft();
      api("POST", "/api/outreach/announcements/preview", value)
        .then(function (result) {
          if (result.status !== 200) throw result;
          lastHash = result.json.contentHash;
          lastDraft = value;
          byId("a-preview-text").textContent = result.json.message;
          var r = result.json.recipients;
          var parts = Object.keys(r.byChannel).map(function (c) {
            return c + " " + formatNumber(r.byChannel[c]);
          });
          byId("a-recipients").textContent = T.recipients.replace("{n}", formatNumber(r.total)) + (parts.length ? " (" + parts.join(", ") + ")" : "");
          byId("a-recipients").setAttribute("data-count", String(r.total));
          byId("a-confirm").disabled = r.total === 0;
          if (r.total === 0) status.textContent = T.noRecipients;
          previewBox.hidden = false;
          byId("a-confirm").focus();
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          show(errorBox, errorText(result, T.sendFailed));
        });
    });

    byId("a-edit").addEventListener("click", function () {
      previewBox.hidden = true;
      byId("a-text").focus();
    });

    byId("a-confirm").addEventListener("click", function () {
      if (!lastDraft || !lastHash) return;
      var body = Object.assign({}, lastDraft, { contentHash: lastHash });
      byId("a-confirm").disabled = true;
      api("POST", "/api/outreach/announcements", body)
        .then(function (result) {
          if (result.status === 409) {
            previewBox.hidden = true;
            show(errorBox, T.changed);
            return;
          }
          if (result.status !== 201) throw result;
          previewBox.hidden = true;
          status.textContent = T.queued.replace("{n}", formatNumber(result.json.recipientCount));
          status.setAttribute("data-announcement", result.json.id);
          form.reset();
          lastHash = null;
          lastDraft = null;
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          show(errorBox, errorText(result, T.sendFailed));
        })
        .then(function () {
          byId("a-confirm").disabled = false;
        });
    });
  }

  // === events

  var eventForm = byId("event-form");
  if (eventForm) {
    eventForm.addEventListener("submit", function (event) {
      event.preventDefault();
      show(byId("e-error"), "");
      var value = {};
      ["name", "date", "time", "place", "commune", "audience", "organiser", "contact"].forEach(function (name) {
        var field = eventForm.elements.namedItem(name);
        if (field && field.value.trim()) value[name] = field.value.trim();
      });
      api("POST", "/api/outreach/events", value)
        .then(function (result) {
          if (result.status !== 201) throw result;
          byId("e-status").textContent = T.eventAdded;
          window.location.reload();
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          show(byId("e-error"), errorText(result, T.saveFailed));
        });
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("button.delete-event"), function (button) {
    button.addEventListener("click", function () {
      // Deleting cannot be undone: ask first.
      if (!window.confirm(T.confirmDeleteEvent.replace("{n}", button.getAttribute("data-name") || ""))) return;
      api("DELETE", "/api/outreach/events/" + encodeURIComponent(button.getAttribute("data-id"))).then(function (result) {
        if (result.status === 204) window.location.reload();
      });
    });
  });

  // === follow-up: FAQ drafts

  Array.prototype.forEach.call(document.querySelectorAll("article.draft"), function (article) {
    var id = article.getAttribute("data-id");
    var statusLine = article.querySelector(".d-status");
    var buttons = article.querySelectorAll("button");
    var disable = function (value) {
      Array.prototype.forEach.call(buttons, function (b) {
        b.disabled = value;
      });
    };
    article.querySelector("button.approve").addEventListener("click", function () {
      disable(true);
      api("POST", "/api/outreach/faq-drafts/" + encodeURIComponent(id) + "/approve", {
        question: article.querySelector(".d-question").value,
        answer: article.querySelector(".d-answer").value,
        topic: article.querySelector(".d-topic").value,
      })
        .then(function (result) {
          if (result.status !== 200) throw result;
          statusLine.textContent = T.approved;
          article.classList.add("is-done");
          article.setAttribute("data-status", "approved");
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          statusLine.textContent = errorText(result, T.saveFailed);
          disable(false);
        });
    });
    article.querySelector("button.reject").addEventListener("click", function () {
      if (!window.confirm(T.confirmReject)) return;
      disable(true);
      api("POST", "/api/outreach/faq-drafts/" + encodeURIComponent(id) + "/reject", {})
        .then(function (result) {
          if (result.status !== 200) throw result;
          statusLine.textContent = T.rejected;
          article.classList.add("is-done");
          article.setAttribute("data-status", "rejected");
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          statusLine.textContent = errorText(result, T.saveFailed);
          disable(false);
        });
    });
  });

  // === follow-up: answer an unanswered question

  Array.prototype.forEach.call(document.querySelectorAll("article.question"), function (article) {
    var id = article.getAttribute("data-id");
    var statusLine = article.querySelector(".q-status");
    var button = article.querySelector("button.answer");
    button.addEventListener("click", function () {
      var answer = article.querySelector(".q-answer").value.trim();
      if (!answer) {
        article.querySelector(".q-answer").focus();
        return;
      }
      button.disabled = true;
      api("POST", "/api/outreach/unanswered/" + encodeURIComponent(id) + "/answer", { answer: answer, approve: article.querySelector(".q-approve").checked })
        .then(function (result) {
          if (result.status !== 200) throw result;
          statusLine.textContent = result.json.delivered ? T.replySent : T.replySaved;
          if (result.json.answer.status === "approved") statusLine.textContent += " " + T.approved;
          article.classList.add("is-done");
          article.setAttribute("data-status", result.json.answer.status);
        })
        .catch(function (result) {
          if (result && result.message === "login") return;
          statusLine.textContent = errorText(result, T.saveFailed);
          button.disabled = false;
        });
    });
  });

  // === report

  var print = byId("report-print");
  if (print) {
    print.addEventListener("click", function () {
      window.print();
    });
  }
})();
