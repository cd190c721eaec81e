/*
 * Dashboard page script: draws the charts from the JSON the server put in #dashboard-data (Chart.js,
 * served locally) and handles the "đã xem" toggles of the unanswered queue. The page stays usable
 * without it: every chart has a table, and the filters are a plain form.
 */
(function () {
  "use strict";

  var source = document.getElementById("dashboard-data");
  if (!source) return;
  var data = JSON.parse(source.textContent || "{}");
  var text = data.text || {};
  var palette = ["#1f77b4", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f"];

  function chart(id, config) {
    var canvas = document.getElementById(id);
    if (!canvas || typeof Chart === "undefined") return;
    config.options = Object.assign(
      {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: config.type !== "bar" || (config.data.datasets || []).length > 1 } },
      },
      config.options || {},
    );
    new Chart(canvas, config);
  }

  function integerAxis(stacked) {
    return { beginAtZero: true, stacked: !!stacked, ticks: { precision: 0 } };
  }

  if (data.periods) {
    chart("chart-periods", {
      type: "bar",
      data: {
        labels: data.periods.labels,
        datasets: data.periods.datasets.map(function (d, i) {
          return { label: d.label, data: d.data, backgroundColor: palette[i % palette.length] };
        }),
      },
      options: { scales: { x: { stacked: true }, y: integerAxis(true) } },
    });
  }
  if (data.topics) {
    chart("chart-topics", {
      type: "bar",
      data: { labels: data.topics.labels, datasets: [{ label: text.count, data: data.topics.data, backgroundColor: palette[0] }] },
      options: { indexAxis: "y", scales: { x: integerAxis(false) } },
    });
  }
  if (data.communes) {
    chart("chart-communes", {
      type: "bar",
      data: { labels: data.communes.labels, datasets: [{ label: text.count, data: data.communes.data, backgroundColor: palette[1] }] },
      options: { scales: { y: integerAxis(false) } },
    });
  }
  if (data.roles) {
    chart("chart-roles", {
      type: "doughnut",
      data: { labels: data.roles.labels, datasets: [{ data: data.roles.data, backgroundColor: [palette[0], palette[2], palette[8]] }] },
    });
  }
  if (data.answered) {
    chart("chart-answered", {
      type: "doughnut",
      data: { labels: data.answered.labels, datasets: [{ data: data.answered.data, backgroundColor: [palette[1], "#d62728"] }] },
    });
  }
  if (data.feedback) {
    chart("chart-feedback", {
      type: "bar",
      data: { labels: data.feedback.labels, datasets: [{ label: text.count, data: data.feedback.data, backgroundColor: [palette[1], "#d62728"] }] },
      options: { scales: { y: integerAxis(false) } },
    });
  }

  // === unanswered queue: "đã xem" toggles
  var queueError = document.getElementById("queue-error");
  function showError(message) {
    if (!queueError) return;
    queueError.textContent = message || "";
    queueError.hidden = !message;
  }

  // A staff JSON POST: a lapsed session goes to the login page (resolves undefined), other errors reject.
  function postJson(url, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    }).then(function (response) {
      if (response.status === 401) {
        window.location.href = "/dashboard/login";
        return undefined;
      }
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  Array.prototype.forEach.call(document.querySelectorAll("button.toggle"), function (button) {
    button.addEventListener("click", function () {
      var next = button.getAttribute("aria-pressed") !== "true";
      button.disabled = true;
      postJson("/api/stats/unanswered/" + encodeURIComponent(button.getAttribute("data-id")) + "/reviewed", { reviewed: next })
        .then(function (result) {
          if (!result) return;
          button.setAttribute("aria-pressed", String(next));
          button.textContent = next ? text.reviewed : text.notReviewed;
          button.title = next ? text.markNotReviewed : text.markReviewed;
          var row = button.closest("tr");
          if (row) row.classList.toggle("is-reviewed", next);
          showError("");
        })
        .catch(function () {
          showError(text.toggleFailed);
        })
        .then(function () {
          button.disabled = false;
        });
    });
  });

  // === the bot's replies: "trả lời sai" / "chưa đủ" put the question in the follow-up queue
  var flagStatus = document.getElementById("flag-status");
  var flagError = document.getElementById("flag-error");
  function setFlag(box, flag) {
    var id = box.getAttribute("data-id");
    var buttons = box.querySelectorAll("button");
    Array.prototype.forEach.call(buttons, function (b) {
      b.disabled = true;
    });
    if (flagError) flagError.hidden = true;
    postJson("/api/stats/records/" + encodeURIComponent(id) + "/flag", { flag: flag })
      .then(function (result) {
        if (!result) return;
        Array.prototype.forEach.call(box.querySelectorAll("button.flag"), function (b) {
          b.setAttribute("aria-pressed", String(b.getAttribute("data-flag") === flag));
        });
        var clear = box.querySelector("button.flag-clear");
        if (clear) clear.hidden = !flag;
        var row = box.closest("tr");
        if (row) {
          if (flag) row.setAttribute("data-flag", flag);
          else row.removeAttribute("data-flag");
        }
        if (flagStatus) flagStatus.textContent = flag ? text.flagSaved : text.flagCleared;
      })
      .catch(function () {
        if (flagError) {
          flagError.textContent = text.toggleFailed;
          flagError.hidden = false;
        }
      })
      .then(function () {
        Array.prototype.forEach.call(buttons, function (b) {
          b.disabled = false;
        });
      });
  }
  Array.prototype.forEach.call(document.querySelectorAll(".flag-buttons"), function (box) {
    Array.prototype.forEach.call(box.querySelectorAll("button.flag"), function (button) {
      button.addEventListener("click", function () {
        setFlag(box, button.getAttribute("data-flag"));
      });
    });
    var clear = box.querySelector("button.flag-clear");
    if (clear) {
      clear.addEventListener("click", function () {
        setFlag(box, null);
      });
    }
  });
})();
