package dev.switchboard.model.canonical;

/** Where an image's bytes come from. A {@code data:} URL stays a URL until a dialect needs it split. */
public sealed interface ImageSource {

    /** An {@code http(s)} or {@code data:} URL, as the caller sent it. */
    record Url(String url) implements ImageSource {

        public boolean isDataUrl() {
            return url.regionMatches(true, 0, "data:", 0, 5);
        }

        /**
         * Splits a base64 {@code data:} URL into media type and data.
         *
         * @return {@code null} when this is not a base64 data URL
         */
        public Base64 toBase64() {
            if (!isDataUrl()) {
                return null;
            }
            int comma = url.indexOf(',', 5);
            if (comma < 0) {
                return null;
            }
            int semicolon = url.lastIndexOf(';', comma);
            if (semicolon < 5 || !url.regionMatches(true, semicolon, ";base64", 0, 7)) {
                return null;
            }
            int mediaTypeEnd = url.indexOf(';', 5);
            return new Base64(url.substring(5, mediaTypeEnd), url.substring(comma + 1));
        }
    }

    /** Base64 bytes with their media type, e.g. {@code image/png}. */
    record Base64(String mediaType, String data) implements ImageSource {

        public String toDataUrl() {
            return new StringBuilder(data.length() + mediaType.length() + 13).append("data:")
                    .append(mediaType)
                    .append(";base64,")
                    .append(data)
                    .toString();
        }
    }
}
