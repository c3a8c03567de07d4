package dev.slipway.gitops;

import dev.slipway.support.InvalidInputException;

/**
 * A manifest the updater refuses: it does not parse, is too large, is not UTF-8, leaves the root, or holds the
 * image in a form that cannot be edited safely. Nothing is written when one is thrown. The message names the
 * file (relative to the root) and, when known, line and column; it never quotes file content.
 */
public final class ManifestException extends InvalidInputException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;
    private final int column;

    public ManifestException(String file, int line, int column, String message, String fix) {
        super(location(file, line, column), message, fix);
        this.file = file;
        this.line = line;
        this.column = column;
    }

    private static String location(String file, int line, int column) {
        return file + (line > 0 ? ":" + line + (column > 0 ? ":" + column : "") : "");
    }

    /** The file, relative to the update root. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the whole file is meant. */
    public int line() {
        return line;
    }

    /** 1-based column, or 0. */
    public int column() {
        return column;
    }
}
