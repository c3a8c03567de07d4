package dev.slipway.gitops;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A manifest file decoded strictly as UTF-8, with a byte-order mark kept aside so edits can be spliced into the
 * text and the file written back with exactly the bytes it had outside the edits.
 */
final class SourceText {
    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    final String path;
    final byte[] bytes;
    final boolean bom;
    final String text;
    private final boolean hasSurrogates;

    private SourceText(String path, byte[] bytes, boolean bom, String text) {
        this.path = path;
        this.bytes = bytes;
        this.bom = bom;
        this.text = text;
        this.hasSurrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    static SourceText decode(String path, byte[] bytes) {
        if (startsWith(bytes, new byte[] {(byte) 0xFE, (byte) 0xFF}) || startsWith(bytes, new byte[] {(byte) 0xFF, (byte) 0xFE})) {
            throw new ManifestException(path, 0, 0, "the file is UTF-16 or UTF-32 (it starts with that byte-order mark)",
                    "save it as UTF-8; Kubernetes tools expect UTF-8 manifests");
        }
        boolean bom = startsWith(bytes, UTF8_BOM);
        int offset = bom ? UTF8_BOM.length : 0;
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        try {
            CharBuffer chars = decoder.decode(input);
            String text = chars.toString();
            int nul = text.indexOf('\0');
            if (nul >= 0) {
                throw new ManifestException(path, lineOf(text, nul), 0, "the file contains a NUL character, so it is not a text manifest",
                        "remove the file from the updated paths or fix its encoding");
            }
            return new SourceText(path, bytes, bom, text);
        } catch (MalformedInputException malformed) {
            int at = offset + findBadByte(bytes, offset);
            throw new ManifestException(path, 0, 0, "the file is not valid UTF-8 (byte offset " + at + ")",
                    "save it as UTF-8; the updater does not guess other encodings");
        } catch (CharacterCodingException other) {
            throw new ManifestException(path, 0, 0, "the file is not valid UTF-8", "save it as UTF-8");
        }
    }

    /** The bytes of {@code newText}, with the byte-order mark if the original had one. */
    byte[] encode(String newText) {
        byte[] body = newText.getBytes(StandardCharsets.UTF_8);
        if (!bom) {
            return body;
        }
        byte[] out = Arrays.copyOf(UTF8_BOM, UTF8_BOM.length + body.length);
        System.arraycopy(body, 0, out, UTF8_BOM.length, body.length);
        return out;
    }

    /** snakeyaml-engine marks count code points; Java strings count UTF-16 units. */
    int charIndex(int codePointIndex) {
        return hasSurrogates ? text.offsetByCodePoints(0, codePointIndex) : codePointIndex;
    }

    /** The line break used after {@code index}'s line, or the file's first one, or LF. */
    String lineBreakAt(int lineEnd) {
        if (lineEnd > 0 && lineEnd < text.length() && text.charAt(lineEnd) == '\n' && text.charAt(lineEnd - 1) == '\r') {
            return "\r\n";
        }
        int first = text.indexOf('\n');
        return first > 0 && text.charAt(first - 1) == '\r' ? "\r\n" : "\n";
    }

    static int lineOf(String text, int index) {
        int line = 1;
        for (int i = 0; i < index && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static int findBadByte(byte[] bytes, int offset) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer input = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
        CharBuffer out = CharBuffer.allocate(bytes.length + 1);
        decoder.decode(input, out, true);
        return input.position() - offset;
    }
}
