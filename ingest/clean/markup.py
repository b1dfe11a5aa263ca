"""Turn HTML fragments from partner feeds into plain text with paragraph breaks."""

import html
import re
from html.parser import HTMLParser

# Tags that end a line or a paragraph in rendered HTML; everything else is inline.
LINE_TAGS = {"br", "li", "tr", "dt", "dd"}
BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "h1", "h2", "h3", "h4", "h5", "h6",
              "blockquote", "section", "article", "header", "footer", "pre", "hr"}
# Content a reader never sees in a browser, so it is not part of the listing's text.
HIDDEN_TAGS = {"script", "style", "head", "title", "template", "noscript"}

LOOKS_LIKE_MARKUP = re.compile(r"<\s*/?\s*[a-zA-Z][^<>]*>|<!--")


class _TextCollector(HTMLParser):
    """Collect visible text, marking line and paragraph breaks."""

    def __init__(self):
        """Start with no text and outside any hidden element."""
        super().__init__(convert_charrefs=True)
        self.parts = []
        self.hidden = 0

    def handle_starttag(self, tag, attrs):
        """Enter hidden content or break the line."""
        if tag in HIDDEN_TAGS:
            self.hidden += 1
        self._break(tag)

    def handle_endtag(self, tag):
        """Leave hidden content; end a block."""
        if tag in HIDDEN_TAGS:
            self.hidden = max(0, self.hidden - 1)
        # A list item or row starts a line; its end tag must not add a blank line too.
        if tag in BLOCK_TAGS:
            self._break(tag)

    def handle_startendtag(self, tag, attrs):
        """Break the line for a self-closing tag such as <br/>."""
        self._break(tag)

    def handle_data(self, data):
        """Keep visible text."""
        if not self.hidden:
            self.parts.append(data)

    def _break(self, tag):
        """Add the line or paragraph break a tag implies."""
        if tag in BLOCK_TAGS:
            self.parts.append("\n\n")
        elif tag in LINE_TAGS:
            self.parts.append("\n")


def strip_markup(text):
    """Return `text` without tags, comments and entities; blocks become line breaks."""
    if not LOOKS_LIKE_MARKUP.search(text):
        # Plain text may still carry entities ("Food &amp; Shelter") from an HTML export.
        return html.unescape(text)
    collector = _TextCollector()
    collector.feed(text)
    collector.close()
    return "".join(collector.parts)
