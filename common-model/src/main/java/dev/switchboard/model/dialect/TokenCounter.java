package dev.switchboard.model.dialect;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;

/**
 * Counts tokens with a real BPE tokenizer ({@code o200k_base}) when an upstream does not report usage, and for
 * admission estimates. Provider tokenizers differ; this is an estimate, recorded as such.
 */
public final class TokenCounter {

    private static final Encoding ENCODING = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    private TokenCounter() {
    }

    public static int count(CharSequence text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        return ENCODING.countTokensOrdinary(text.toString());
    }
}
