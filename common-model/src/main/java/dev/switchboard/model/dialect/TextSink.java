package dev.switchboard.model.dialect;

/** Receives, part by part, the text a model reads from a request: for an estimate, or for an exact count. */
public interface TextSink {

    void append(CharSequence text);

    /** Collects the text for {@link TokenCounter}, one line per part. */
    final class Collected implements TextSink {
        private final StringBuilder text = new StringBuilder(256);

        @Override
        public void append(CharSequence part) {
            text.append(part).append('\n');
        }

        public int countTokens() {
            return TokenCounter.count(text);
        }

        public String text() {
            return text.toString();
        }
    }
}
