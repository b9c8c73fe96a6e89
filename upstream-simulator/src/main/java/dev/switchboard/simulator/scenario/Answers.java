package dev.switchboard.simulator.scenario;

import java.util.ArrayList;
import java.util.List;

import dev.switchboard.model.dialect.TokenCounter;

/** The deterministic answer text and how it is cut into stream chunks. Shared by every dialect. */
public final class Answers {

    public static final int MAX_ANSWER_CHARS = 2000;
    /** A normal answer streams in at least this many content chunks, so that clients see a real stream. */
    public static final int MIN_PIECES = 4;
    /** Long answers group words so that a stream never costs more than this many writes. */
    public static final int MAX_PIECES = 32;

    private static final String ECHO_PREFIX = "echo: ";

    private Answers() {
    }

    /** The echo, with the number of images a {@code -vision} model saw when there were any. */
    public static String echo(String lastUserText, int images) {
        String echo = echo(lastUserText);
        return images > 0 ? echo + " [images: " + images + "]" : echo;
    }

    /** A short, content-free reasoning summary for {@code -reasoning} models. */
    static String reasoning(ToolScript.Step step, SimRequest request) {
        if (step instanceof ToolScript.Call call) {
            return "The user asked for the tool " + call.directive().name() + ". I will call it with the given "
                    + "arguments.";
        }
        if (step instanceof ToolScript.Done) {
            return "Every requested tool has returned its result. I will report that the work is done.";
        }
        String text = request.lastUserText() == null ? "" : request.lastUserText();
        return "The user wrote " + text.codePointCount(0, text.length()) + " characters. I will echo them back.";
    }

    /**
     * The longest prefix of the text with at most {@code maxTokens} tokens (binary search on code points: the
     * tokenizer only counts).
     */
    public static String truncateToTokens(String text, int maxTokens) {
        if (text == null || TokenCounter.count(text) <= maxTokens) {
            return text;
        }
        int low = 0;
        int high = text.codePointCount(0, text.length());
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (TokenCounter.count(text.substring(0, text.offsetByCodePoints(0, mid))) <= maxTokens) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return text.substring(0, text.offsetByCodePoints(0, low));
    }

    /** Tool call arguments streamed in a few fragments (at most {@link #MIN_PIECES}) that concatenate back. */
    public static List<String> argumentPieces(String json) {
        if (json == null || json.isEmpty()) {
            return List.of();
        }
        return byCodePoints(json);
    }

    public static String echo(String lastUserText) {
        String text = ECHO_PREFIX + (lastUserText == null ? "" : lastUserText);
        if (text.length() <= MAX_ANSWER_CHARS) {
            return text;
        }
        int end = MAX_ANSWER_CHARS;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    /**
     * Splits text into stream pieces that concatenate back to it: one word (with its trailing whitespace) per piece,
     * words grouped when there are more than {@link #MAX_PIECES}, and short texts split into {@link #MIN_PIECES}
     * parts by code point.
     */
    public static List<String> pieces(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        List<String> words = words(text);
        if (words.size() >= MIN_PIECES) {
            return words.size() <= MAX_PIECES ? words : group(words);
        }
        return byCodePoints(text);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            words.add(text.substring(start, i));
            start = i;
        }
        return words;
    }

    private static List<String> group(List<String> words) {
        int perPiece = (words.size() + MAX_PIECES - 1) / MAX_PIECES;
        List<String> pieces = new ArrayList<>(MAX_PIECES);
        StringBuilder piece = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            piece.append(words.get(i));
            if ((i + 1) % perPiece == 0 || i == words.size() - 1) {
                pieces.add(piece.toString());
                piece.setLength(0);
            }
        }
        return pieces;
    }

    private static List<String> byCodePoints(String text) {
        int codePoints = text.codePointCount(0, text.length());
        int count = Math.min(MIN_PIECES, codePoints);
        List<String> pieces = new ArrayList<>(count);
        int start = 0;
        for (int p = 1; p <= count; p++) {
            int end = p == count ? text.length() : text.offsetByCodePoints(0, codePoints * p / count);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }
}
