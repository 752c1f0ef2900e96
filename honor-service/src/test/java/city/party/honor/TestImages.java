package city.party.honor;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Tiny but well-formed-enough images carrying metadata that must not survive an upload. */
public final class TestImages {

    public static final String SECRET = "GPS 31.2304N 121.4737E owner 陈明";

    private TestImages() {
    }

    public static byte[] jpegWithExif() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xD8 });
        segment(out, 0xE0, "JFIF\0\1\1\0\0\1\0\1\0\0".getBytes(StandardCharsets.ISO_8859_1));
        segment(out, 0xE1, ("Exif\0\0" + SECRET).getBytes(StandardCharsets.UTF_8));
        segment(out, 0xFE, "comment by camera".getBytes(StandardCharsets.UTF_8));
        segment(out, 0xDB, new byte[65]);
        out.writeBytes(new byte[] { (byte) 0xFF, (byte) 0xDA, 0, 8, 1, 1, 0, 0, 63, 0, 1, 2, 3, 4, (byte) 0xFF,
                (byte) 0xD9 });
        return out.toByteArray();
    }

    public static byte[] pngWithText() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' });
        chunk(out, "IHDR", new byte[] { 0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0 });
        chunk(out, "tEXt", ("Author\0" + SECRET).getBytes(StandardCharsets.UTF_8));
        chunk(out, "IDAT", new byte[] { 1, 2, 3 });
        chunk(out, "IEND", new byte[0]);
        return out.toByteArray();
    }

    private static void segment(ByteArrayOutputStream out, int marker, byte[] payload) {
        int length = payload.length + 2;
        out.writeBytes(new byte[] { (byte) 0xFF, (byte) marker, (byte) (length >> 8), (byte) length });
        out.writeBytes(payload);
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
        int n = data.length;
        out.writeBytes(new byte[] { (byte) (n >> 24), (byte) (n >> 16), (byte) (n >> 8), (byte) n });
        out.writeBytes(type.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data);
        out.writeBytes(new byte[4]);
    }
}
