package city.party.honor.nomination.domain;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import city.party.platform.web.ProblemException;
import city.party.platform.web.ProblemType;

/**
 * Photos of the deeds: JPEG or PNG only, recognised by their bytes (never by the name or the
 * declared type), and cleaned of metadata before they are stored — camera EXIF can carry GPS
 * positions and names, which have no place on a public honor roll.
 */
public final class Photos {

    public static final String JPEG = "image/jpeg";
    public static final String PNG = "image/png";

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
    /** PNG chunks that carry text or camera metadata; everything else is image data or rendering. */
    private static final Set<String> PNG_METADATA = Set.of("eXIf", "tEXt", "iTXt", "zTXt", "tIME");

    private Photos() {
    }

    /** The photo's media type from its first bytes. */
    public static String typeOf(byte[] bytes) {
        if (bytes.length > 3 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xD8 && (bytes[2] & 0xFF) == 0xFF) {
            return JPEG;
        }
        if (bytes.length > PNG_SIGNATURE.length && java.util.Arrays.equals(bytes, 0, PNG_SIGNATURE.length,
                PNG_SIGNATURE, 0, PNG_SIGNATURE.length)) {
            return PNG;
        }
        throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "nomination.photo-type",
                "A photo is a JPEG or PNG image.");
    }

    /** The image without its metadata segments/chunks; a malformed image is refused. */
    public static byte[] withoutMetadata(byte[] bytes) {
        try {
            return JPEG.equals(typeOf(bytes)) ? stripJpeg(bytes) : stripPng(bytes);
        }
        catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new ProblemException(ProblemType.UNSUPPORTED_MEDIA_TYPE, "nomination.photo-malformed",
                    "The image is damaged.");
        }
    }

    /** Drops APPn segments other than APP0 (JFIF), and comments, up to the start of scan. */
    private static byte[] stripJpeg(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, 2);
        int i = 2;
        while (i < in.length) {
            if ((in[i] & 0xFF) != 0xFF) {
                throw new IllegalArgumentException("not a marker");
            }
            int marker = in[i + 1] & 0xFF;
            if (marker == 0xDA) {
                out.write(in, i, in.length - i);
                return out.toByteArray();
            }
            int length = ((in[i + 2] & 0xFF) << 8) | (in[i + 3] & 0xFF);
            if (length < 2 || i + 2 + length > in.length) {
                throw new IllegalArgumentException("bad segment length");
            }
            boolean metadata = (marker >= 0xE1 && marker <= 0xEF) || marker == 0xFE;
            if (!metadata) {
                out.write(in, i, 2 + length);
            }
            i += 2 + length;
        }
        throw new IllegalArgumentException("no image data");
    }

    private static byte[] stripPng(byte[] in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        out.write(in, 0, PNG_SIGNATURE.length);
        int i = PNG_SIGNATURE.length;
        while (i + 12 <= in.length) {
            int length = ((in[i] & 0xFF) << 24) | ((in[i + 1] & 0xFF) << 16) | ((in[i + 2] & 0xFF) << 8)
                    | (in[i + 3] & 0xFF);
            if (length < 0 || i + 12 + length > in.length) {
                throw new IllegalArgumentException("bad chunk length");
            }
            String type = new String(in, i + 4, 4, StandardCharsets.US_ASCII);
            if (!PNG_METADATA.contains(type)) {
                out.write(in, i, 12 + length);
            }
            i += 12 + length;
            if (type.equals("IEND")) {
                return out.toByteArray();
            }
        }
        throw new IllegalArgumentException("no IEND");
    }
}
