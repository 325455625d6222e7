// newsweave: the little JavaScript the pages use. Everything works without it; with it, opening a
// fact highlights its passages in every source column and scrolls each column to the first one.
(function () {
  "use strict";

  var ACTIVE = "is-active";

  function marksOf(root, index) {
    return root.querySelectorAll('mark[data-facts~="' + index + '"]');
  }

  function clearActive() {
    document.body.classList.remove("active-corroborated", "active-disputed", "active-single_source");
    document.querySelectorAll("mark." + ACTIVE + ", .fact." + ACTIVE).forEach(function (node) {
      node.classList.remove(ACTIVE);
    });
    document.querySelectorAll(".source").forEach(function (source) {
      source.classList.remove("has-active", "lacks-active");
      var status = source.querySelector(".source-status");
      if (status) status.textContent = "";
    });
  }

  function activate(index) {
    clearActive();
    var fact = document.getElementById("fact-" + index);
    if (fact) {
      fact.classList.add(ACTIVE);
      document.body.classList.add("active-" + fact.dataset.status);
    }
    document.querySelectorAll(".source").forEach(function (source) {
      var marks = marksOf(source, index);
      // A passage overlapping other facts' passages is cut into several marks; it starts at one.
      var passages = source.querySelectorAll('mark[data-opens~="' + index + '"]').length;
      var status = source.querySelector(".source-status");
      marks.forEach(function (mark) { mark.classList.add(ACTIVE); });
      source.classList.add(marks.length ? "has-active" : "lacks-active");
      if (status) {
        status.textContent = marks.length
          ? (passages === 1 ? "1 passage states this fact" : passages + " passages state this fact")
          : "Not stated in this source";
      }
      if (marks.length) {
        var body = source.querySelector(".source-body");
        if (body) body.scrollTop = Math.max(0, marks[0].offsetTop - 48);
      }
    });
  }

  function openFact(index, scroll) {
    var fact = document.getElementById("fact-" + index);
    if (!fact) return;
    fact.open = true;
    activate(index);
    if (scroll) fact.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var summary = target.closest(".fact > summary");
    if (summary) {
      var fact = summary.parentElement;
      // The click toggles the <details> after this handler: a closed fact is about to open.
      if (!fact.open) activate(fact.dataset.fact);
      else if (fact.classList.contains(ACTIVE)) clearActive();
      return;
    }
    var mark = target.closest("mark[data-facts]");
    if (mark) {
      openFact(mark.dataset.facts.split(" ")[0], true);
      return;
    }
    var opener = target.closest("[data-open-fact]");
    if (opener) {
      event.preventDefault();
      openFact(opener.getAttribute("data-open-fact"), true);
      return;
    }
    var filter = target.closest(".fact-filter button");
    if (filter) {
      var wanted = filter.dataset.filter;
      document.body.classList.remove("filter-disputed", "filter-corroborated", "filter-single_source");
      if (wanted !== "all") document.body.classList.add("filter-" + wanted);
      filter.parentElement.querySelectorAll("button").forEach(function (button) {
        button.setAttribute("aria-pressed", button === filter ? "true" : "false");
      });
    }
  });

  document.addEventListener("DOMContentLoaded", function () {
    var match = /^#fact-(\d+)$/.exec(window.location.hash);
    if (match) openFact(match[1], true);
  });
})();
