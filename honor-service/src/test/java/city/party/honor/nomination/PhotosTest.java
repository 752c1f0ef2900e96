package city.party.honor.nomination;

import java.nio.charset.StandardCharsets;

import city.party.honor.TestImages;
import city.party.honor.nomination.domain.Photos;
import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PhotosTest {

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void jpegLosesExifAndCommentsButKeepsImageData() {
        byte[] original = TestImages.jpegWithExif();
        byte[] clean = Photos.withoutMetadata(original);
        assertThat(Photos.typeOf(clean)).isEqualTo(Photos.JPEG);
        assertThat(text(original)).contains("GPS");
        assertThat(text(clean)).doesNotContain("GPS").doesNotContain("comment by camera").contains("JFIF");
        assertThat(clean[clean.length - 1] & 0xFF).isEqualTo(0xD9);
    }

    @Test
    void pngLosesTextChunks() {
        byte[] clean = Photos.withoutMetadata(TestImages.pngWithText());
        assertThat(Photos.typeOf(clean)).isEqualTo(Photos.PNG);
        assertThat(text(clean)).doesNotContain("GPS").contains("IHDR").contains("IDAT").contains("IEND");
    }

    @Test
    void anythingElseIsRefused() {
        assertThatThrownBy(() -> Photos.withoutMetadata("<svg onload=alert(1)>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ProblemException.class,
                        p -> assertThat(p.type()).isEqualTo(ProblemType.UNSUPPORTED_MEDIA_TYPE));
        byte[] truncated = java.util.Arrays.copyOf(TestImages.jpegWithExif(), 12);
        assertThatThrownBy(() -> Photos.withoutMetadata(truncated)).isInstanceOf(ProblemException.class);
    }
}
