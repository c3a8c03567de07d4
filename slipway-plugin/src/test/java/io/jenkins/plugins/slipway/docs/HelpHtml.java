package io.jenkins.plugins.slipway.docs;

import dev.slipway.testsupport.docs.Markdown;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Jenkins help file ({@code help-<field>.html}: a fragment of paragraphs, code, lists and links) as Markdown, so the
 * reference shows the same text the form's help button does.
 */
final class HelpHtml {
    private static final Pattern TOKEN = Pattern.compile("<!--.*?-->|<(/?)([a-zA-Z][a-zA-Z0-9]*)([^>]*)>|([^<]+)",
            Pattern.DOTALL);
    private static final Pattern HREF = Pattern.compile("href\\s*=\\s*[\"']([^\"']*)[\"']");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);");

    private HelpHtml() {
    }

    static String toMarkdown(String html) {
        StringBuilder out = new StringBuilder();
        Deque<int[]> lists = new ArrayDeque<>(); // per open list: {ordered ? 1 : 0, next number}
        Deque<String> links = new ArrayDeque<>();
        int code = 0;
        boolean pre = false;
        Matcher m = TOKEN.matcher(html);
        while (m.find()) {
            if (m.group(4) != null) {
                String text = decode(m.group(4));
                if (pre) {
                    // HTML drops a line break right after <pre>
                    out.append(out.toString().endsWith("```\n") && text.startsWith("\n") ? text.substring(1) : text);
                } else {
                    text = text.replaceAll("\\s+", " ");
                    if (atLineStart(out)) {
                        text = text.stripLeading();
                    }
                    out.append(code > 0 ? text : Markdown.escape(text));
                }
                continue;
            }
            if (m.group(2) == null) {
                continue; // a comment
            }
            boolean closing = !m.group(1).isEmpty();
            String tag = m.group(2).toLowerCase(Locale.ROOT);
            switch (tag) {
                case "p", "div", "dl", "dd" -> paragraph(out, lists.size());
                case "dt" -> {
                    if (!closing) {
                        paragraph(out, lists.size());
                    }
                    out.append("**");
                }
                case "br" -> out.append('\n').append("  ".repeat(lists.size()));
                case "code", "tt", "kbd" -> {
                    if (!pre) {
                        out.append('`');
                        code += closing ? -1 : 1;
                    }
                }
                case "pre" -> {
                    if (closing) {
                        if (out.charAt(out.length() - 1) != '\n') {
                            out.append('\n');
                        }
                        out.append("```\n\n");
                        pre = false;
                    } else {
                        paragraph(out, lists.size());
                        out.append("```\n");
                        pre = true;
                    }
                }
                case "b", "strong" -> out.append("**");
                case "i", "em" -> out.append('_');
                case "a" -> {
                    if (closing) {
                        String href = links.isEmpty() ? "" : links.pop();
                        out.append(href.isEmpty() ? "" : "](" + href + ")");
                    } else {
                        Matcher href = HREF.matcher(m.group(3));
                        String target = href.find() ? decode(href.group(1)) : "";
                        links.push(target);
                        out.append(target.isEmpty() ? "" : "[");
                    }
                }
                case "ul", "ol" -> {
                    if (closing) {
                        lists.pop();
                        paragraph(out, lists.size());
                    } else {
                        newLine(out);
                        lists.push(new int[] {tag.equals("ol") ? 1 : 0, 1});
                    }
                }
                case "li" -> {
                    if (!closing && !lists.isEmpty()) {
                        newLine(out);
                        int[] list = lists.peek();
                        out.append("  ".repeat(lists.size() - 1)).append(list[0] == 1 ? list[1]++ + ". " : "- ");
                    }
                }
                default -> {
                    // other tags (span, …) carry no structure Markdown keeps
                }
            }
        }
        return out.toString().replaceAll("[ \t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static boolean atLineStart(StringBuilder out) {
        int i = out.length() - 1;
        while (i >= 0 && out.charAt(i) == ' ') {
            i--;
        }
        return i < 0 || out.charAt(i) == '\n' || out.toString().endsWith("- ") || out.toString().matches("(?s).*\\d\\. $");
    }

    private static void paragraph(StringBuilder out, int listDepth) {
        if (listDepth > 0) {
            return; // inside a list item, block tags do not end the item
        }
        if (out.length() > 0) {
            out.append("\n\n");
        }
    }

    private static void newLine(StringBuilder out) {
        if (out.length() > 0 && out.charAt(out.length() - 1) != '\n') {
            out.append('\n');
        }
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "lt" -> "<";
                case "gt" -> ">";
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> " ";
                case "hellip" -> "…";
                case "rarr" -> "→";
                default -> entity.startsWith("#x") ? Character.toString(Integer.parseInt(entity.substring(2), 16))
                        : entity.startsWith("#") ? Character.toString(Integer.parseInt(entity.substring(1)))
                        : m.group();
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
