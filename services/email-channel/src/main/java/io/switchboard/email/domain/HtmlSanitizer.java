package io.switchboard.email.domain;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;
import org.jsoup.safety.Safelist;

/**
 * Customer HTML is hostile until proven otherwise: scripts, event handlers, styles, forms and
 * javascript: links are removed before any agent's browser sees it (jsoup's allow-list cleaner).
 */
public final class HtmlSanitizer {

    private static final Safelist SAFE = Safelist.relaxed()
            .addProtocols("img", "src", "cid")
            .addEnforcedAttribute("a", "rel", "noopener noreferrer nofollow");
    private static final Document.OutputSettings COMPACT = new Document.OutputSettings().prettyPrint(false);

    private HtmlSanitizer() {
    }

    public static String sanitize(String html) {
        return Jsoup.clean(html, "", SAFE, COMPACT);
    }

    /** The words of an HTML body with its line structure, for mail that has no text/plain part. */
    public static String toText(String html) {
        Document document = Jsoup.parse(html);
        document.outputSettings(COMPACT);
        document.select("script, style, head").remove();
        document.select("br").after("\\n");
        for (Element block : document.select("p, div, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre")) {
            block.prepend("\\n");
        }
        String text = Jsoup.clean(document.body().html(), "", Safelist.none(), COMPACT);
        return Parser.unescapeEntities(text, false)
                .replace("\\n", "\n")
                .replaceAll("[ \\t\\x0B\\f\\r]+", " ")
                .replaceAll(" *\n *", "\n")
                .replaceAll("\n{3,}", "\n\n")
                .strip();
    }
}
