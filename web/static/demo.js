/* Shows the article (from /article.json, read from the knowledge file's source) beside the chat. */
(function () {
  "use strict";

  function el(tag, text) {
    var node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function render(article) {
    var target = document.getElementById("article");
    target.textContent = "";
    var paragraphs = article.paragraphs.slice();
    target.appendChild(el("h1", paragraphs.shift() || article.title));
    target.appendChild(el("p", article.publisher + ", " + article.published)).className = "byline";
    paragraphs.forEach(function (text) {
      // Short lines ending in "?" are the article's own section headings.
      var isHeading = text.length < 90 && /\?$/.test(text) && text.indexOf("\n") === -1;
      target.appendChild(el(isHeading ? "h2" : "p", text));
    });
    target.setAttribute("aria-busy", "false");
  }

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
