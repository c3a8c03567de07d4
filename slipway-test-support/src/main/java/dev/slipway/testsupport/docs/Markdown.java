package dev.slipway.testsupport.docs;

import java.util.Locale;

/** The bits of Markdown the generated pages and the docs tests share. */
public final class Markdown {
    private Markdown() {
    }

    /** Text that renders as written: {@code <dir>} is not a tag, {@code *} not emphasis, {@code |} not a cell end. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            if ("\\`*<>[]|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    /** GitHub's id of a heading: lower case, punctuation other than '-' and '_' dropped, spaces as '-'. */
    public static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }
}
