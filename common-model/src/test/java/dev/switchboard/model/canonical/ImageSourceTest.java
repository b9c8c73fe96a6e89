package dev.switchboard.model.canonical;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ImageSourceTest {

    @Test
    void splitsABase64DataUrl() {
        ImageSource.Url url = new ImageSource.Url("data:image/png;base64,iVBORw0KGgo=");

        assertThat(url.isDataUrl()).isTrue();
        assertThat(url.toBase64()).isEqualTo(new ImageSource.Base64("image/png", "iVBORw0KGgo="));
    }

    @Test
    void ignoresParametersBeforeTheBase64Marker() {
        assertThat(new ImageSource.Url("DATA:image/jpeg;name=a.jpg;base64,/9j/4AAQ").toBase64())
                .isEqualTo(new ImageSource.Base64("image/jpeg", "/9j/4AAQ"));
    }

    @Test
    void httpAndNonBase64UrlsDoNotSplit() {
        assertThat(new ImageSource.Url("https://example.com/a.png").toBase64()).isNull();
        assertThat(new ImageSource.Url("data:image/svg+xml,<svg/>").toBase64()).isNull();
        assertThat(new ImageSource.Url("data:image/png;base64").toBase64()).isNull();
    }

    @Test
    void base64RoundTripsToTheSameDataUrl() {
        String dataUrl = "data:image/webp;base64,UklGRg==";

        assertThat(new ImageSource.Url(dataUrl).toBase64().toDataUrl()).isEqualTo(dataUrl);
    }
}
