/* Shows the article (from /article.json, read from the knowledge file's source) beside the chat,
 * and, when a quote in the chat is activated, scrolls to the sentences it quotes and highlights them. */
(function () {
  "use strict";

  var QUOTE_EVENT = "article-quote";
  var paragraphsShown = []; // per paragraph: its text (spaces squashed) and sentence spans

  function el(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function squash(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function renderParagraph(target, tag, sentences) {
    var node = document.createElement(tag);
    var spans = [];
    var text = "";
    sentences.forEach(function (sentence, i) {
      if (i > 0) {
        node.appendChild(document.createTextNode(" "));
        text += " ";
      }
      var span = el("span", sentence);
      span.className = "sentence";
      spans.push({ node: span, start: text.length, end: text.length + sentence.length });
      text += sentence;
      node.appendChild(span);
    });
    target.appendChild(node);
    paragraphsShown.push({ text: text, spans: spans });
  }

  function render(article) {
    var target = document.getElementById("article");
    target.textContent = "";
    var paragraphs = article.paragraphs.slice();
    var sentences = article.sentences.slice();
    target.appendChild(el("h1", paragraphs.shift() || article.title));
    sentences.shift();
    target.appendChild(el("p", article.publisher + ", " + article.published)).className = "byline";
    paragraphs.forEach(function (text, i) {
      // Short lines ending in "?" are the article's own section headings.
      var isHeading = text.length < 90 && /\?$/.test(text) && text.indexOf("\n") === -1;
      renderParagraph(target, isHeading ? "h2" : "p", sentences[i]);
    });
    target.setAttribute("aria-busy", "false");
  }

  // The sentence spans covering a quote: the quote is verbatim article text
  // (the knowledge file's validator checks it), one or more whole sentences.
  function spansFor(quote) {
    var wanted = squash(quote);
    for (var i = 0; i < paragraphsShown.length; i++) {
      var paragraph = paragraphsShown[i];
      var at = paragraph.text.indexOf(wanted);
      if (at !== -1) {
        return paragraph.spans.filter(function (span) {
          return span.end > at && span.start < at + wanted.length;
        });
      }
    }
    return [];
  }

  function show(quote) {
    var spans = spansFor(quote);
    var previous = document.querySelectorAll(".sentence-shown");
    for (var i = 0; i < previous.length; i++) {
      previous[i].classList.remove("sentence-shown");
    }
    if (!spans.length) {
      return;
    }
    spans.forEach(function (span) {
      span.node.classList.add("sentence-shown");
    });
    spans[0].node.scrollIntoView({ behavior: "smooth", block: "center" });
  }

  document.addEventListener(QUOTE_EVENT, function (event) {
    if (event.detail && typeof event.detail.text === "string") {
      show(event.detail.text);
    }
  });

  fetch("/article.json")
    .then(function (response) {
      if (!response.ok) {
        throw new Error(response.status);
      }
      return response.json();
    })
    .then(render)
    .catch(function () {
      var target = document.getElementById("article");
      target.textContent = "";
      target.appendChild(el("p", "The article could not be loaded."));
      target.setAttribute("aria-busy", "false");
    });
})();
